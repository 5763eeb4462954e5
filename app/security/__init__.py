"""Key handling for the encrypted customer file (no Qt, no database code)."""
