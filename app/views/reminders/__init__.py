"""Reminder dialogs: create/edit, complete, snooze."""
