"""The incident timeline, Qt-free: typed entries, zones, marks and durations, chat imports."""
