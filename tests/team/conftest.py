"""The team-mode tests' server: `pg_server` (one throwaway PostgreSQL per session) and
`pg_url` (a fresh empty database per test) live in tests/pg_server.py and are
registered for every test by tests/conftest.py, so that service tests elsewhere run on
PostgreSQL too (`any_store`) on the same one server."""
