"""How a raw SQLCipher connection is keyed and silenced (shared by the engine, the
read-only checks and backups)."""

from __future__ import annotations


def raw_key_pragma_value(data_key: bytes) -> str:
    """SQLCipher's raw-key syntax: no passphrase KDF, so opening takes < 1 ms."""
    return f"x'{data_key.hex()}'"


def quiet(dbapi_conn) -> None:
    """SQLCipher logs decryption failures to stderr; we report them ourselves."""
    dbapi_conn.execute("PRAGMA cipher_log_level = NONE")
