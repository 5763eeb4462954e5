"""客户 → 营销活动…: every campaign with its state and effect, a new one, a dry run and
the launch (a confirmation naming who is left out and why), and the selected
campaign's evaluation against its control group, per value tier too. Reads and the
launch run in a worker; an SMS or WeChat campaign's contact list is saved masked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
)

from app.errors import KehuError
from app.i18n import pick
from app.views.campaigns.campaign_form import CampaignForm
from app.views.shell.app_context import AppContext
from app.views.widgets.busy import run_with_busy_dialog
from app.views.widgets.formatting import format_date, label
from app.views.widgets.row_table_model import RowTableModel, text_column


def read_all(sessions):
    """(definition, evaluation or None) of every campaign, and the segment names."""
    from app.services.campaigns import define, evaluate
    from app.services.segments import service as segments

    with sessions.begin() as session:  # evaluating reads outcomes logged meanwhile
        rows = [(d, evaluate.evaluate(session, d.name) if d.launched_at else None)
                for d in define.listing(session)]
        return rows, segments.names(session)


def run_launch(sessions, name: str, dry_run: bool):
    from app.services.campaigns import launch

    with sessions.begin() as session:
        return launch.launch(session, name, dry_run=dry_run)


def save_list(sessions, name: str, path: str) -> int:
    from app.services.campaigns import launch

    with sessions() as session:
        return launch.write_list(session, name, path)


def save_report(sessions, path: str) -> int:
    from app.services.campaigns.report import write_report

    with sessions() as session:
        return write_report(session, path)


def _pct(value) -> str:
    return "" if value is None else f"{value:.1%}"


def _yuan(fen) -> str:
    return "" if fen is None else f"¥{fen / 100:,.0f}"


class CampaignsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list = []
        self.segments: list[str] = []
        self.setWindowTitle(self.tr("Campaigns"))
        self.resize(980, 600)
        self.model = RowTableModel([
            text_column(self.tr("Campaign"), lambda r: r[0].name, tooltip=True),
            text_column(self.tr("Channel"), lambda r: self._channel(r[0].channel)),
            text_column(self.tr("Period"), lambda r: f"{format_date(r[0].starts_on)} – "
                                                      f"{format_date(r[0].ends_on)}"),
            text_column(self.tr("State"), lambda r: self.tr("Launched") if r[0].launched_at
                        else self.tr("Not launched")),
            text_column(self.tr("Contacted"), lambda r: str(r[1].contacted) if r[1] else ""),
            text_column(self.tr("Bought (campaign / control)"),
                        lambda r: f"{_pct(r[1].target.rate)} / {_pct(r[1].control.rate)}"
                        if r[1] else ""),
            text_column(self.tr("Lift"), lambda r: f"{r[1].lift.difference:+.1%}"
                        if r[1] and r[1].lift.difference is not None else ""),
        ], parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show())
        self.empty = QLabel(self.tr("No campaign yet. A campaign contacts a saved segment "
                                    "by one channel, holds out a control group and measures "
                                    "the effect: start with New campaign…"))
        self.empty.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.new_button = QPushButton(self.tr("&New campaign…"))
        self.launch_button = QPushButton(self.tr("&Launch…"))
        self.launch_button.setToolTip(self.tr("A dry run first: who is contacted, who is "
                                              "left out and why; then launch"))
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.export_button = QPushButton(self.tr("&Export results…"))
        self.export_button.setToolTip(self.tr("Every launched campaign's evaluation, in "
                                              "all and per value tier, as a workbook: "
                                              "figures only, no customer in it"))
        self.export_button.clicked.connect(self.export_results)
        self.new_button.clicked.connect(self.new_campaign)
        self.launch_button.clicked.connect(self.launch_selected)
        self.refresh_button.clicked.connect(self.reload)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for b in (self.new_button, self.launch_button, self.refresh_button,
                  self.export_button):
            row.addWidget(b)
        row.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setSizes([300, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        ctx.locked.connect(self.reject)

    @staticmethod
    def _channel(code: str) -> str:
        from app.services.campaigns.define import CHANNELS

        en, zh, _p = CHANNELS.get(code, (code, code, None))
        return pick(en, zh)

    # ------------------------------------------------------------ reading
    def reload(self, select: str | None = None) -> bool:
        if self.ctx.is_locked:
            return False
        current = self._current()
        try:
            self.rows, self.segments = run_with_busy_dialog(
                read_all, self.ctx.sessions(), label=self.tr("Reading campaigns…"),
                parent=self)
        except KehuError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return False
        self.model.set_rows(self.rows)
        self.empty.setVisible(not self.rows)
        self.export_button.setEnabled(any(r[1] is not None for r in self.rows))
        wanted = select or (current[0].name if current else None)
        index = next((i for i, r in enumerate(self.rows) if r[0].name == wanted),
                     0 if self.rows else -1)
        if index >= 0:
            self.table.selectRow(index)
        self._show()
        return True

    def _current(self):
        index = self.table.currentIndex()
        return self.rows[index.row()] if index.isValid() and index.row() < len(self.rows) \
            else None

    def _show(self) -> None:
        current = self._current()
        self.launch_button.setEnabled(bool(current) and current[0].launched_at is None)
        self.details.setText(self._details(*current) if current else "")

    def _details(self, d, ev) -> str:
        target = (self.tr("segment {0}").format(d.segment) if d.segment
                  else self.tr("filter {0}").format(d.filter))
        lines = [self.tr("{0} — {1}, {2}").format(f"<b>{d.name}</b>", self._channel(d.channel),
                                                  target),
                 self.tr("Control group {0} % (seed {1}); purchases counted {2} days after "
                         "the launch.").format(d.control_pct, d.seed, d.window_days)]
        if d.offer:
            lines.append(self.tr("Offer: a coupon of {0}, valid until {1}.").format(
                _yuan(d.offer["coupon_value_fen"]), d.offer["coupon_until"]))
        if d.script:
            lines.append(self.tr("Script: {0}").format(d.script))
        if ev is None:
            lines.append(self.tr("Not launched yet."))
            return "<br>".join(lines)
        j = ev.to_json()
        lines.append(self.tr("Targeted {0}; left out for lack of consent {1}, other reasons "
                             "{2}; control group {3}; contacted {4}; responded {5} ({6}).")
                     .format(j["targeted"], j["excluded_by_consent"],
                             sum(ev.excluded.values()) - j["excluded_by_consent"],
                             j["control"], ev.contacted, ev.responded,
                             _pct(ev.response_rate) or "—"))
        lines.append(self.tr("Up to {0}: bought {1} of the campaign group and {2} of the "
                             "control group; revenue {3} against {4}.").format(
            format_date(ev.window_end), _pct(ev.target.rate) or "—",
            _pct(ev.control.rate) or "—", _yuan(ev.target.revenue_fen),
            _yuan(ev.control.revenue_fen)))
        lift = ev.lift
        if lift.difference is not None:
            lines.append(self.tr("Lift {0:+.1%} (95 % confidence interval {1:+.1%} to "
                                 "{2:+.1%}); revenue per customer {3} more.").format(
                lift.difference, lift.low, lift.high, _yuan(lift.revenue_per_customer_fen)))
        else:
            lines.append(self.tr("No lift without a control group."))
        for tier, figures in ev.per_tier.items():
            t, c = figures["target_group"], figures["control_group"]
            name = label("value_tier", tier) if tier != "none" else self.tr("No tier")
            lines.append(self.tr("{0}: bought {1} vs {2} (of {3} / {4})").format(
                name, _pct(t["rate"]) or "—", _pct(c["rate"]) or "—", t["customers"],
                c["customers"]))
        return "<br>".join(lines)

    # ------------------------------------------------------------ acting
    def new_campaign(self) -> None:
        if self.ctx.is_locked:
            return
        form = CampaignForm(self.ctx, self.segments, self)
        if form.exec() == QDialog.DialogCode.Accepted and form.created is not None:
            self.reload(select=form.created.name)
        form.deleteLater()

    def launch_selected(self) -> None:
        from app.services.campaigns.define import CALL_CHANNELS
        from app.services.campaigns.launch import EXCLUDED

        current = self._current()
        if current is None or current[0].launched_at is not None or self.ctx.is_locked:
            return
        d = current[0]
        try:
            dry = run_with_busy_dialog(run_launch, self.ctx.sessions(), d.name, True,
                                       label=self.tr("Checking the target…"), parent=self)
        except KehuError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        left = [f"  · {pick(*EXCLUDED.get(r, (r, r)))}: {n}" for r, n in dry.excluded.items()]
        text = self.tr("Launch “{0}”?\n\n{1} customers in the target now; {2} left out:\n{3}"
                       "\n{4} held out as the control group; {5} to contact.").format(
            d.name, dry.targeted, sum(dry.excluded.values()), "\n".join(left) or "  —",
            dry.control, dry.contacted)
        if d.channel in CALL_CHANNELS:
            text += "\n" + self.tr("{0} reminders for the owners on working days.").format(
                dry.reminders)
            if dry.unscheduled:
                text += " " + self.tr("{0} do not fit the period under the daily capacity."
                                      ).format(dry.unscheduled)
        answer = QMessageBox.question(self, self.windowTitle(), text,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        path = ""
        if d.channel not in CALL_CHANNELS:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the contact list (masked)"), f"{d.name}.xlsx",
                self.tr("Excel workbook (*.xlsx)"))
            if not path:
                return
        try:
            run_with_busy_dialog(run_launch, self.ctx.sessions(), d.name, False,
                                 label=self.tr("Launching…"), parent=self)
            if path:
                run_with_busy_dialog(save_list, self.ctx.sessions(), d.name, path,
                                     label=self.tr("Writing the list…"), parent=self)
        except (KehuError, OSError) as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
        self.ctx.data_changed.emit()  # new reminders in the agenda
        self.reload(select=d.name)

    def export_results(self) -> None:
        if self.ctx.is_locked or not any(r[1] is not None for r in self.rows):
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the campaigns' results"), self.tr("campaign results.xlsx"),
            self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        try:
            n = run_with_busy_dialog(save_report, self.ctx.sessions(), path,
                                     label=self.tr("Writing the results…"), parent=self)
        except (KehuError, OSError) as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        QMessageBox.information(self, self.windowTitle(), self.tr(
            "The results of %n campaign(s) were saved to {0}.", "", n).format(path))
