"""The names of the consent ledger's purposes and channels on screen, translated; a
code the service adds later is shown in the service's own words until it is named
here."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.i18n import pick
from app.services.privacy.consent import CHANNELS, PURPOSES

CTX = "ConsentWords"
PURPOSE_LABELS = {
    "marketing_phone": QT_TRANSLATE_NOOP("ConsentWords", "Marketing by phone"),
    "marketing_sms": QT_TRANSLATE_NOOP("ConsentWords", "Marketing by SMS"),
    "marketing_wechat": QT_TRANSLATE_NOOP("ConsentWords", "Marketing by WeChat"),
    "share_head_office": QT_TRANSLATE_NOOP("ConsentWords", "Sharing with head office"),
    "sensitive": QT_TRANSLATE_NOOP(
        "ConsentWords", "Sensitive information (financial accounts, ID documents)"),
}
CHANNEL_LABELS = {
    "counter": QT_TRANSLATE_NOOP("ConsentWords", "At the counter"),
    "paper": QT_TRANSLATE_NOOP("ConsentWords", "Paper form"),
    "phone": QT_TRANSLATE_NOOP("ConsentWords", "By phone"),
    "sms": QT_TRANSLATE_NOOP("ConsentWords", "By SMS"),
    "wechat": QT_TRANSLATE_NOOP("ConsentWords", "WeChat"),
    "online": QT_TRANSLATE_NOOP("ConsentWords", "Online"),
    "profile": QT_TRANSLATE_NOOP("ConsentWords", "The profile's marketing box"),
    "import": QT_TRANSLATE_NOOP("ConsentWords", "An imported workbook"),
    "migration": QT_TRANSLATE_NOOP("ConsentWords", "The flag kept before the ledger"),
}
# The channels a person gives or withdraws consent through (the others are the
# file's own: the profile box, an import, the migration).
PERSON_CHANNELS = ("counter", "paper", "phone", "sms", "wechat", "online")


def _name(code: str, labels: dict[str, str], words: dict[str, tuple[str, str]]) -> str:
    if code in labels:
        return QCoreApplication.translate(CTX, labels[code])
    return pick(*words[code]) if code in words else code


def purpose_name(code: str) -> str:
    return _name(code, PURPOSE_LABELS, PURPOSES)


def channel_name(code: str) -> str:
    return _name(code, CHANNEL_LABELS, CHANNELS)


def state_name(granted: bool | None) -> str:
    """Granted, withdrawn, or (None) never asked."""
    if granted is None:
        return QCoreApplication.translate("ConsentWords", "Never asked")
    if granted:
        return QCoreApplication.translate("ConsentWords", "Granted")
    return QCoreApplication.translate("ConsentWords", "Withdrawn")
