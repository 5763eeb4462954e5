"""Key derivation for key slots. Parameters are stored in each slot, so they can
be raised later without breaking files made with older ones."""

from __future__ import annotations

import base64
import os
import unicodedata

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_LENGTH = 32
# The shortest password a new or changed key slot accepts (the CLI and the dialogs alike).
MIN_PASSWORD_LENGTH = 8

# Argon2id, memory-hard. ~0.45 s on a 2-core 2026 laptop-class machine
# (measured: 256 MiB, t=2, p=2); the only slow step, once per unlock.
DEFAULT_PASSWORD_KDF: dict = {"name": "argon2id", "iterations": 2, "memory_kib": 262144, "lanes": 2}


def b64e(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64d(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def password_bytes(password: str) -> bytes:
    """NFC so the same passphrase typed through different input methods matches."""
    return unicodedata.normalize("NFC", password).encode("utf-8")


def new_password_kdf_params() -> dict:
    return {**DEFAULT_PASSWORD_KDF, "salt": b64e(os.urandom(16))}


def new_recovery_kdf_params() -> dict:
    # The recovery key has 160 random bits: a fast KDF is enough.
    return {"name": "hkdf-sha256", "salt": b64e(os.urandom(16))}


# What a key slot may ask of the machine. A header is read before anything vouches for it:
# parameters outside these are damage (or tampering), refused before a derivation starts,
# never a 2^40 KiB allocation or a 10^9-pass hang. The floor is Argon2's own minimum
# (8 KiB per lane) at 1 MiB: a weak slot gains an attacker nothing (the data key is
# wrapped under the parameters it was made with), and the test suite uses 1 MiB.
ARGON2_MEMORY_KIB = (1024, 4 * 2**20)  # 1 MiB – 4 GiB
ARGON2_ITERATIONS = (1, 20)
ARGON2_LANES = (1, 16)
MIN_SALT_BYTES, MAX_SALT_BYTES = 8, 64


def _bounded(params: dict, name: str, bounds: tuple[int, int]) -> str | None:
    value = params.get(name)
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int):
        return f"{name} is not a whole number"
    if not low <= value <= high:
        return f"{name} {value} outside {low}–{high}"
    return None


def check_params(params: dict) -> str | None:
    """What is wrong with a slot's KDF parameters, or None if they are sane."""
    if not isinstance(params, dict):
        return "no KDF parameters"
    try:
        salt = b64d(str(params.get("salt", "")))
    except ValueError:
        return "the salt is not valid base64"
    if not MIN_SALT_BYTES <= len(salt) <= MAX_SALT_BYTES:
        return f"a salt of {len(salt)} bytes"
    name = params.get("name")
    if name == "argon2id":
        for key, bounds in (("memory_kib", ARGON2_MEMORY_KIB),
                            ("iterations", ARGON2_ITERATIONS), ("lanes", ARGON2_LANES)):
            if (problem := _bounded(params, key, bounds)) is not None:
                return problem
        if params["memory_kib"] < 8 * params["lanes"]:
            return "memory_kib below 8 KiB per lane"
        return None
    if name == "hkdf-sha256":
        return None
    return f"unknown KDF {name!r}"


def derive(secret: bytes, params: dict) -> bytes:
    """Derive the slot's wrapping key; raises ValueError on unknown or unsafe parameters."""
    problem = check_params(params)
    if problem is not None:
        raise ValueError(problem)
    name = params.get("name")
    salt = b64d(params["salt"])
    if name == "argon2id":
        return Argon2id(
            salt=salt,
            length=KEY_LENGTH,
            iterations=int(params["iterations"]),
            lanes=int(params["lanes"]),
            memory_cost=int(params["memory_kib"]),
        ).derive(secret)
    if name == "hkdf-sha256":
        return HKDF(
            algorithm=hashes.SHA256(), length=KEY_LENGTH, salt=salt, info=b"kehu recovery slot"
        ).derive(secret)
    raise ValueError(f"unknown KDF {name!r}")
