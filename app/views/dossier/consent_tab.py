"""The customer's consents (PIPL Art. 13–15, 23, 29): above, the state of every purpose
now (granted, withdrawn or never asked, with the day, the channel and who recorded
it); below, the whole history, newest first, as recorded (a withdrawal is a new entry,
nothing is rewritten). "Record consent…" and "Record withdrawal…" add an entry through
privacy.consent.record (ConsentDialog). Read in a worker; reloaded on
ctx.data_changed (LiveTab). The profile's marketing box shows what this ledger says."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget
from sqlalchemy.orm import Session, sessionmaker

from app.services.privacy import consent
from app.services.privacy.consent import Consent
from app.views.dossier.live_tab import LiveTab, action_bar, record_table
from app.views.dossier.records_tab import fit_columns
from app.views.privacy.consent_dialog import ConsentDialog
from app.views.privacy.words import channel_name, purpose_name, state_name
from app.views.shell.app_context import AppContext
from app.views.widgets.row_table_model import (
    RowTableModel,
    date_column,
    datetime_column,
    text_column,
)


@dataclass(frozen=True)
class PurposeState:
    purpose: str
    entry: Consent | None  # the latest entry; None: never asked


@dataclass(frozen=True)
class Consents:
    current: list[PurposeState]
    history: list[Consent]  # newest first


def read_consents(sessions: sessionmaker[Session], customer_id: int) -> Consents:
    with sessions() as session:
        state = consent.current(session, customer_id)
        return Consents([PurposeState(p, e) for p, e in state.items()],
                        consent.history(session, customer_id))


class ConsentTab(LiveTab):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        self.current_model = RowTableModel([
            text_column(self.tr("Purpose"), lambda r: purpose_name(r.purpose), tooltip=True),
            text_column(self.tr("Now"), lambda r: state_name(r.entry.granted if r.entry
                                                             else None)),
            date_column(self.tr("Since"), lambda r: r.entry.at if r.entry else None),
            text_column(self.tr("Channel"),
                        lambda r: channel_name(r.entry.channel) if r.entry else ""),
            text_column(self.tr("Recorded by"),
                        lambda r: r.entry.recorded_by if r.entry else ""),
        ], parent=self)
        self.history_model = RowTableModel([
            date_column(self.tr("Given on"), lambda e: e.at),
            text_column(self.tr("Purpose"), lambda e: purpose_name(e.purpose)),
            text_column(self.tr("Entry"), lambda e: state_name(e.granted)),
            text_column(self.tr("Channel"), lambda e: channel_name(e.channel)),
            text_column(self.tr("Wording shown"), lambda e: e.wording, tooltip=True),
            text_column(self.tr("Note"), lambda e: e.note, tooltip=True),
            text_column(self.tr("Recorded by"), lambda e: e.recorded_by),
            datetime_column(self.tr("Recorded at"), lambda e: e.recorded_at),
        ], parent=self)
        self.current_view = record_table(self.current_model)
        # Every purpose in sight at once: no scroll bars, the columns as wide as their
        # words, the table as tall as its rows.
        view = self.current_view
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the purpose: elided
        header.setStretchLastSection(False)
        rows = len(consent.PURPOSES)
        view.setFixedHeight(view.verticalHeader().defaultSectionSize() * rows
                            + view.horizontalHeader().sizeHint().height()
                            + 2 * view.frameWidth() + 2)
        self.history_view = record_table(self.history_model)
        self.grant_action = QAction(self.tr("Record consent…"), self)
        self.grant_action.setToolTip(self.tr("The person agreed to a purpose: say how and "
                                             "with which wording"))
        self.withdraw_action = QAction(self.tr("Record withdrawal…"), self)
        self.withdraw_action.setToolTip(self.tr("The person withdrew a consent: a new "
                                                "entry, the earlier ones stay"))
        self.grant_action.triggered.connect(lambda: self.record(True))
        self.withdraw_action.triggered.connect(lambda: self.record(False))
        self.toolbar = action_bar()
        self.toolbar.addAction(self.grant_action)
        self.toolbar.addAction(self.withdraw_action)

        content = QWidget()
        box = QVBoxLayout(content)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel(self.tr("State now")))
        box.addWidget(self.current_view)
        self.history_label = QLabel()
        box.addWidget(self.history_label)
        box.addWidget(self.history_view, 1)
        self.lay_out(content)


    # ------------------------------------------------------------ LiveTab
    def fetcher(self):
        return read_consents

    def apply(self, result: Consents) -> bool:
        self.current_model.set_rows(result.current)
        self.history_model.set_rows(result.history)
        self.history_label.setText(
            self.tr("History: %n entry(ies), newest first; a withdrawal is a new entry, "
                    "nothing is rewritten.", "", len(result.history)) if result.history
            else self.tr("History: nothing recorded yet."))
        if result.history:
            fit_columns(self.history_view)
        return True  # "never asked" for every purpose is worth showing too

    def clear_rows(self) -> None:
        self.current_model.clear()
        self.history_model.clear()
        self.history_label.clear()

    def empty_text(self) -> str:
        return ""

    def update_actions(self) -> None:
        for action in (self.grant_action, self.withdraw_action):
            action.setEnabled(self.can_change())

    # ------------------------------------------------------------ actions
    def record(self, granted: bool) -> None:
        if not self.can_change():
            return
        dialog = ConsentDialog(self.ctx, self.customer_id, granted, parent=self)
        try:
            dialog.exec()  # written: ctx.data_changed reloads this tab and the profile
        finally:
            dialog.deleteLater()
