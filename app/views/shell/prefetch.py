"""Import heavy modules in the background (no Qt here: cheap to import itself)."""

from __future__ import annotations

import importlib
import threading


def prefetch_modules(*names: str) -> None:
    """Import heavy modules in the background while the user reads or types."""

    def work() -> None:
        for name in names:
            try:
                importlib.import_module(name)
            except Exception:  # the real import later reports any problem
                return

    threading.Thread(target=work, name="kehu-prefetch", daemon=True).start()
