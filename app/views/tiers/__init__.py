"""Tiering rules, the revisit plan dialog and the tier actions of the main window."""
