"""What the duplicates window says: field names, values as shown, the tables a merge
moves, and the sentences after a merge and an unmerge (all translated)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.i18n import pick
from app.services import masking as M
from app.services.duplicates.finder import Candidate
from app.services.duplicates.merge import MergeResult, UnmergeResult
from app.services.duplicates.snapshot import thaw
from app.services.privacy import reveal
from app.views.widgets.formatting import format_date, format_datetime, label

CTX = "Duplicates"

# The compare rows, in the order of the customer form; tags are united by a merge, so
# they are shown but never chosen.
FIELDS: dict[str, str] = {
    "name": QT_TRANSLATE_NOOP("Duplicates", "Name"),
    "kind": QT_TRANSLATE_NOOP("Duplicates", "Kind"),
    "gender": QT_TRANSLATE_NOOP("Duplicates", "Gender"),
    "birthday": QT_TRANSLATE_NOOP("Duplicates", "Birthday"),
    "id_number": QT_TRANSLATE_NOOP("Duplicates", "ID number"),
    "phone": QT_TRANSLATE_NOOP("Duplicates", "Phone"),
    "phone2": QT_TRANSLATE_NOOP("Duplicates", "Second phone"),
    "email": QT_TRANSLATE_NOOP("Duplicates", "E-mail"),
    "wechat": QT_TRANSLATE_NOOP("Duplicates", "WeChat"),
    "address": QT_TRANSLATE_NOOP("Duplicates", "Address"),
    "region": QT_TRANSLATE_NOOP("Duplicates", "Region"),
    "branch": QT_TRANSLATE_NOOP("Duplicates", "Branch"),
    "owner": QT_TRANSLATE_NOOP("Duplicates", "Owner"),
    "source": QT_TRANSLATE_NOOP("Duplicates", "Source"),
    "marketing_consent": QT_TRANSLATE_NOOP("Duplicates", "Marketing consent"),
    "tags": QT_TRANSLATE_NOOP("Duplicates", "Tags"),
    "notes": QT_TRANSLATE_NOOP("Duplicates", "Notes"),
}
UNITED = ("tags",)

_TABLES = {
    "purchase": QT_TRANSLATE_NOOP("Duplicates", "%n purchase(s)"),
    "contact_event": QT_TRANSLATE_NOOP("Duplicates", "%n contact(s)"),
    "reminder": QT_TRANSLATE_NOOP("Duplicates", "%n reminder(s)"),
    "complaint": QT_TRANSLATE_NOOP("Duplicates", "%n complaint(s)"),
    "tier_snapshot": QT_TRANSLATE_NOOP("Duplicates", "%n tier history entry(ies)"),
    "customer_provenance": QT_TRANSLATE_NOOP("Duplicates", "%n import record(s)"),
}


translate = QCoreApplication.translate


def tr(text: str, n: int = -1) -> str:
    """A source string held in a variable (the tables above), translated."""
    return translate(CTX, text, None, n)


def field_label(name: str) -> str:
    return tr(FIELDS.get(name, name))


def value_text(name: str, value, mask=None) -> str:
    """A stored value as the compare shows it (a code as its label, a date as a date;
    phones, ID number, e-mail and WeChat masked as `mask`, a ScreenMask, says — masked
    without one)."""
    value = thaw(value)  # the dry run's values come frozen ({"__d": "1985-11-28"})
    if value is None or value == "":
        return ""
    if name in reveal.FIELDS:
        return mask.text(name, value) if mask is not None else reveal.shown(name, str(value))
    if name == "notes":  # free text: a merge's note carries the other record's phones
        return (mask.kind_text(M.TEXT, value) if mask is not None
                else reveal.shown_kind(M.TEXT, str(value)))
    if name in ("kind", "gender"):
        return label(name, value)
    if isinstance(value, bool):
        return translate("Duplicates", "Yes") if value else translate("Duplicates", "No")
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)


def reasons_text(candidate: Candidate) -> str:
    return pick("; ", "；").join(pick(en, zh) for en, zh in candidate.reasons)


def counts_text(counts: dict) -> str:
    """"3 purchases, 2 contacts" (tables with nothing left out); "" when empty."""
    parts = [tr(_TABLES.get(t, t + " %n"), n) for t, n in counts.items() if n]
    return translate("Duplicates", ", ").join(parts)


def merged_message(result: MergeResult) -> str:
    moved = counts_text(result.moved)
    text = translate("Duplicates", "Merged {0} into {1} (merge #{2}).").format(
        "、".join(result.merged_codes), result.kept_code, result.merge_id)
    if moved:
        text += " " + translate("Duplicates", "Moved: {0}.").format(moved)
    return text


def preview_message(result: MergeResult) -> str:
    moved = counts_text(result.moved)
    if not moved:
        return translate("Duplicates", "Merging moves no records: {0} has none.").format(
            result.merged_codes[0])
    return translate("Duplicates", "Merging moves to {0}: {1}.").format(result.kept_code, moved)


def unmerged_message(result: UnmergeResult) -> str:
    text = translate("Duplicates", "Merge #{0} undone: {1} restored beside {2}.").format(
        result.merge_id, "、".join(result.restored_codes), result.kept_code)
    moved = counts_text(result.moved_back)
    if moved:
        text += " " + translate("Duplicates", "Returned to their owners: {0}.").format(moved)
    if result.stayed:
        text += " " + translate(
            "Duplicates", "Added to {0} after the merge, and staying with it: {1}.").format(
            result.kept_code, counts_text(result.stayed))
    return text
