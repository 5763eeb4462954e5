"""Where a new file is suggested: the user's Documents folder (home if there is none),
under a name no file has yet (a second export of the day never replaces the first)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def documents_folder() -> Path:
    return Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home()))


def in_documents(name: str) -> str:
    """The suggested path of a new file called `name`."""
    return str(documents_folder() / name)


def free_path(path: Path | str) -> Path:
    """`path` if no file is there, else the first free `stem-2.ext`, `stem-3.ext`…"""
    path = Path(path)
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def free_in_documents(name: str) -> str:
    """The suggested path of a new file called `name`, or `name-2`… if it is taken."""
    return str(free_path(documents_folder() / name))
