"""Dialogs behind the Edit menu: possible duplicates and the recycle bin."""
