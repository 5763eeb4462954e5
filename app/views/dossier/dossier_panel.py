"""The dossier pane for the selected customer: a header (name, code, tier, predicted
value, satisfaction), a banner when the customer is in the trash, another when on a
storage-only hold (PrivacyActions: hold, release, erase), and tabs: the profile form,
the contact timeline (with the quick-log bar), purchases (with a summary), reminders,
complaints, tier history (under the predicted value in full), portrait, points
(积分: balance, member level, ledger, coupons) and consents.

Everything shown is read in a worker (`read_pane`: the dossier, the satisfaction
scores and the latest predicted value); a result that arrives after another customer
was chosen, or after the file locked, is dropped. The timeline, reminders and
complaints tabs read their own rows (LiveTab) and reload on ctx.data_changed themselves.
While the file is locked nothing is shown, but edits not saved yet are kept and put
back after unlocking. Trash, restore and purge are requested by signal: the main
window carries them out (with confirmation and undo) and emits ctx.data_changed,
on which the pane reloads. After a save the form emits ctx.data_changed itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from app.errors import KehuError, NotFound
from app.services.clv import service as clv_service
from app.services.clv.score import Prediction
from app.services.customers import dossier as dossier_service
from app.services.customers.dossier import Dossier
from app.services.daily import satisfaction as satisfaction_service
from app.services.daily.satisfaction import CustomerSatisfaction
from app.services.loyalty import levels
from app.services.surveys import record as survey_record
from app.services.surveys.record import CustomerScores
from app.views.dossier import dossier_columns as cols
from app.views.dossier import header_text
from app.views.dossier.complaints_tab import ComplaintsTab
from app.views.dossier.consent_tab import ConsentTab
from app.views.dossier.list_notice import ListNotice
from app.views.dossier.live_tab import LiveTab
from app.views.dossier.person_copy_action import PersonCopyAction
from app.views.dossier.points_tab import PointsTab
from app.views.dossier.portrait_tab import PortraitTab
from app.views.dossier.prediction_text import prediction_text
from app.views.dossier.privacy_actions import PrivacyActions
from app.views.dossier.profile_form import ProfileForm
from app.views.dossier.records_tab import RecordsTab
from app.views.dossier.reminders_tab import RemindersTab
from app.views.dossier.timeline_tab import TimelineTab
from app.views.shell.app_context import AppContext
from app.views.surveys.survey_dialog import open_survey
from app.views.widgets.compact_tabs import compact_tabs
from app.views.widgets.formatting import format_date
from app.views.widgets.segment_label import SegmentLabel
from app.workers import run_task


def read_pane(sessions: sessionmaker[Session], customer_id: int
              ) -> tuple[Dossier, CustomerSatisfaction, Prediction | None, CustomerScores,
                         str]:
    """The dossier, the customer's 1–5 satisfaction scores, latest predicted value,
    survey scores (0–100: the latest and the trend) and member level, in one session
    (for a worker).

    The timeline, reminders and complaints tabs read their own rows, so only their
    counts (and the newest row) are read here; NotFound for an unknown id."""
    with sessions() as session:
        dossier = dossier_service.load_dossier(session, customer_id, live_limit=1)
        cid = dossier.customer.id
        return (dossier, satisfaction_service.customer_satisfaction(session, cid),
                clv_service.latest_of(session, cid), survey_record.customer_scores(session, cid),
                levels.level_of(session, cid).level)


class DossierPanel(QWidget):
    saved = Signal(int)
    trash_requested = Signal(int)
    restore_requested = Signal(int)
    purge_requested = Signal(int)
    survey_requested = Signal(int)  # 问卷…: record a response (views.surveys)
    dirty_changed = Signal(bool)
    loaded = Signal(int)  # this customer's dossier is on screen
    show_in_list_requested = Signal(int)  # the notice's button: list this customer
    open_requested = Signal(int)  # the duplicate warning's link: show that customer

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._customer_id: int | None = None
        self._new = False
        self._dossier: Dossier | None = None
        self.prediction: Prediction | None = None  # the latest predicted value shown
        self._want_timeline = False
        self._created: int | None = None  # created here by the last save
        self._generation = 0  # bumped by every load request, lock and switch
        self._build()
        self.form.saved.connect(self._form_saved)
        self.form.dirty_changed.connect(self.dirty_changed)
        self.form.open_requested.connect(self.open_requested)
        self.trash_button.clicked.connect(lambda: self._request(self.trash_requested))
        self.restore_button.clicked.connect(lambda: self._request(self.restore_requested))
        self.purge_button.clicked.connect(lambda: self._request(self.purge_requested))
        self.person_copy = PersonCopyAction(ctx, self)
        self.copy_action.triggered.connect(self._copy_for_person)
        self.privacy.erased.connect(lambda _cid: self.show_customer(None))
        self.survey_button.clicked.connect(lambda: self._request(self.survey_requested))
        self.survey_requested.connect(lambda cid: open_survey(self.ctx, cid, self))
        ctx.locked.connect(self._on_locked)
        ctx.unlocked.connect(self._on_unlocked)
        ctx.data_changed.connect(self.refresh)
        self._show_page(self.empty_page)
        if not ctx.is_locked:
            self._load_completions()

    # ------------------------------------------------------------ building
    def _build(self) -> None:
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = SegmentLabel()  # code · kind · tier · level: wraps between them
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.trash_button = QPushButton(self.tr("Move to trash"))
        self.copy_action = QAction(self.tr("Copy for the person…"), self)
        self.copy_action.setToolTip(self.tr(
            "Everything the file holds about this customer, unmasked, as one workbook "
            "(PIPL Art. 45)"))
        self.privacy = PrivacyActions(self.ctx, self)  # hold, release, erase; hold banner
        # In the privacy menu (PIPL Art. 45): a button of its own made the header, and
        # so the window, too wide for 760 pixels.
        self.privacy.add_first(self.copy_action)
        head = QHBoxLayout()
        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        head.addLayout(names, 1)
        self.survey_button = QPushButton(self.tr("Survey…"))
        head.addWidget(self.survey_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.privacy.button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.trash_button, 0, Qt.AlignmentFlag.AlignTop)

        self.banner = QFrame()
        self.banner.setObjectName("trashBanner")
        self.banner.setStyleSheet("#trashBanner { background: #fff4e5; border: 1px solid #f0b35b;"
                                  " border-radius: 4px; } QLabel { color: #5f3b00; }")
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("Restore"))
        self.purge_button = QPushButton(self.tr("Purge…"))
        self.purge_button.setToolTip(self.tr("Delete this customer and all their records for good"))
        row = QHBoxLayout(self.banner)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.restore_button)
        row.addWidget(self.purge_button)
        self.banner.hide()
        self.list_notice = ListNotice()
        self.list_notice.show_requested.connect(self._request_show_in_list)

        self.form = ProfileForm(self.ctx)
        self.timeline = TimelineTab(self.ctx)
        self.purchases = RecordsTab(cols.purchase_columns(),
                                    self.tr("This customer has no purchases yet."))
        self.purchases.summary.show()
        self.reminders = RemindersTab(self.ctx)
        self.complaints = ComplaintsTab(self.ctx)
        self.tiers = RecordsTab(cols.tier_columns(), self.tr(
            "No tier computed yet: tiers are computed from the purchase history."))
        self.tiers.summary.setObjectName("predictedValue")  # over the tier history
        self.portrait = PortraitTab(self.ctx)  # 客户画像: charts drawn when the tab is shown
        self.points = PointsTab(self.ctx)  # 积分: balance, level, ledger, coupons
        self.consent = ConsentTab(self.ctx)  # the consent ledger (PIPL)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Arrows only in a window narrower than 1280 pixels: there the nine tabs fit
        # in full (see _set_tab_titles).
        self.tabs.setUsesScrollButtons(True)
        compact_tabs(self.tabs)  # nine tabs: a little less padding around each title
        for tab in self._tab_order():
            self.tabs.addTab(tab, "")
        self._set_tab_titles(None)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addWidget(self.privacy.banner)
        layout.addWidget(self.list_notice)
        layout.addWidget(self.tabs, 1)
        self.content_page = content
        self.empty_page = self._message_page(self.tr(
            "Select a customer in the list to see the dossier, or add a new customer."))
        self.locked_page = self._message_page("")
        self.pages = QStackedWidget()
        for page in (self.empty_page, self.content_page, self.locked_page):
            self.pages.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)
        self.setFocusProxy(self.tabs)  # setFocus() on the pane lands on its tabs

    def _message_page(self, text: str) -> QLabel:
        page = QLabel(text)
        page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        page.setWordWrap(True)
        page.setStyleSheet("color: palette(placeholder-text); padding: 24px")
        return page

    def _tab_order(self) -> list[QWidget]:
        return [self.form, self.timeline, self.purchases, self.reminders, self.complaints,
                self.tiers, self.portrait, self.points, self.consent]

    def _set_tab_titles(self, dossier: Dossier | None) -> None:
        # Short words on the tabs, so that all nine fit the dossier's side of a
        # 1280-pixel window in Chinese without scroll arrows; a count only when there
        # is something to count; the full name and the count in the tooltip.
        titles = [self.tr("Profile"), self.tr("Timeline"), self.tr("Purchases"),
                  self.tr("Reminders"), self.tr("Complaints"), self.tr("Tiers"),
                  self.tr("Portrait"), self.tr("Points"), self.tr("Consent")]
        tips = [self.tr("Customer profile"), self.tr("Contact timeline"),
                self.tr("Purchase records"), self.tr("Reminders"), self.tr("Complaints"),
                self.tr("Tier history"), self.tr("Customer portrait"),
                self.tr("Points, member level and coupons"),
                self.tr("Consents and withdrawals (PIPL)")]
        counts: list[int | None] = [None] * len(titles)
        if dossier is not None:
            counts = [None, dossier.contacts.total, dossier.purchases.total,
                      dossier.reminders.total, dossier.complaints.total, dossier.tiers.total,
                      None, None, None]
        for index, (title, tip, n) in enumerate(zip(titles, tips, counts, strict=True)):
            if n:
                title = self.tr("{0} {1:,}").format(title, n)  # a count, like a badge
                tip = self.tr("{0}: {1:,}").format(tip, n)
            self.tabs.setTabText(index, title)
            self.tabs.setTabToolTip(index, tip)
            self.tabs.setTabEnabled(index, index == 0 or dossier is not None)

    # ------------------------------------------------------------ public API
    def current_customer_id(self) -> int | None:
        return self._customer_id

    def is_new(self) -> bool:
        return self._new

    def has_unsaved_changes(self) -> bool:
        return self.form.has_unsaved_changes()

    def show_timeline(self) -> None:
        """Bring the timeline tab forward, cursor in the quick-log box (now, or as soon
        as the customer being loaded is on screen)."""
        self._want_timeline = True
        shown = self._dossier
        if shown is not None and shown.customer.id == self._customer_id:
            self._open_timeline()

    def _open_timeline(self) -> None:
        self._want_timeline = False
        self.tabs.setCurrentWidget(self.timeline)
        self.timeline.quick_log.summary.setFocus()

    def discard_changes(self) -> None:
        self.form.discard_changes()
        if self.ctx.is_locked:
            self._update_locked_text()

    def set_in_list(self, customer_id: int, in_list: bool) -> None:
        """What the customer list says of a customer: the notice shows when it is the
        one shown here and the list does not hold it."""
        if customer_id and customer_id == self._customer_id and not self._new:
            self.list_notice.set_outside(not in_list, new=customer_id == self._created)

    def show_customer(self, customer_id: int | None) -> None:
        """Show a customer's dossier (None: nothing). Switching to another customer drops
        unsaved edits: ask with has_unsaved_changes() first."""
        same = customer_id is not None and customer_id == self._customer_id and not self._new
        if not same:
            self.form.discard_changes()
            self._clear_records()
            self.list_notice.hide()
            self._created = None
        self._customer_id, self._new = customer_id, False
        if not same:
            self._set_live_customer(customer_id)
        self._generation += 1
        if customer_id is None:
            self.form.clear()
            self._show_page(self.empty_page)
            return
        if not same:
            self.title.setText(self.tr("Loading…"))
            self.subtitle.clear()
            self.trash_button.hide()
            self.banner.hide()
        self._show_page(self.content_page)
        self._load()

    def start_new(self) -> None:
        """An empty profile form for a new customer."""
        self.form.discard_changes()
        self._customer_id, self._new = None, True
        self._generation += 1
        self._clear_records()
        self.list_notice.hide()
        self._created = None
        self._set_live_customer(None)
        self._show_new_header()
        self._show_page(self.content_page)
        self.tabs.setCurrentWidget(self.form)
        if not self.ctx.is_locked:
            self.form.start_new()

    def refresh(self) -> None:
        """Read the current customer again (edits in the form are kept)."""
        if self.ctx.is_locked:
            return
        self._load_completions()
        if self._customer_id is not None and not self._new:
            self._generation += 1
            self._load()

    # ------------------------------------------------------------ loading
    def _load(self) -> None:
        if self.ctx.is_locked or self._customer_id is None:
            return
        generation, cid = self._generation, self._customer_id
        run_task(read_pane, self.ctx.sessions(), cid,
                 on_done=lambda result: self._loaded(generation, *result),
                 on_error=lambda exc: self._load_failed(generation, exc))

    def _load_completions(self) -> None:
        run_task(dossier_service.completions, self.ctx.sessions(),
                 on_done=lambda c: None if self.ctx.is_locked else self.form.set_completions(c))

    def _loaded(self, generation: int, dossier: Dossier,
                satisfaction: CustomerSatisfaction | None = None,
                prediction: Prediction | None = None,
                surveys: CustomerScores | None = None, level: str = "") -> None:
        if generation != self._generation or self.ctx.is_locked:
            return  # another customer was chosen, or the file locked meanwhile
        self._dossier = dossier
        row = dossier.customer
        self._show_header(dossier, satisfaction, prediction, surveys, level)
        self.purchases.set_rows(dossier.purchases)
        self.purchases.summary.setText(header_text.purchase_summary(dossier))
        self.purchases.summary.setVisible(dossier.summary.count > 0)
        self.tiers.set_rows(dossier.tiers)
        self.prediction = prediction
        self.tiers.summary.setText(prediction_text(prediction))
        self.tiers.summary.show()
        for tab in self._live_tabs():
            tab.set_read_only(row.in_trash)
        self._set_tab_titles(dossier)
        form = self.form
        if form.has_stash():  # back from a lock: the edits go over the fresh values
            form.load(row)
            form.restore_stash()
        elif form.has_unsaved_changes() and form.customer_id == row.id:
            form.set_read_only(row.in_trash)  # keep what is being typed
        elif form.customer_id != row.id or form.row != row:
            form.load(row)
        if self._want_timeline:
            self._open_timeline()
        self.loaded.emit(row.id)

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation or self.ctx.is_locked:
            return
        if isinstance(exc, NotFound):  # purged meanwhile
            self.show_customer(None)
            return
        if isinstance(exc, KehuError):
            self.title.setText(self.tr("Could not read this customer"))
            self.subtitle.setText(str(exc))
            return
        raise exc

    def _show_header(self, dossier: Dossier,
                     satisfaction: CustomerSatisfaction | None = None,
                     prediction: Prediction | None = None,
                     surveys: CustomerScores | None = None, level: str = "") -> None:
        row = dossier.customer
        self.title.setText(row.name)
        text, tip = header_text.subtitle(dossier, satisfaction, prediction, surveys, level)
        self.subtitle.setText(text)
        self.subtitle.setToolTip(tip)
        self.trash_button.setVisible(not row.in_trash)
        self.copy_action.setEnabled(True)
        self.survey_button.setVisible(not row.in_trash)
        if row.in_trash:
            self.banner_text.setText(self.tr(
                "In trash since {0}. Restore the customer to edit the profile.").format(
                format_date(row.deleted_at)))
        self.banner.setVisible(row.in_trash)

    def _show_new_header(self) -> None:
        self.title.setText(self.tr("New customer"))
        self.subtitle.setText(self.tr("Fill in at least the name, then save (Ctrl+S)."))
        self.trash_button.hide()
        self.copy_action.setEnabled(False)
        self.survey_button.hide()
        self.banner.hide()

    def _clear_records(self) -> None:
        self._dossier = None
        self.prediction = None
        for tab in (self.purchases, self.tiers):
            tab.clear()
        self.purchases.summary.hide()
        self.tiers.summary.hide()
        self._set_tab_titles(None)

    def _live_tabs(self) -> tuple[LiveTab, ...]:
        return self.timeline, self.reminders, self.complaints, self.points, self.consent

    def _set_live_customer(self, customer_id: int | None) -> None:
        """The working tabs read their own rows (and reload on ctx.data_changed)."""
        for tab in self._live_tabs():
            tab.set_read_only(False)
            tab.set_customer(customer_id)
        self.portrait.set_customer(customer_id)
        self.privacy.set_customer(customer_id)

    def _show_page(self, page: QWidget) -> None:
        if self.ctx.is_locked:
            self._update_locked_text()
            page = self.locked_page
        self.pages.setCurrentWidget(page)

    # ------------------------------------------------------------ events
    def _request(self, signal) -> None:
        if self._customer_id is not None and not self._new and not self.ctx.is_locked:
            signal.emit(self._customer_id)

    def _copy_for_person(self) -> None:
        if self._dossier is not None and not self._new and not self.ctx.is_locked:
            row = self._dossier.customer
            self.person_copy.start(row.id, row.code)

    def _form_saved(self, customer_id: int) -> None:
        # The form emits ctx.data_changed next: lists refresh, and so does this pane.
        created = self._new
        self._customer_id, self._new = customer_id, False
        if created:
            self._created = customer_id  # the notice names it as the new customer
            self._set_live_customer(customer_id)
            self._generation += 1
            self._load()  # the header with the code given at the save, at once
        self.saved.emit(customer_id)

    def _request_show_in_list(self) -> None:
        if self._customer_id is not None and not self._new:
            self.show_in_list_requested.emit(self._customer_id)

    def _on_locked(self) -> None:
        self._generation += 1  # results still on their way are dropped
        self.form.on_locked()
        self._clear_records()
        self.list_notice.hide()  # the list tells again after unlocking
        self.title.clear()
        self.subtitle.clear()
        self.subtitle.setToolTip("")
        self.banner_text.clear()
        self.form.set_completions(dossier_service.Completions())
        self._show_page(self.locked_page)

    def _update_locked_text(self) -> None:
        text = self.tr("The customer file is locked. Unlock it to see this dossier.")
        if self.form.has_unsaved_changes():
            text += "\n" + self.tr("Your unsaved changes are kept and come back after unlocking.")
        self.locked_page.setText(text)

    def _on_unlocked(self) -> None:
        self.form.on_unlocked()
        self._load_completions()
        if self._new:
            self._show_new_header()
            self.form.start_new()
            self.form.restore_stash()
            self.pages.setCurrentWidget(self.content_page)
        elif self._customer_id is not None:
            self.title.setText(self.tr("Loading…"))
            self.pages.setCurrentWidget(self.content_page)
            self._generation += 1
            self._load()
        else:
            self.pages.setCurrentWidget(self.empty_page)
