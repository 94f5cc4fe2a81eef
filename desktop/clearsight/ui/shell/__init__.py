"""The main window's frame: the window, its menus and toolbar, the review list, an open review's
agenda and meeting bar.
"""
