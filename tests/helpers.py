"""Small helpers shared by tests."""

from __future__ import annotations

import hashlib
from pathlib import Path


def dir_fingerprint(directory: Path) -> dict[str, str]:
    """Every file beside the customer file, by name and SHA-256 of its bytes."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(Path(directory).iterdir()) if p.is_file()
    }
