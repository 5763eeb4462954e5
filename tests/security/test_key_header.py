"""Key slots: wrapping, unwrapping, tag checks, rewrap, damaged headers."""

from __future__ import annotations

import json

import pytest

from app.errors import DamagedFile, InvalidInput, WrongPassword
from app.security import kdf, recovery_key
from app.security.key_header import SLOT_PASSWORD, SLOT_RECOVERY, KeyHeader

PW = "Pass 'word' \"双引号\" 中文 😀🔑"


def test_password_and_recovery_slots_unwrap_the_same_data_key():
    header, data_key, recovery = KeyHeader.create(PW)
    assert len(data_key) == 32
    assert header.unlock_with_password(PW) == data_key
    assert header.unlock_with_recovery_key(recovery) == data_key
    assert {s.kind for s in header.slots} == {SLOT_PASSWORD, SLOT_RECOVERY}


def test_wrong_password_is_told_by_the_gcm_tag():
    header, _, _ = KeyHeader.create(PW)
    with pytest.raises(WrongPassword):
        header.unlock_with_password(PW + " ")
    with pytest.raises(WrongPassword):
        header.unlock_with_password("")


def test_password_is_nfc_normalised():
    decomposed = "Cafe\u0301 密码"  # e + combining acute
    composed = "Caf\u00e9 密码"
    header, key, _ = KeyHeader.create(decomposed)
    assert header.unlock_with_password(composed) == key


def test_wrong_recovery_key_and_mistyped_recovery_key_differ():
    header, _, recovery = KeyHeader.create(PW)
    _, other = recovery_key.generate()
    with pytest.raises(WrongPassword):
        header.unlock_with_recovery_key(other)
    mistyped = ("B" if recovery[0] != "B" else "C") + recovery[1:]
    with pytest.raises(InvalidInput, match="mistyped"):
        header.unlock_with_recovery_key(mistyped)
    with pytest.raises(InvalidInput, match="36"):
        header.unlock_with_recovery_key("ABCD-EFGH")


def test_recovery_key_tolerates_case_spaces_and_confusable_characters():
    raw, text = recovery_key.generate()
    assert recovery_key.parse(text.lower().replace("-", " ")) == raw
    assert recovery_key.parse(text.replace("O", "0").replace("I", "1").replace("B", "8")) == raw


def test_slot_parameters_are_stored_and_used(monkeypatch):
    header, key, _ = KeyHeader.create(PW)
    params = header.slot(SLOT_PASSWORD).kdf_params
    assert params["name"] == "argon2id" and "salt" in params
    # Later default changes must not break files made with the old parameters.
    monkeypatch.setitem(kdf.DEFAULT_PASSWORD_KDF, "memory_kib", 2048)
    reloaded = KeyHeader.from_bytes(header.to_bytes())
    assert reloaded.unlock_with_password(PW) == key


def test_rewrap_changes_only_the_password_slot():
    header, key, recovery = KeyHeader.create(PW)
    recovery_slot = header.slot(SLOT_RECOVERY)
    header.set_slot(SLOT_PASSWORD, kdf.password_bytes("new password"), key)
    assert header.slot(SLOT_RECOVERY) == recovery_slot
    assert header.unlock_with_password("new password") == key
    with pytest.raises(WrongPassword):
        header.unlock_with_password(PW)
    assert header.unlock_with_recovery_key(recovery) == key


def test_slots_cannot_be_moved_between_files():
    a, _, _ = KeyHeader.create(PW)
    b, _, _ = KeyHeader.create(PW)
    a.slots = b.slots  # same password, but the slots are bound to b's file id
    with pytest.raises(WrongPassword):
        a.unlock_with_password(PW)


def test_save_and_load_round_trip(tmp_path):
    header, key, _ = KeyHeader.create(PW)
    path = tmp_path / "x.db.keys"
    header.save(path)
    assert KeyHeader.load(path).unlock_with_password(PW) == key
    assert not list(tmp_path.glob("*.tmp")), "atomic write leaves no temp file"


@pytest.mark.parametrize("content", [b"", b"\x00\xff garbage", b"{}", b"[1, 2]",
                                     b'{"format": "kehu-key-header", "version": 99}',
                                     b'{"format": "kehu-key-header", "version": 1}'])
def test_damaged_header_is_reported_as_damaged(tmp_path, content):
    path = tmp_path / "x.db.keys"
    path.write_bytes(content)
    with pytest.raises(DamagedFile):
        KeyHeader.load(path)


def test_tampered_slot_is_not_a_crash(tmp_path):
    header, _, _ = KeyHeader.create(PW)
    doc = json.loads(header.to_bytes())
    doc["slots"][0]["nonce"] = "***"
    with pytest.raises(DamagedFile):
        KeyHeader.from_bytes(json.dumps(doc).encode()).unlock_with_password(PW)


def test_missing_header_names_the_file(tmp_path):
    with pytest.raises(DamagedFile, match="missing"):
        KeyHeader.load(tmp_path / "nope.keys")
