"""The complaints list and the open/resolve dialogs."""
