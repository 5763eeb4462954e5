"""Password protection of a finished workbook: standard Office (Agile, AES) encryption
by msoffcrypto-tool, which Excel, WPS and LibreOffice open with the password."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from app.errors import ValidationError

MIN_PASSWORD = 4


def check_password(password: str | None) -> None:
    if password is not None and len(password) < MIN_PASSWORD:
        raise ValidationError(
            "password", f"The workbook password needs at least {MIN_PASSWORD} characters.",
            f"工作簿密码至少需要 {MIN_PASSWORD} 个字符。")


def encrypt_file(plain: BinaryIO, encrypted: Path, password: str) -> None:
    """Write the .xlsx read from `plain` encrypted with `password` to `encrypted`."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with open(encrypted, "wb") as fout:
        OOXMLFile(plain).encrypt(password, fout)
