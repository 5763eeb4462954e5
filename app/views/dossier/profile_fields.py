"""The editors of the profile form, laid out with an error line under each, and the
per-field rules: `check_field` runs the service's own `validate_changes` on one field.

A field's *raw* value is what its editor holds (text, a combo's code, a check box);
`check_field` turns it into the value the service stores, or an error in words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.services.customers.input import TEXT_LIMITS, validate_changes
from app.services.customers.rows import CustomerRow
from app.services.customers.validation import NAME_MAX, id_number_birthday, id_number_gender
from app.services.privacy import reveal
from app.views.dossier.date_field import DateField, parse_date
from app.views.dossier.masked_edit import MaskedLineEdit, MaskedTextEdit
from app.views.dossier.tags_editor import TAG_MAX, TagsEditor, join_tags, split_tags
from app.views.widgets.formatting import choices, format_date

# Every field the form edits, in tab order.
FIELDS = (
    "name", "kind", "gender", "birthday", "birthday_lunar", "id_number", "phone", "phone2",
    "email", "wechat", "address", "region", "branch", "owner", "source",
    "marketing_consent", "tags", "notes",
)
LINE_FIELDS = ("name", "id_number", "phone", "phone2", "email", "wechat", "address", "region",
               "branch", "owner", "source")
CHECK_FIELDS = ("birthday_lunar", "marketing_consent")
COMBO_FIELDS = ("kind", "gender")
# Shown back in their stored form once the user leaves them (13800138000, 010-12345678…).
NORMALISED_ON_LEAVE = ("name", "id_number", "phone", "phone2", "email", "birthday", "tags")
COMPLETED_FIELDS = ("owner", "region", "branch", "source")

_MAX_LENGTH = {"name": NAME_MAX, "id_number": 30, "phone": 40, "phone2": 40, "email": 254,
               **TEXT_LIMITS}


def check_field(name: str, raw: Any) -> tuple[bool, Any, str | None]:
    """(ok, stored value, error in words) for one field, by the service's rules."""
    try:
        if name == "birthday":
            try:
                value = parse_date(raw)
            except ValueError:
                return False, None, QCoreApplication.translate(
                    "ProfileFields", "Birthday “{0}” is not a date; write it like 1990-03-07."
                ).format(str(raw).strip())
            return True, validate_changes({name: value})[name], None
        if name == "tags":
            too_long = [t for t in split_tags(raw) if len(t) > TAG_MAX]
            if too_long:
                return False, None, QCoreApplication.translate(
                    "ProfileFields", "Tag “{0}” has {1} characters; at most {2} are allowed."
                ).format(too_long[0], len(too_long[0]), TAG_MAX)
            return True, validate_changes({name: split_tags(raw)})[name], None
        return True, validate_changes({name: raw})[name], None
    except ValidationError as exc:
        return False, None, str(exc)


def display_text(name: str, value: Any) -> str:
    """How a stored value is written back into its editor."""
    if value is None:
        return ""
    if name == "birthday":
        return format_date(value)
    if name == "tags":
        return join_tags(value)
    return str(value)


def raw_from_row(row: CustomerRow | None, default_owner: str = "") -> dict[str, Any]:
    """Raw editor values for a stored customer, or for a new one (row None)."""
    if row is None:
        raw: dict[str, Any] = dict.fromkeys(FIELDS, "")
        raw.update(kind="individual", birthday_lunar=False, marketing_consent=False,
                   owner=default_owner or "")
        return raw
    raw = {name: display_text(name, getattr(row, name)) for name in FIELDS
           if name not in CHECK_FIELDS}
    raw["gender"] = row.gender or ""
    raw["birthday_lunar"] = bool(row.birthday_lunar)
    raw["marketing_consent"] = bool(row.marketing_consent)
    return raw


class ProfileFields(QWidget):
    """Editors and error labels; no state beyond what the widgets hold."""

    edited = Signal(str, bool)  # field name, and whether a choice (check at once) or typing
    reveal_requested = Signal(str)  # a masked personal field asks to be shown in full
    left = Signal(str)  # editing of a text field finished (Enter, or focus moved away)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.masked: dict[str, MaskedLineEdit] = {}  # personal fields, masked on screen
        for name in LINE_FIELDS:
            edit = MaskedLineEdit(name) if name in reveal.FIELDS else QLineEdit()
            if isinstance(edit, MaskedLineEdit):
                self.masked[name] = edit
                edit.reveal_requested.connect(lambda n=name: self.reveal_requested.emit(n))
            edit.setMaxLength(_MAX_LENGTH.get(name, 200))
            self.editors[name] = edit
        self.editors["phone"].setPlaceholderText(self.tr("13800138000 or 010-12345678"))
        self.editors["phone2"].setPlaceholderText(self.tr("13800138000 or 010-12345678"))
        self.editors["id_number"].setPlaceholderText(self.tr("18-digit resident ID number"))
        self.editors["email"].setPlaceholderText(self.tr("name@example.com"))
        kind, gender = QComboBox(), QComboBox()
        for code, text in choices("kind"):
            kind.addItem(text, code)
        gender.addItem(self.tr("Not given"), "")
        for code, text in choices("gender"):
            gender.addItem(text, code)
        self.editors.update(kind=kind, gender=gender, birthday=DateField(), tags=TagsEditor())
        self.editors["birthday_lunar"] = QCheckBox(self.tr("Lunar calendar"))
        self.editors["marketing_consent"] = QCheckBox(self.tr("Agrees to marketing messages"))
        # Read-only: the flag is derived from the consent ledger (any marketing purpose
        # granted now); a tick could not say which purpose, channel or wording.
        self.editors["marketing_consent"].setEnabled(False)
        self.editors["marketing_consent"].setToolTip(self.tr(
            "Follows the consent ledger: on while the customer consents to marketing by "
            "phone, SMS or WeChat. Record a consent or a withdrawal on the Consent tab."))
        notes = MaskedTextEdit("notes")
        self.masked["notes"] = notes
        notes.reveal_requested.connect(lambda: self.reveal_requested.emit("notes"))
        self.notes_reveal = QPushButton(self.tr("Show in full"))
        self.notes_reveal.setToolTip(self.tr("Show the numbers and addresses in the notes "
                                             "in full (F2); written to the audit log"))
        self.notes_reveal.clicked.connect(lambda: self.reveal_requested.emit("notes"))
        self.notes_reveal.hide()
        notes.masked_changed.connect(self.notes_reveal.setVisible)
        notes.setTabChangesFocus(True)
        notes.setMinimumHeight(80)
        notes.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.editors["notes"] = notes
        self.consent_since = QLabel()
        self.consent_since.setStyleSheet("color: palette(placeholder-text)")
        self.completion_models: dict[str, QStringListModel] = {}
        for name in COMPLETED_FIELDS:
            model = QStringListModel(self)
            completer = QCompleter(model, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.editors[name].setCompleter(completer)
            self.completion_models[name] = model
        self._layout()
        self._connect()
        self._placeholders = {edit: edit.placeholderText() for edit in self.findChildren(QLineEdit)
                              if edit.placeholderText()}

    def _connect(self) -> None:
        for name in FIELDS:
            editor = self.editors[name]
            if name in COMBO_FIELDS:
                editor.currentIndexChanged.connect(lambda _i, n=name: self.edited.emit(n, True))
            elif name in CHECK_FIELDS:
                editor.toggled.connect(lambda _c, n=name: self.edited.emit(n, True))
            elif name == "notes":
                editor.textChanged.connect(lambda n=name: self.edited.emit(n, False))
            elif name == "birthday":
                editor.edited.connect(lambda n=name: self.edited.emit(n, False))
                editor.editing_finished.connect(lambda n=name: self.left.emit(n))
            else:
                editor.textEdited.connect(lambda _t, n=name: self.edited.emit(n, False))
                editor.editingFinished.connect(lambda n=name: self.left.emit(n))

    def _row(self, name: str, *extra: QWidget, below: QWidget | None = None) -> QWidget:
        """The editor (with any extra widgets beside it, and a note below it) above its
        error line (one line high even when empty)."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        line = QHBoxLayout()
        line.setSpacing(8)
        line.addWidget(self.editors[name], 1)
        for widget in extra:
            line.addWidget(widget)
        column.addLayout(line)
        if below is not None:
            column.addWidget(below)
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setWordWrap(True)
        error.setStyleSheet("color: #b00020")
        error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The line is always there, empty or not: an error coming and going while one
        # types must not push every field below it down and up again.
        error.setMinimumHeight(error.fontMetrics().height())
        column.addWidget(error)
        self.errors[name] = error
        return box

    def _layout(self) -> None:
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

        def section(title: str) -> None:
            label = QLabel(title)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            if form.rowCount():
                label.setContentsMargins(0, 8, 0, 0)
            form.addRow(label)

        section(self.tr("Identity"))
        form.addRow(self.tr("Name:"), self._row("name"))
        form.addRow(self.tr("Kind:"), self._row("kind"))
        form.addRow(self.tr("Gender:"), self._row("gender"))
        form.addRow(self.tr("Birthday:"), self._row("birthday", self.editors["birthday_lunar"]))
        form.addRow(self.tr("ID number:"), self._row("id_number"))
        section(self.tr("Contact"))
        form.addRow(self.tr("Phone:"), self._row("phone"))
        form.addRow(self.tr("Second phone:"), self._row("phone2"))
        form.addRow(self.tr("E-mail:"), self._row("email"))
        form.addRow(self.tr("WeChat:"), self._row("wechat"))
        form.addRow(self.tr("Address:"), self._row("address"))
        section(self.tr("Service"))
        form.addRow(self.tr("Region:"), self._row("region"))
        form.addRow(self.tr("Branch:"), self._row("branch"))
        form.addRow(self.tr("Account manager:"), self._row("owner"))
        form.addRow(self.tr("Source:"), self._row("source"))
        form.addRow(self.tr("Marketing:"), self._row("marketing_consent", below=self.consent_since))
        form.addRow(self.tr("Tags:"), self._row("tags"))
        form.addRow(self.tr("Notes:"), self._row("notes", self.notes_reveal))
        self.form_layout = form

    # ------------------------------------------------------------ raw values
    def raw(self, name: str) -> Any:
        editor = self.editors[name]
        if name in COMBO_FIELDS:
            return editor.currentData() or ""
        if name in CHECK_FIELDS:
            return editor.isChecked()
        if name == "notes":
            return editor.toPlainText()
        return editor.text()

    def set_raw(self, name: str, value: Any) -> None:
        editor = self.editors[name]
        if name in COMBO_FIELDS:
            index = editor.findData(value or "")
            if index < 0:  # a code this version does not know: keep it visible
                editor.addItem(str(value), value)
                index = editor.count() - 1
            editor.setCurrentIndex(index)
        elif name in CHECK_FIELDS:
            editor.setChecked(bool(value))
        elif name == "notes":
            editor.setPlainText(value or "")
        else:
            editor.setText(value or "")

    def set_masking(self, on: bool) -> None:
        """Mask the personal fields (a stored customer) or not (a new one)."""
        for edit in self.masked.values():
            edit.set_masking(on)

    def show_full(self, name: str) -> None:
        self.masked[name].show_full()

    def show_consent_since(self, since) -> None:
        self.consent_since.setText(
            self.tr("Agreed on {0}").format(format_date(since)) if since else "")
        self.consent_since.setVisible(bool(since))

    def set_completions(self, completions) -> None:
        """Values in use (dossier_service.Completions) offered while typing."""
        self.editors["tags"].set_known_tags(completions.tags)
        for name, values in (("owner", completions.owners), ("region", completions.regions),
                             ("branch", completions.branches), ("source", completions.sources)):
            self.completion_models[name].setStringList(list(values))

    def fill_from_id_number(self, id_number: str) -> list[str]:
        """An ID number carries the birth date and gender: fill them in when empty."""
        filled = []
        if not self.raw("birthday").strip():
            self.editors["birthday"].set_date(id_number_birthday(id_number))
            filled.append("birthday")
        if not self.raw("gender"):
            self.set_raw("gender", id_number_gender(id_number))
            filled.append("gender")
        return filled

    def set_editable(self, editable: bool) -> None:
        """Disabled editors without their hints, which would read like values."""
        self.setEnabled(editable)
        for edit, text in self._placeholders.items():
            edit.setPlaceholderText(text if editable else "")

    def set_error(self, name: str, message: str | None) -> None:
        label = self.errors.get(name)
        if label is None:
            return
        label.setText(message or "")  # stays visible: its line is reserved
