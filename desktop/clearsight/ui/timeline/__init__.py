"""The Timeline page: the event table, the entry line, marks, and imports from the incident
channel.
"""
