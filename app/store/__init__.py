"""Storage plumbing, below every feature: the engine and its pragmas (SQLCipher, or any
SQLAlchemy URL), Alembic upgrades at open, backups, atomic file writes and the paths of
a customer file's neighbours. No Qt; nothing here knows about keys beyond the raw data
key it is handed (app.security owns the key slots and opens the keyed engine)."""
