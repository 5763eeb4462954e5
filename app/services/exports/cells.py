"""Cell values done right: masking of personal data, text that can never become a
formula, and the canonical form of a value that the manifest checksum is built on.

OWASP CSV injection: a cell beginning with = + - @ tab or CR is a formula to Excel.
In .xlsx every string is written as an inline string (never through openpyxl's
formula guessing) and such cells also get Excel's quotePrefix style, so editing the
cell in Excel keeps it text; the value itself is unchanged, so it round-trips. In
.csv there is no type, so such a cell gets a leading apostrophe.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

RISKY_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MASK = "*"


def clean_text(value: str | None) -> str | None:
    """Characters XML cannot carry are dropped; an empty string is no value."""
    if value is None:
        return None
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value or None


def is_risky(text: str) -> bool:
    return text.startswith(RISKY_PREFIXES)


def csv_safe(text: str) -> str:
    """A CSV cell that spreadsheets read as text whatever it begins with. Text whose own
    apostrophes come before a risky character ('=x) gets the guard too (''=x), so the
    import can take exactly one apostrophe off (imports.kehu.csv_unguard) and get it back."""
    return "'" + text if is_risky(text.lstrip("'")) else text


# --- masking -----------------------------------------------------------------------------
def is_masked(text: str | None) -> bool:
    return bool(text) and MASK in text


def mask_phone(phone: str | None) -> str | None:
    """13800138000 → 138****8000; 010-12345678(-123) → 010-****5678(-123)."""
    if not phone or is_masked(phone):
        return phone
    if "-" in phone:
        # The number is the part after the area code, not the extension.
        area, _, rest = phone.partition("-")
        local, dash, ext = rest.partition("-")
        return f"{area}-{_mask_middle(local, 0, 4)}{dash}{ext}"
    return _mask_middle(phone, 3, 4)


def mask_id_number(id_number: str | None) -> str | None:
    """110101199003071234 → 110101********1234 (region kept, birth date hidden)."""
    if not id_number or is_masked(id_number):
        return id_number
    if len(id_number) in (15, 18):
        return _mask_middle(id_number, 6, 4)
    return _mask_middle(id_number, 2, 2)


def mask_name(name: str | None) -> str | None:
    """张三丰 → 张*丰, 张三 → 张*; one character stays (it says nothing alone)."""
    if not name or is_masked(name) or len(name) < 2:
        return name
    if len(name) == 2:
        return name[0] + MASK
    return name[0] + MASK * (len(name) - 2) + name[-1]


def _mask_middle(text: str, keep_head: int, keep_tail: int) -> str:
    if len(text) <= keep_head + keep_tail:
        keep_head, keep_tail = 0, min(keep_tail, max(len(text) - 2, 0))
    hidden = len(text) - keep_head - keep_tail
    return text[:keep_head] + MASK * hidden + text[len(text) - keep_tail:]


# --- the canonical form (what the checksum covers) ------------------------------------------
_NEWLINES = re.compile(r"\r\n?")


def canonical_value(value):
    """A value as JSON, the same whether taken from the rows written or read back from
    the workbook: numbers without float noise (12.0 → 12), dates as ISO text (a
    datetime at midnight is a date: Excel cannot tell them apart), times to the
    second (Excel serial days carry rounding), line ends as \\n (XML normalises CR)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        value = float(f"{value:.15g}")
        return int(value) if value.is_integer() else value
    if isinstance(value, datetime):
        value = (value + timedelta(microseconds=500_000)).replace(microsecond=0)
        if value.hour == value.minute == value.second == 0:
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return _NEWLINES.sub("\n", str(value))


def canonical_row(values) -> str | None:
    """One row as compact JSON; trailing empty cells dropped (readers pad rows
    differently); an entirely empty row is None (skipped)."""
    out = [canonical_value(v) for v in values]
    while out and out[-1] is None:
        out.pop()
    if not out:
        return None
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))
