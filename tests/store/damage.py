"""Damaging a real encrypted customer file the way disks and people do: bytes flipped
inside a page (of a named index or at random), a file cut short."""

from __future__ import annotations

import random
from pathlib import Path

PAGE_SIZE = 4096  # SQLCipher 4's default; checked against the file in page_of()


def root_page(vault, index_name: str) -> int:
    """The root page of a table's or an index's b-tree (sqlite_master.rootpage)."""
    with vault.engine.connect() as conn:
        page = conn.exec_driver_sql(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (index_name,)).scalar()
        assert int(conn.exec_driver_sql("PRAGMA page_size").scalar()) == PAGE_SIZE
    assert page, f"no b-tree named {index_name}"
    return int(page)


def flip(path: Path, offset: int, length: int = 1) -> None:
    """Invert `length` bytes at `offset` (every bit changes: never a no-op)."""
    data = bytearray(path.read_bytes())
    assert offset + length <= len(data)
    data[offset:offset + length] = bytes(b ^ 0xFF for b in data[offset:offset + length])
    path.write_bytes(bytes(data))


def flip_in_page(path: Path, page: int, length: int = 64, at: int = 1000) -> None:
    flip(path, (page - 1) * PAGE_SIZE + at, length)


def random_flips(path: Path, seed: int, count: int) -> list[tuple[int, int]]:
    """`count` (offset, length) pairs spread over the whole file, page 1 included."""
    size = path.stat().st_size
    rng = random.Random(seed)
    spots = []
    for _ in range(count):
        length = rng.choice((1, 1, 4, 64))
        spots.append((rng.randrange(0, size - length), length))
    return spots
