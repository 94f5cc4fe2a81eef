"""The store layer's services: one per part of a review, each working in one session.

``Services`` (services/root.py) is the composition root the window and the CLI are given.
"""
