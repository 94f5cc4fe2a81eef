"""Slow work off the window's thread: jobs of named steps, and the bar that shows one."""
