"""Settings and the password change."""
