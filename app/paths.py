"""Where Kehu's own files are, from a source tree and from a PyInstaller bundle alike.

The one module of app/ that looks at `__file__` to find anything (a test holds every
other module to that): resources/ (translations, the font) and migrations/ (Alembic's
env.py and versions) are read through `resource_path()`.

- From source (`python main.py`, an editable install): the project root, two levels above
  this file.
- Frozen (PyInstaller, `sys.frozen` set): the bundle's data folder, `sys._MEIPASS`
  (`_internal/` beside the executables of a one-folder build), where packaging/kehu.spec
  puts resources/ and migrations/ under the same names.

Nothing is ever written here: the bundle's folder may be read-only (Program Files), and
the customer file, settings and backups live in the per-user data directory
(app.config.data_dir).

The version has one source too, pyproject.toml: read from it in a source tree (so a bump
shows at once, without reinstalling), else from the installed distribution's metadata,
which the spec copies into the bundle (PyInstaller's copy_metadata).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

DISTRIBUTION = "kehu"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def resource_root() -> Path:
    """The folder that holds resources/ and migrations/."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).resolve().parent))
    return Path(__file__).resolve().parents[1]


def resource_path(*parts: str) -> Path:
    """A path below the resource root: resource_path("resources", "i18n")."""
    return resource_root().joinpath(*parts)


@functools.cache
def app_version() -> str:
    pyproject = resource_path("pyproject.toml")
    if not is_frozen() and pyproject.is_file():
        return _pyproject_version(pyproject)
    return _metadata_version()


def _pyproject_version(pyproject: Path) -> str:
    import tomllib

    with pyproject.open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def _metadata_version() -> str:
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0+unknown"  # neither a source tree nor an installed distribution
