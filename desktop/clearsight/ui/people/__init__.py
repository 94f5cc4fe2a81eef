"""The people directory and the Details page's people."""
