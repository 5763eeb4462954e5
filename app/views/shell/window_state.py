"""Remember window geometry, splitter positions and list columns between runs."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings


def _store() -> QSettings:
    return QSettings("Kehu", "Kehu")


def save(key: str, value: QByteArray | bytes) -> None:
    _store().setValue(f"window/{key}", QByteArray(value))


def load(key: str) -> QByteArray | None:
    value = _store().value(f"window/{key}")
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None
