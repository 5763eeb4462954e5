"""Language choice for text produced outside Qt (CLI output, service errors).

The GUI translates with Qt's tr(); services and the CLI have no Qt, so their few
user-facing messages carry both languages and pick one here.
"""

from __future__ import annotations

import locale
import os

_override: str | None = None


def set_language(lang: str | None) -> None:
    """Force 'zh' or 'en'; None goes back to following the system locale."""
    global _override
    if lang not in (None, "zh", "en"):
        raise ValueError(f"unknown language {lang!r}")
    _override = lang


def current_language() -> str:
    if _override:
        return _override
    for var in ("KEHU_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    system = locale.getlocale()[0] or ""
    return "zh" if system.lower().startswith("zh") else "en"


def pick(en: str, zh: str) -> str:
    """Return the message in the current language."""
    return zh if current_language() == "zh" else en
