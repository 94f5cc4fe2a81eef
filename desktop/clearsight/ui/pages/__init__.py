"""One page per agenda phase (and one for the review's details)."""
