"""The Action items page, and the open items of earlier reviews (the Prior actions page and
dialog).
"""
