"""The key header is checked before it is trusted: its checksum tells damage apart from a
wrong password, KDF parameters out of bounds are refused before any derivation, every
message names the file, and a key write killed in its temp-file window leaves nothing
behind after the next open."""

from __future__ import annotations

import json
import os
import signal

import pytest

from app.errors import DamagedFile, WrongPassword
from app.security import kdf
from app.security.key_header import SLOT_PASSWORD, KeyHeader, checksum_of
from app.security.vault import Vault
from app.store.atomic import lock_exclusive
from app.store.paths import key_header_path
from tests.conftest import PASSWORD

PW = "Pass 'word' \"双引号\" 中文 😀🔑"


@pytest.fixture
def header_file(tmp_path):
    header, key, _ = KeyHeader.create(PW)
    path = tmp_path / "k.db.keys"
    header.save(path)
    return path, key


def _doc(path) -> dict:
    return json.loads(path.read_text())


def _write(path, doc: dict, *, checksum: str = "recompute") -> None:
    """Write an edited header: checksum recomputed (consistent tampering), kept as it was
    (random damage), or dropped (a header from before checksums)."""
    if checksum == "recompute":
        doc["checksum"] = checksum_of(doc)
    elif checksum == "drop":
        doc.pop("checksum", None)
    path.write_text(json.dumps(doc, indent=2))


def _password_slot(doc: dict) -> dict:
    return next(s for s in doc["slots"] if s["type"] == SLOT_PASSWORD)


def _other_b64(value: str) -> str:
    raw = bytearray(kdf.b64d(value))
    raw[5] ^= 0x01
    return kdf.b64e(bytes(raw))


@pytest.mark.parametrize("field", ["wrapped_key", "nonce", "file_id"])
def test_an_altered_field_is_damage_not_a_wrong_password(header_file, field):
    path, _ = header_file
    doc = _doc(path)
    if field == "file_id":
        doc["file_id"] = doc["file_id"][:-1] + ("0" if doc["file_id"][-1] != "0" else "1")
    else:
        _password_slot(doc)[field] = _other_b64(_password_slot(doc)[field])
    _write(path, doc, checksum="keep")
    with pytest.raises(DamagedFile) as info:
        KeyHeader.load(path).unlock_with_password(PW)
    assert str(path) in str(info.value) and "checksum" in str(info.value)


def test_every_single_bit_flip_of_the_header_is_damage(header_file):
    path, _ = header_file
    data = path.read_bytes()
    for offset in range(len(data)):
        damaged = bytearray(data)
        damaged[offset] ^= 0x01
        with pytest.raises(DamagedFile):
            KeyHeader.from_bytes(bytes(damaged), path).unlock_with_password(PW)


def test_a_header_from_before_checksums_opens_and_gets_one_at_the_next_change(vault, db_path):
    path = key_header_path(db_path)
    doc = _doc(path)
    _write(path, doc, checksum="drop")
    vault.lock()
    with pytest.raises(WrongPassword):
        Vault.open_with_password(db_path, PASSWORD + "!")
    with Vault.open_with_password(db_path, PASSWORD) as old:
        assert not old.header.had_checksum
        old.change_password("the new password")
    doc = _doc(path)
    assert doc["checksum"] == checksum_of(doc)
    Vault.open_with_password(db_path, "the new password").lock()


def test_invalid_base64_names_the_file(header_file):
    path, _ = header_file
    doc = _doc(path)
    _password_slot(doc)["wrapped_key"] = "not base64 at all!"
    _write(path, doc)
    with pytest.raises(DamagedFile) as info:
        KeyHeader.load(path)
    assert str(path) in str(info.value) and "base64" in str(info.value)


@pytest.mark.parametrize(("name", "value"), [
    ("memory_kib", 2**40), ("memory_kib", 4), ("memory_kib", "262144"),
    ("iterations", 10**9), ("iterations", 0), ("lanes", 0), ("lanes", 1000),
    ("name", "scrypt-but-unknown")])
@pytest.mark.parametrize("checksum", ["recompute", "drop"])
def test_kdf_parameters_out_of_bounds_are_refused_before_deriving(
        header_file, monkeypatch, name, value, checksum):
    path, _ = header_file
    doc = _doc(path)
    _password_slot(doc)["kdf"][name] = value
    _write(path, doc, checksum=checksum)
    started = []

    class Never:
        def __init__(self, *args, **kwargs):
            started.append(kwargs)

        def derive(self, secret):
            raise AssertionError("a derivation started")

    monkeypatch.setattr(kdf, "Argon2id", Never)
    with pytest.raises(DamagedFile) as info:
        KeyHeader.load(path).unlock_with_password(PW)
    assert started == [] and str(path) in str(info.value)
    assert "damaged" in str(info.value)


def test_the_production_parameters_are_within_the_bounds():
    assert kdf.check_params(kdf.new_password_kdf_params()) is None
    params = {**kdf.new_password_kdf_params(), "memory_kib": 262144, "iterations": 2}
    assert kdf.check_params(params) is None
    assert kdf.check_params(kdf.new_recovery_kdf_params()) is None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() to kill a writer")
def test_a_key_write_killed_in_its_temp_window_is_cleaned_up_at_the_next_open(vault, db_path):
    folder = db_path.parent
    vault.lock()
    pid = os.fork()
    if pid == 0:  # the child changes the password and is killed just before the rename
        try:
            def killed(*args):
                os.kill(os.getpid(), signal.SIGKILL)

            os.replace = killed
            with Vault.open_with_password(db_path, PASSWORD) as child:
                child.change_password("never arrives")
        finally:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status)
    strays = [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert strays and all(p.name.startswith(".customers.db.keys.") for p in strays)
    with Vault.open_with_password(db_path, PASSWORD):  # the old password, as before
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_live_writers_temp_file_is_left_alone(vault, db_path):
    live = db_path.parent / f".{db_path.name}.keys.live1234.tmp"
    live.write_bytes(b"being written by another window")
    fd = os.open(live, os.O_RDONLY)
    try:
        lock_exclusive(fd)
        Vault.open_with_password(db_path, PASSWORD).lock()
        assert live.exists()
    finally:
        os.close(fd)
    Vault.open_with_password(db_path, PASSWORD).lock()
    assert not live.exists()
