"""Kehu entry point: no arguments → the desktop app; a subcommand → headless CLI."""

import sys


def run() -> int:
    if len(sys.argv) > 1:
        from app.cli import main

        return main(sys.argv[1:])
    from app.views.app_main import run_gui

    return run_gui()


if __name__ == "__main__":
    sys.exit(run())
