""""Open team server…": host, port, database, user, an optional CA certificate (TLS
with sslmode=verify-full) and a password used only when libpq finds none (PGPASSWORD,
~/.pgpass).

Connecting runs in a worker; a refusal (unreachable, wrong password, no such
database) is shown in the dialog, which stays open with the form filled. The address
is remembered for next time (settings' recent servers), never the password: that goes
to the connection only (`password` connect argument), not into the address kept or
shown. With `fixed` (unlocking again after a lock) only the password can be typed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import KehuError, WrongPassword
from app.store.server_address import DEFAULT_PORT, ServerAddress
from app.workers import run_task


def connect(url: str, password: str):
    """The opened TeamStore (in a worker); the password, if any, only as a connect arg."""
    from app.store.team_store import TeamStore

    if password:
        return TeamStore.open(url, connect_args={"password": password})
    return TeamStore.open(url)


class ServerDialog(QDialog):
    def __init__(self, parent=None, *, settings=None, fixed: str | None = None):
        super().__init__(parent)
        self.settings = settings
        self.store = None  # the opened TeamStore once connected
        self.address: ServerAddress | None = None
        self.setWindowTitle(self.tr("Open team server") if fixed is None
                            else self.tr("Reconnect to the team server"))
        self.setMinimumWidth(460)
        self.notice = QLabel()  # why it locked (idle): show_notice()
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.where = QLabel()  # with `fixed`: the server, without password
        self.where.setWordWrap(True)
        self.where.hide()
        self.recent = QComboBox()
        self.host = QLineEdit(placeholderText=self.tr("e.g. db.example.com"))
        self.port = QSpinBox(minimum=1, maximum=65535, value=DEFAULT_PORT)
        self.database = QLineEdit()
        self.user = QLineEdit()
        self.ca_file = QLineEdit(placeholderText=self.tr("none: no certificate check"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._choose_ca)
        ca_row = QWidget()
        row = QHBoxLayout(ca_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.ca_file, 1)
        row.addWidget(browse)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("only if PGPASSWORD or ~/.pgpass has none"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Host:"), self.host)
        form.addRow(self.tr("Port:"), self.port)
        form.addRow(self.tr("Database:"), self.database)
        form.addRow(self.tr("User:"), self.user)
        form.addRow(self.tr("CA certificate:"), ca_row)
        form.addRow(self.tr("Password:"), self.password)
        hint = QLabel(self.tr("The password is never stored: libpq reads PGPASSWORD or "
                              "~/.pgpass, else type it here for this connection only. "
                              "With a CA certificate the connection uses TLS and checks "
                              "the server's name (sslmode=verify-full)."))
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Connect"))
        self.buttons.accepted.connect(self.try_connect)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.where)
        layout.addWidget(self.recent)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._fields = (self.host, self.port, self.database, self.user, self.ca_file, browse)
        self._fixed = fixed
        recent = self._recent_servers()
        if fixed is not None:
            from app.store.server import describe

            self.where.setText(self.tr("Server: {0}").format(describe(fixed)))
            self.where.show()
            for widget in (self.host, self.port, self.database, self.user, self.ca_file):
                form.setRowVisible(widget, False)
            form.setRowVisible(ca_row, False)
            self.recent.hide()
            self.password.setFocus()
        else:
            if recent:
                for address in recent:
                    self.recent.addItem(address.label(), address)
                self.recent.activated.connect(
                    lambda i: self.fill(self.recent.itemData(i)))
                self.fill(recent[0])  # the last one opened: prefilled
            else:
                self.recent.hide()
            self.host.setFocus()

    def _recent_servers(self) -> list[ServerAddress]:
        raw = getattr(self.settings, "recent_servers", None) or []
        return [a for a in (ServerAddress.from_json(e) for e in raw) if a is not None]

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def fill(self, address: ServerAddress | None) -> None:
        if address is None:
            return
        self.host.setText(address.host)
        self.port.setValue(int(address.port))
        self.database.setText(address.database)
        self.user.setText(address.user)
        self.ca_file.setText(address.ca_file)
        self.error.clear()

    def form_address(self) -> ServerAddress:
        return ServerAddress(self.host.text().strip(), self.port.value(),
                             self.database.text().strip(), self.user.text().strip(),
                             self.ca_file.text().strip())

    def _choose_ca(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("CA certificate"), "",
            self.tr("Certificates (*.crt *.pem *.cer);;All files (*)"))
        if chosen:
            self.ca_file.setText(chosen)

    def try_connect(self) -> None:
        if self._fixed is not None:
            from app.store.server import describe

            url, label = self._fixed, describe(self._fixed)
        else:
            address = self.form_address()
            try:
                url = address.url()
            except KehuError as exc:
                self.error.setText(str(exc))
                return
            self.address, label = address, address.label()
        self._busy(True)
        self.error.setText(self.tr("Connecting to {0}…").format(label))
        run_task(connect, url, self.password.text(), on_done=self._connected,
                 on_error=self._failed)

    def _busy(self, busy: bool) -> None:
        self.ok.setEnabled(not busy)
        self.password.setEnabled(not busy)
        if self._fixed is None:
            for widget in self._fields:
                widget.setEnabled(not busy)

    def _connected(self, store) -> None:
        self.store = store
        self.password.clear()
        if self.settings is not None and self.address is not None:
            self.settings.remember_recent_server(self.address.to_json())
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, WrongPassword) and not self.password.text():
            self.error.setText(str(exc) + " " + self.tr("Or type it in the password field."))
        elif isinstance(exc, KehuError):
            self.error.setText(str(exc))
        else:
            self.error.setText(self.tr("Unexpected error: {0}").format(exc))
        self.password.selectAll()
        self.password.setFocus()
