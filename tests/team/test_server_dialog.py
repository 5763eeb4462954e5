"""The GUI on a team server, driven through real widgets against the throwaway
PostgreSQL: "Open team server…" connects (a wrong password is said in the dialog,
which keeps the form), the customer list shows the server's customers, file-only
actions refuse in words, locking disconnects and unlocking asks again; the password
is nowhere in the settings file or the recent list."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtWidgets import QDialog

from app.config import Settings
from app.services.team import roles
from app.views.files.server_dialog import ServerDialog
from app.views.shell.app_context import AppContext
from app.views.shell.main_window import MainWindow
from tests.team.helpers import PASSWORD, add_customers, init_team


@pytest.fixture
def team_server(pg_server, pg_url, monkeypatch, tmp_path):
    """A team database with 王芳 (A) and 李娜 (B) and a head-office login; libpq finds
    no password of its own (no PGPASSWORD, no ~/.pgpass)."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    engine = init_team(pg_url)
    add_customers(engine)
    user = f"ho_{uuid.uuid4().hex[:6]}"
    roles.add_user(engine, user, "headoffice", None, PASSWORD)
    engine.dispose()
    database = pg_url.split("@/", 1)[1].split("?", 1)[0]
    return {"port": pg_server.port, "database": database, "user": user}


def _fill(dialog: ServerDialog, server: dict, password: str) -> None:
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(server["port"])
    dialog.database.setText(server["database"])
    dialog.user.setText(server["user"])
    dialog.password.setText(password)


def _connect(qtbot, dialog: ServerDialog) -> None:
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=15000)


def test_open_the_server_list_its_customers_refuse_file_actions(qtbot, team_server,
                                                                  message_boxes):
    settings = Settings()
    dialog = ServerDialog(settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(dialog, team_server, PASSWORD)
    dialog.database.setText("kehu_no_such_db")
    _connect(qtbot, dialog)
    assert "no such database" in dialog.error.text() and dialog.store is None
    _fill(dialog, team_server, "")  # libpq has none either
    _connect(qtbot, dialog)
    assert "asks for a password" in dialog.error.text()
    assert "type it in the password field" in dialog.error.text()
    _fill(dialog, team_server, "not the password")
    _connect(qtbot, dialog)
    assert dialog.store is None and dialog.isVisible()
    assert "refused the password" in dialog.error.text()
    assert dialog.host.text() == "127.0.0.1" and dialog.user.text() == team_server["user"]

    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.finished, timeout=15000):
        dialog.ok.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    store = dialog.store
    assert store.is_team and PASSWORD not in store.url

    # The password is nowhere Kehu keeps things; the address is, for next time.
    saved = Settings.path().read_text(encoding="utf-8")
    assert PASSWORD not in saved and "not the password" not in saved
    assert team_server["database"] in saved
    assert all(PASSWORD not in repr(e) for e in Settings.load().recent_servers)
    again = ServerDialog(settings=Settings.load())
    qtbot.addWidget(again)
    assert (again.host.text(), again.port.value(), again.database.text(),
            again.user.text(), again.password.text()) == (
        "127.0.0.1", team_server["port"], team_server["database"], team_server["user"], "")

    win = MainWindow(AppContext(store, settings))
    qtbot.addWidget(win)
    win.show()
    win.show_page(1)
    qtbot.waitUntil(lambda: not win.list_panel.busy(), timeout=15000)
    model = win.list_panel.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=15000)
    assert sorted(model.row_at(r).name for r in range(2)) == ["李娜", "王芳"]
    assert store.label in win.windowTitle() and PASSWORD not in win.windowTitle()
    assert win.file_label.text() == store.label

    # File-only actions: disabled, and refused in words when reached anyway.
    assert not win.act_backup.isEnabled() and not win.act_password.isEnabled()
    win.back_up()
    win.change_password()
    texts = [args[2] for kind, args in message_boxes.calls if kind == "information"]
    assert len(texts) == 2 and all("pg_dump" in t for t in texts)

    # Locking disconnects; unlocking asks for the password again (libpq has none).
    win.locker.lock()
    assert win.ctx.is_locked and store.is_locked
    reconnect = win.locker.dialog
    assert isinstance(reconnect, ServerDialog)
    qtbot.waitUntil(reconnect.isVisible, timeout=5000)
    win.locker.idle.set_interval_ms(0)
    reconnect.password.setText(PASSWORD)
    reconnect.ok.click()
    qtbot.waitUntil(lambda: not win.ctx.is_locked, timeout=15000)
    assert win.ctx.vault.is_team and not win.act_backup.isEnabled()
    qtbot.waitUntil(lambda: not win.list_panel.busy() and model.rowCount() == 2,
                    timeout=15000)
    win.list_panel.shutdown()
    win.agenda.shutdown()
    win.notifier.shutdown()
    win.ctx.lock()


def test_the_address_the_form_builds_has_tls_with_a_ca_and_never_a_password(qtbot):
    from psycopg.conninfo import conninfo_to_dict

    from app.store.server import server_url
    from app.store.server_address import ServerAddress

    url = ServerAddress("db.example.com", 5433, "kehu 总部", "王 芳", "/etc/kehu/ca.pem").url()
    parts = conninfo_to_dict(url)
    assert (parts["host"], parts["port"], parts["dbname"], parts["user"]) == (
        "db.example.com", "5433", "kehu 总部", "王 芳")
    assert (parts["sslmode"], parts["sslrootcert"]) == ("verify-full", "/etc/kehu/ca.pem")
    assert "password" not in parts
    assert server_url(url).password is None  # accepted: no password in it
    plain = conninfo_to_dict(ServerAddress("10.0.0.5", database="kehu", user="ho").url())
    assert "sslmode" not in plain and plain["port"] == "5432"

    dialog = ServerDialog()  # nothing filled: said in the dialog, nothing tried
    qtbot.addWidget(dialog)
    dialog.try_connect()
    assert dialog.error.text() == "Enter the server's host." and dialog.ok.isEnabled()


def test_the_unlock_dialog_at_start_offers_the_team_server(qtbot, team_server, db_path,
                                                          vault, monkeypatch):
    from app.views.files.unlock_dialog import UnlockDialog
    from app.views.shell import app_main
    from tests.helpers import scripted

    scripted(monkeypatch, UnlockDialog, lambda d: d.server_button.click())

    def connect(d):
        _fill(d, team_server, PASSWORD)
        d.ok.click()
        qtbot.waitUntil(lambda: d.store is not None, timeout=15000)

    scripted(monkeypatch, ServerDialog, connect)
    settings = Settings()
    store = app_main.unlock_file(db_path, settings=settings)
    try:
        assert store.is_team and store.label.endswith(team_server["database"])
        assert settings.recent_servers[0]["user"] == team_server["user"]
        assert settings.recent_files is None  # a server is not a recent file
    finally:
        store.lock()


def test_file_open_team_server_switches_the_window_from_the_file(qtbot, team_server, vault,
                                                                 monkeypatch, message_boxes):
    from tests.helpers import scripted

    def connect(d):
        _fill(d, team_server, PASSWORD)
        d.ok.click()
        qtbot.waitUntil(lambda: d.store is not None, timeout=15000)

    scripted(monkeypatch, ServerDialog, connect)
    win = MainWindow(AppContext(vault, Settings()))
    qtbot.addWidget(win)
    win.show()
    assert win.act_backup.isEnabled() and vault.db_path.name in win.windowTitle()
    win.team.act_open_server.trigger()
    assert vault.is_locked and win.ctx.is_team  # the file closed, the server open
    assert win.ctx.store_label in win.windowTitle() and not win.act_backup.isEnabled()
    win.show_page(1)
    model = win.list_panel.model
    qtbot.waitUntil(lambda: not win.list_panel.busy() and model.rowCount() == 2,
                    timeout=15000)
    assert sorted(model.row_at(r).name for r in range(2)) == ["李娜", "王芳"]
    win.list_panel.shutdown()
    win.agenda.shutdown()
    win.notifier.shutdown()
    win.ctx.lock()
