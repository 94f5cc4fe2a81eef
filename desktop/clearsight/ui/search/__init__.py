"""Search: every review's text (Ctrl+Shift+F) or the open review's (Ctrl+F), hits in context."""
