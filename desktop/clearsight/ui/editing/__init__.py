"""What every page edits through: the review session (undo, autosave, save problems), undo
commands, field bindings and shared models.
"""
