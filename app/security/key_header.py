"""Key slots, as in disk encryption: a random 256-bit data key opens the
database; it is stored only wrapped (AES-GCM) under keys derived from the
password and from the recovery key. The header is a small JSON file beside the
database. Changing the password rewraps the data key; the database is untouched.

The header is checked before it is trusted. A `checksum` (SHA-256 over the canonical JSON
of every other field) tells random damage apart from a wrong password: an altered
`wrapped_key` or `file_id` would otherwise only fail the GCM tag and look like a mistyped
password. Headers written before the checksum existed are accepted without it and get one
at the next password change. Every slot's fields are decoded and its KDF parameters held
to sane bounds (app.security.kdf.check_params) before any key derivation starts, so a
damaged `memory_kib` or `iterations` cannot exhaust memory or hang the unlock. Every
message names the key file.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.errors import DamagedFile, WrongPassword
from app.security import kdf, recovery_key
from app.store.atomic import atomic_write_bytes

FORMAT = "kehu-key-header"
VERSION = 1
SLOT_PASSWORD = "password"
SLOT_RECOVERY = "recovery"


_FIELDS = {"format", "version", "file_id", "created_at", "cipher", "slots", "checksum"}
NONCE_BYTES = 12
WRAPPED_BYTES = kdf.KEY_LENGTH + 16  # the data key and its GCM tag


def _damaged(path: Path | str, why_en: str, why_zh: str) -> DamagedFile:
    name = str(path) if str(path) else "(not saved yet)"
    return DamagedFile(
        f"The key file {name} is damaged or not a Kehu key file ({why_en}). Nothing was "
        "changed; restore it together with its customer file from a backup.",
        f"密钥文件 {name} 已损坏或不是客户档案的密钥文件（{why_zh}）。未做任何修改；"
        "请从备份中连同客户档案一起恢复。",
    )


def checksum_of(doc: dict) -> str:
    """SHA-256 over the canonical JSON of every field but the checksum itself."""
    body = {k: v for k, v in doc.items() if k != "checksum"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass
class KeySlot:
    kind: str
    kdf_params: dict
    nonce: str
    wrapped: str

    def to_json(self) -> dict:
        return {"type": self.kind, "kdf": self.kdf_params, "nonce": self.nonce,
                "wrapped_key": self.wrapped}

    @classmethod
    def from_json(cls, raw: dict) -> KeySlot:
        return cls(str(raw["type"]), dict(raw["kdf"]), str(raw["nonce"]),
                   str(raw["wrapped_key"]))

    def check(self, path: Path | str) -> None:
        """Decode every field and bound the KDF parameters, before any derivation."""
        try:
            nonce, wrapped = kdf.b64d(self.nonce), kdf.b64d(self.wrapped)
        except ValueError:
            raise _damaged(path, f"the {self.kind} slot is not valid base64",
                           f"{self.kind} 密钥槽不是有效的 base64") from None
        if len(nonce) != NONCE_BYTES or len(wrapped) != WRAPPED_BYTES:
            raise _damaged(path, f"the {self.kind} slot has the wrong length",
                           f"{self.kind} 密钥槽长度不对")
        problem = kdf.check_params(self.kdf_params)
        if problem is not None:
            raise _damaged(path, f"{self.kind} slot: {problem}", f"{self.kind} 密钥槽：{problem}")


@dataclass
class KeyHeader:
    file_id: str
    created_at: str
    slots: list[KeySlot] = field(default_factory=list)
    path: str = ""  # where it was loaded from, for messages
    had_checksum: bool = True  # False: an older header, rewritten with one when saved

    # --- creation and (un)wrapping -------------------------------------------------
    @classmethod
    def create(cls, password: str) -> tuple[KeyHeader, bytes, str]:
        """New header with a fresh data key. Returns (header, data key, recovery key text)."""
        created = datetime.now().isoformat(timespec="seconds")
        header = cls(file_id=str(uuid.uuid4()), created_at=created)
        data_key = os.urandom(kdf.KEY_LENGTH)
        recovery_raw, recovery_text = recovery_key.generate()
        header.set_slot(SLOT_PASSWORD, kdf.password_bytes(password), data_key)
        header.set_slot(SLOT_RECOVERY, recovery_raw, data_key)
        return header, data_key, recovery_text

    def _aad(self, kind: str) -> bytes:
        # Binds a slot to this file and its role: slots cannot be swapped around.
        return f"kehu-slot|v{VERSION}|{self.file_id}|{kind}".encode()

    def set_slot(self, kind: str, secret: bytes, data_key: bytes) -> None:
        params = (kdf.new_password_kdf_params() if kind == SLOT_PASSWORD
                  else kdf.new_recovery_kdf_params())
        wrapping_key = kdf.derive(secret, params)
        nonce = os.urandom(12)
        wrapped = AESGCM(wrapping_key).encrypt(nonce, data_key, self._aad(kind))
        slot = KeySlot(kind, params, kdf.b64e(nonce), kdf.b64e(wrapped))
        self.slots = [s for s in self.slots if s.kind != kind] + [slot]

    def slot(self, kind: str) -> KeySlot:
        for s in self.slots:
            if s.kind == kind:
                return s
        raise _damaged(self.path, f"no {kind} slot", f"缺少{kind}密钥槽")

    def _unwrap(self, kind: str, secret: bytes) -> bytes:
        slot = self.slot(kind)
        slot.check(self.path)  # bounds first: a damaged header never starts a derivation
        try:
            wrapping_key = kdf.derive(secret, slot.kdf_params)
            nonce, wrapped = kdf.b64d(slot.nonce), kdf.b64d(slot.wrapped)
        except (KeyError, ValueError, TypeError) as exc:
            raise _damaged(self.path, f"unreadable {kind} slot",
                           f"{kind}密钥槽无法读取") from exc
        try:
            # The GCM tag tells a wrong secret apart before SQLCipher is touched.
            return AESGCM(wrapping_key).decrypt(nonce, wrapped, self._aad(kind))
        except InvalidTag:
            raise WrongPassword() from None

    def unlock_with_password(self, password: str) -> bytes:
        return self._unwrap(SLOT_PASSWORD, kdf.password_bytes(password))

    def unlock_with_recovery_key(self, text: str) -> bytes:
        return self._unwrap(SLOT_RECOVERY, recovery_key.parse(text))

    # --- serialisation ---------------------------------------------------------
    def to_bytes(self) -> bytes:
        doc = {"format": FORMAT, "version": VERSION, "file_id": self.file_id,
               "created_at": self.created_at, "cipher": "sqlcipher4-raw-key",
               "slots": [s.to_json() for s in self.slots]}
        doc["checksum"] = checksum_of(doc)
        return (json.dumps(doc, indent=2) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes, path: Path | str = "") -> KeyHeader:
        try:
            doc = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise _damaged(path, "not JSON", "不是有效的 JSON") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise _damaged(path, "unknown format", "格式不符")
        unknown = set(doc) - _FIELDS
        if unknown:  # also a damaged "checksum" name: it must not pass for an old header
            raise _damaged(path, f"unknown field {sorted(unknown)[0]!r}", "含有未知字段")
        if "checksum" in doc and doc["checksum"] != checksum_of(doc):
            raise _damaged(path, "its checksum does not match: it was altered or damaged",
                           "校验和不符：文件已被改动或损坏")
        if doc.get("version") != VERSION:
            raise _damaged(path, f"version {doc.get('version')} unsupported",
                           f"不支持的版本 {doc.get('version')}")
        try:
            header = cls(str(doc["file_id"]), str(doc.get("created_at", "")),
                         [KeySlot.from_json(s) for s in doc["slots"]], str(path),
                         "checksum" in doc)
        except (KeyError, TypeError, AttributeError, ValueError):
            raise _damaged(path, "missing fields", "字段缺失") from None
        for slot in header.slots:
            slot.check(path)
        return header

    @classmethod
    def load(cls, path: Path | str) -> KeyHeader:
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise DamagedFile(
                f"The key file {path} is missing; without it the customer file cannot be opened. "
                "Restore it from a backup.",
                f"缺少密钥文件 {path}，没有它无法打开客户档案。请从备份中恢复。",
            ) from None
        return cls.from_bytes(data, path)

    def save(self, path: Path | str) -> None:
        atomic_write_bytes(path, self.to_bytes())
        self.path, self.had_checksum = str(path), True
