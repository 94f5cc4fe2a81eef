"""Insights: what the team learns across reviews, drawn for a projector, every bar a list."""
