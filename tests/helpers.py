"""Small helpers shared by tests."""

from __future__ import annotations

import hashlib
from pathlib import Path


def dir_fingerprint(directory: Path) -> dict[str, str]:
    """Every file beside the customer file, by name and SHA-256 of its bytes."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(Path(directory).iterdir()) if p.is_file()
    }


def type_text(qtbot, widget, text: str) -> None:
    """Type like a person: keys for ASCII, an input-method commit for Chinese
    (QTest can only press keys that exist on a keyboard; it aborts on others)."""
    import re

    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    for chunk in re.findall(r"[ -~]+|[^ -~]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def shown_widget(qtbot, widget, width: int = 900, height: int = 500):
    """`widget` registered with qtbot, sized and shown; returned."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    return widget


def scripted(monkeypatch, cls, script) -> None:
    """Replace `cls.exec` by a script acting on the dialog, like a person would."""
    def exec_(self):
        self.show()
        script(self)
        return self.result()

    monkeypatch.setattr(cls, "exec", exec_)


def bulk_customers(vault, count: int) -> None:
    """`count` plain customers in one Core insert: a 100k list in seconds, for the
    tests about size (the demo generator makes whole dossiers and takes minutes)."""
    import uuid
    from datetime import datetime

    from sqlalchemy import insert

    from app.models import Customer

    when = datetime(2026, 1, 1)
    rows = [{"uid": str(uuid.uuid4()), "code": f"C{i:07d}", "name": f"客户{i:06d}",
             "name_pinyin": f"kehu{i:06d}", "name_initials": "kh", "kind": "individual",
             "birthday_lunar": False, "marketing_consent": False, "custom_fields": {},
             "created_at": when, "updated_at": when} for i in range(count)]
    with vault.sessions.begin() as session:
        session.execute(insert(Customer), rows)
