"""Cell values done right: text that can never become a formula, and the canonical
form of a value that the manifest checksum is built on. (Masking of personal data is
app.services.masking, applied by the writer to every row.)

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
