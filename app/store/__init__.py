"""Storage plumbing, below every feature: the engine and its pragmas (SQLCipher, or any
SQLAlchemy URL), Alembic upgrades at open, backups, atomic file writes and the paths of
a customer file's neighbours. No Qt; nothing here knows about keys beyond the raw data
key it is handed (app.security owns the key slots and opens the keyed engine).

Faults: `faults` maps every SQLite result code and errno to its typed error (the one
place); `write_guard` hooks it into the engine and stops writes after damage;
`integrity` checks pages and b-trees; `restore_swap` puts a backup in place as a pair;
`tidy` puts right what a killed process left; `space` checks room before big writes."""
