"""Typed, expected failures. Each carries its message in English and Chinese and
the CLI exit code it maps to; the GUI shows str(error) in a dialog."""

from __future__ import annotations

from app.i18n import pick

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_WRONG_PASSWORD = 3
EXIT_DAMAGED = 4
EXIT_INVALID_INPUT = 5


class KehuError(Exception):
    exit_code = 1

    def __init__(self, en: str, zh: str):
        super().__init__(en)
        self.en = en
        self.zh = zh

    def __str__(self) -> str:
        return pick(self.en, self.zh)


class WrongPassword(KehuError):
    exit_code = EXIT_WRONG_PASSWORD

    def __init__(self, en: str = "Wrong password or recovery key.",
                 zh: str = "密码或恢复密钥不正确。"):
        super().__init__(en, zh)


class DamagedFile(KehuError):
    """The customer file or its key header is damaged, truncated or not a Kehu file."""

    exit_code = EXIT_DAMAGED


class InvalidInput(KehuError):
    exit_code = EXIT_INVALID_INPUT


class ValidationError(InvalidInput):
    """One field of a record failed validation; `field` names it."""

    def __init__(self, field: str, en: str, zh: str):
        super().__init__(en, zh)
        self.field = field


class DuplicateCustomer(InvalidInput):
    def __init__(self, field: str, existing_code: str, en: str, zh: str):
        super().__init__(en, zh)
        self.field = field
        self.existing_code = existing_code


class NotFound(InvalidInput):
    pass


class TargetExists(InvalidInput):
    """Refusing to overwrite an existing file."""


class MigrationFailed(KehuError):
    exit_code = EXIT_DAMAGED
