"""Whole records in and out of the window: importing a review file, verifying a record."""
