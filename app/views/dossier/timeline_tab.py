"""The customer's contact timeline: newest first, filterable by channel and purpose,
read a page at a time (keyset paging in contact_service.timeline, so a page deep in
a long history costs the same as the first), more rows as the view scrolls down.
Under it, the quick-log bar."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
)
from sqlalchemy.orm import Session, sessionmaker

from app.errors import KehuError
from app.services.daily import contacts as contact_service
from app.services.daily.contacts import LoggedContact, TimelinePage
from app.views.dossier.list_models import TimelineModel
from app.views.dossier.live_tab import LiveTab, record_table
from app.views.dossier.quick_log_bar import QuickLogBar, shrinkable
from app.views.dossier.records_tab import fit_columns
from app.views.shell.app_context import AppContext
from app.views.widgets import formatting
from app.workers import run_task

PAGE_SIZE = 100


def read_timeline(sessions: sessionmaker[Session], customer_id: int, *,
                  channel: str | None = None, purpose: str | None = None,
                  before: tuple[datetime, int] | None = None,
                  limit: int = PAGE_SIZE) -> TimelinePage:
    """One page of the timeline in a session of its own (for a worker)."""
    with sessions() as session:
        return contact_service.timeline(
            session, customer_id, channels=[channel] if channel else None,
            purposes=[purpose] if purpose else None, before=before, limit=limit)


class TimelineTab(LiveTab):
    page_size = PAGE_SIZE

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        self.model = TimelineModel(self, ctx.screen_mask)
        ctx.screen_mask.changed.connect(self.model.layoutChanged.emit)  # drawn again
        self.model.more_wanted.connect(self._fetch_more)
        self.view = record_table(self.model)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.channel_filter = self._filter_combo(self.tr("All channels"), "channel")
        self.purpose_filter = self._filter_combo(self.tr("All purposes"), "purpose")
        self.more_note = QLabel()
        self.more_note.setStyleSheet("color: palette(placeholder-text)")
        self.more_note.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.more_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Show:")))
        filters.addWidget(self.channel_filter)
        filters.addWidget(self.purpose_filter)
        filters.addWidget(self.more_note, 1)
        self.set_content(self.view)
        self.quick_log = QuickLogBar(ctx)
        self.quick_log.logged.connect(self._logged)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.quick_log)
        self.channel_filter.currentIndexChanged.connect(self._filters_changed)
        self.purpose_filter.currentIndexChanged.connect(self._filters_changed)
        to_log = QShortcut(QKeySequence("Ctrl+L"), self)  # jump to the quick-log text
        to_log.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        to_log.activated.connect(self.quick_log.summary.setFocus)
        self.setFocusProxy(self.quick_log.summary)
        self.update_actions()

    def _filter_combo(self, all_text: str, kind: str) -> QComboBox:
        combo = shrinkable(QComboBox())
        combo.addItem(all_text, None)
        for code, text in formatting.choices(kind):
            combo.addItem(text, code)
        return combo

    # ------------------------------------------------------------ public API
    def filters(self) -> tuple[str | None, str | None]:
        return self.channel_filter.currentData(), self.purpose_filter.currentData()

    def set_filters(self, channel: str | None = None, purpose: str | None = None) -> None:
        for combo, value in ((self.channel_filter, channel), (self.purpose_filter, purpose)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self._filters_changed()

    def set_customer(self, customer_id: int | None) -> None:
        self.quick_log.set_customer(customer_id)
        super().set_customer(customer_id)

    # ------------------------------------------------------------ LiveTab
    def fetcher(self):
        channel, purpose = self.filters()
        return partial(read_timeline, channel=channel, purpose=purpose, limit=self.page_size)

    def apply(self, page: TimelinePage) -> bool:
        self.model.set_page(page)
        if page.rows:
            fit_columns(self.view)
            self.view.scrollToTop()
        self._update_more_note()
        return bool(page.rows)

    def clear_rows(self) -> None:
        self.model.clear()
        self.more_note.clear()

    def empty_text(self) -> str:
        if any(self.filters()):
            return self.tr("No contacts match these filters.")
        return self.tr("No contact with this customer recorded yet. Log the first one "
                       "below: pick the channel and purpose, type what happened, press Enter.")

    def update_actions(self) -> None:
        enabled = self.can_change()
        self.quick_log.set_enabled(enabled)
        has_customer = self.customer_id is not None and not self.ctx.is_locked
        self.channel_filter.setEnabled(has_customer)
        self.purpose_filter.setEnabled(has_customer)

    # ------------------------------------------------------------ internals
    def _filters_changed(self) -> None:
        if self.customer_id is None or self.ctx.is_locked:
            return
        self.model.clear()
        self._show_message(self.loading_text())
        self.reload()

    def _fetch_more(self, before: tuple[datetime, int]) -> None:
        if self.customer_id is None or self.ctx.is_locked:
            self.model.fetch_failed()
            return
        generation, (channel, purpose) = self._generation, self.filters()
        run_task(read_timeline, self.ctx.sessions(), self.customer_id, channel=channel,
                 purpose=purpose, before=before, limit=self.page_size,
                 on_done=lambda page: self._more_loaded(generation, before, page),
                 on_error=lambda exc: self._more_failed(generation, exc))

    def _more_loaded(self, generation: int, before, page: TimelinePage) -> None:
        if self.is_current(generation) and self.model.append_page(before, page):
            self._update_more_note()

    def _more_failed(self, generation: int, exc: BaseException) -> None:
        if not self.is_current(generation):
            return
        self.model.fetch_failed()
        if not isinstance(exc, KehuError):
            raise exc
        self.more_note.setText(str(exc))

    def _update_more_note(self) -> None:
        rows = self.model.rowCount()
        if self.model.has_more():
            self.more_note.setText(self.tr("Newest {0:,} shown; scroll for more").format(rows))
        else:
            self.more_note.setText(self.tr("{0:,} shown").format(rows) if rows else "")

    def _logged(self, logged: LoggedContact) -> None:
        """Make sure the new contact is visible: filters that hide it are reset
        (ctx.data_changed, emitted next, reloads the list)."""
        channel, purpose = self.filters()
        contact = logged.contact
        if (channel and channel != contact.channel) or (purpose and purpose != contact.purpose):
            for combo in (self.channel_filter, self.purpose_filter):
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)

