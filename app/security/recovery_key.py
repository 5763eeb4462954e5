"""The one-time recovery key: 160 random bits shown as 8 groups of 4 base32
characters plus one checksum group, so a typo is told apart from a wrong key."""

from __future__ import annotations

import base64
import hashlib
import os

from app.errors import InvalidInput

_KEY_BYTES = 20
# Characters people confuse with base32 ones (base32 has no 0, 1, 8).
_CONFUSABLE = str.maketrans({"0": "O", "1": "I", "8": "B"})


def _checksum(raw: bytes) -> str:
    return base64.b32encode(hashlib.sha256(raw).digest()[:5]).decode("ascii")[:4]


def generate() -> tuple[bytes, str]:
    """Return (raw secret, printable form)."""
    raw = os.urandom(_KEY_BYTES)
    return raw, format_key(raw)


def format_key(raw: bytes) -> str:
    body = base64.b32encode(raw).decode("ascii") + _checksum(raw)
    return "-".join(body[i : i + 4] for i in range(0, len(body), 4))


def parse(text: str) -> bytes:
    """Printable form → raw secret; InvalidInput when it cannot be a recovery key."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_CONFUSABLE)
    if len(cleaned) != 36:
        raise InvalidInput(
            f"A recovery key has 36 letters and digits in 9 groups; this one has {len(cleaned)}.",
            f"恢复密钥应为 9 组共 36 个字母和数字，输入的有 {len(cleaned)} 个。",
        )
    try:
        raw = base64.b32decode(cleaned[:32])
    except ValueError:
        raw = b""
    if not raw or _checksum(raw) != cleaned[32:]:
        raise InvalidInput(
            "The recovery key looks mistyped (its last group does not match); check each group.",
            "恢复密钥似乎输错了（校验组不符），请逐组核对。",
        )
    return raw
