"""Team mode: one customer file on a shared PostgreSQL, with who-sees-what decided by
the database (roles and row-level security), not by the app. No PySide6 here."""
