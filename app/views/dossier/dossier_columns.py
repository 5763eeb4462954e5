"""Columns of the dossier's list tabs. The display names of the stored codes they
show (channel, purpose, status, tier…) come from formatting.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.services import masking as M
from app.services.privacy import reveal
from app.views.widgets import formatting
from app.views.widgets.formatting import format_datetime
from app.views.widgets.row_table_model import (
    CENTER,
    Column,
    date_column,
    datetime_column,
    money_column,
    number_column,
    text_column,
)

code_label = formatting.label  # display names of stored codes live in formatting.py


_HEADERS = {
    "time": QT_TRANSLATE_NOOP("DossierColumns", "Time"),
    "channel": QT_TRANSLATE_NOOP("DossierColumns", "Channel"),
    "direction": QT_TRANSLATE_NOOP("DossierColumns", "Direction"),
    "purpose": QT_TRANSLATE_NOOP("DossierColumns", "Purpose"),
    "summary": QT_TRANSLATE_NOOP("DossierColumns", "Summary"),
    "outcome": QT_TRANSLATE_NOOP("DossierColumns", "Outcome"),
    "satisfaction": QT_TRANSLATE_NOOP("DossierColumns", "Satisfaction"),
    "staff": QT_TRANSLATE_NOOP("DossierColumns", "Staff"),
    "date": QT_TRANSLATE_NOOP("DossierColumns", "Date"),
    "product": QT_TRANSLATE_NOOP("DossierColumns", "Product"),
    "category": QT_TRANSLATE_NOOP("DossierColumns", "Category"),
    "quantity": QT_TRANSLATE_NOOP("DossierColumns", "Quantity"),
    "amount": QT_TRANSLATE_NOOP("DossierColumns", "Amount"),
    "due": QT_TRANSLATE_NOOP("DossierColumns", "Due"),
    "kind": QT_TRANSLATE_NOOP("DossierColumns", "Kind"),
    "title": QT_TRANSLATE_NOOP("DossierColumns", "Title"),
    "status": QT_TRANSLATE_NOOP("DossierColumns", "Status"),
    "opened": QT_TRANSLATE_NOOP("DossierColumns", "Opened"),
    "severity": QT_TRANSLATE_NOOP("DossierColumns", "Severity"),
    "deadline": QT_TRANSLATE_NOOP("DossierColumns", "Deadline"),
    "computed_at": QT_TRANSLATE_NOOP("DossierColumns", "Computed at"),
    "value_tier": QT_TRANSLATE_NOOP("DossierColumns", "Value tier"),
    "churn_risk": QT_TRANSLATE_NOOP("DossierColumns", "Churn risk"),
    "lifecycle_stage": QT_TRANSLATE_NOOP("DossierColumns", "Lifecycle stage"),
    "reason": QT_TRANSLATE_NOOP("DossierColumns", "Reason"),
}


def _h(key: str) -> str:
    return QCoreApplication.translate("DossierColumns", _HEADERS[key])


def _coded(header: str, kind: str, get) -> Column:
    return Column(header, lambda r: code_label(kind, get(r)))


def _satisfaction(score: int | None) -> str:
    return "" if score is None else "★" * score + "☆" * (5 - score)


def free_text(mask=None) -> Callable[[str | None], str]:
    """Free text as the screen shows it: the phones, ID numbers, e-mail addresses and
    card numbers typed into it masked (the scrubber every export uses), in full while
    the session-wide switch of `mask` (a ScreenMask) is on."""
    if mask is not None:
        return lambda text: mask.kind_text(M.TEXT, text)
    return lambda text: reveal.shown_kind(M.TEXT, text) or ""


def contact_columns(mask=None) -> list[Column]:
    # The summary early: the dossier pane is often narrow. Direction matters least.
    shown = free_text(mask)
    return [
        datetime_column(_h("time"), lambda r: r.occurred_at),
        _coded(_h("channel"), "channel", lambda r: r.channel),
        _coded(_h("purpose"), "purpose", lambda r: r.purpose),
        text_column(_h("summary"), lambda r: shown(r.summary), tooltip=True),
        text_column(_h("outcome"), lambda r: shown(r.outcome), tooltip=True),
        Column(_h("satisfaction"), lambda r: _satisfaction(r.satisfaction), CENTER,
               sort_key=lambda r: r.satisfaction or 0),
        _coded(_h("direction"), "direction", lambda r: r.direction),
        text_column(_h("staff"), lambda r: r.staff),
    ]


def purchase_columns() -> list[Column]:
    return [
        date_column(_h("date"), lambda r: r.purchased_on),
        text_column(_h("product"), lambda r: r.product, tooltip=True),
        money_column(_h("amount"), lambda r: r.amount_fen),  # early: seen in a narrow pane
        number_column(_h("quantity"), lambda r: r.quantity),
        text_column(_h("category"), lambda r: r.category),
        text_column(_h("channel"), lambda r: r.channel),
    ]


def _late(header: str, get, overdue: Callable[[Any], bool]) -> Column:
    """A time that says "overdue" after it when `overdue(row)` (the row is red too)."""
    def text(row) -> str:
        shown = format_datetime(get(row))
        if shown and overdue(row):
            return QCoreApplication.translate("DossierColumns", "{0} · overdue").format(shown)
        return shown

    return Column(header, text, sort_key=lambda r: get(r).isoformat() if get(r) else "")


def reminder_columns(overdue: Callable[[Any], bool] = lambda _r: False,
                     mask=None) -> list[Column]:
    shown = free_text(mask)
    return [
        _late(_h("due"), lambda r: r.due_at, overdue),
        _coded(_h("status"), "reminder_status", lambda r: r.status),
        text_column(_h("title"), lambda r: shown(r.title), tooltip=True),
        _coded(_h("kind"), "reminder_kind", lambda r: r.kind),
    ]


def complaint_columns(overdue: Callable[[Any], bool] = lambda _r: False,
                      mask=None) -> list[Column]:
    shown = free_text(mask)
    return [
        datetime_column(_h("opened"), lambda r: r.opened_at),
        text_column(_h("category"), lambda r: shown(r.category), tooltip=True),
        _coded(_h("severity"), "severity", lambda r: r.severity),
        _coded(_h("status"), "complaint_status", lambda r: r.status),
        _late(_h("deadline"), lambda r: r.deadline_at, overdue),
    ]


def tier_columns() -> list[Column]:
    return [
        datetime_column(_h("computed_at"), lambda r: r.computed_at),
        Column(_h("value_tier"), lambda r: code_label("value_tier", r.value_tier)
               or QCoreApplication.translate("Labels", "None yet")),
        _coded(_h("lifecycle_stage"), "lifecycle", lambda r: r.lifecycle_stage),
        text_column(_h("churn_risk"),
                    lambda r: "" if r.churn_risk is None else f"{r.churn_risk:.0%}"),
        text_column(_h("reason"), lambda r: r.reason, tooltip=True),
    ]
