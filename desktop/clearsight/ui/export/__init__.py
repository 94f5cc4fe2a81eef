"""Exporting the record: the dialog, secrets found before writing, and the export run."""
