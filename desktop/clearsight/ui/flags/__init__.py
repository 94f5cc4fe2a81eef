"""Language flags in the window: highlighting as one types, the Language panel, dismissals and the
team's language settings.
"""
