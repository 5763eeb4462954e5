"""Kehu entry point: no command → the desktop app; a subcommand → headless CLI.

    python main.py                  the app on the default customer file
    python main.py --db FILE        the app on FILE
    python main.py [--db FILE] CMD  the CLI (see `python main.py --help`)

The desktop bundle (packaging/kehu.spec) starts here too, as `kehu` and as `kehu-cli`:
called `kehu-cli` it is the CLI only (without a command it prints the usage).
"""

import ntpath
import sys


def run(argv: list[str], program: str = "") -> int:
    # ntpath splits at / and \ alike: the program's name, wherever it was built
    cli_only = ntpath.splitext(ntpath.basename(program))[0].lower() == "kehu-cli"
    if not cli_only and (not argv or (len(argv) == 2 and argv[0] == "--db")):
        from app.views.shell.app_main import run_gui

        return run_gui(argv[1] if argv else None)
    from app.cli import main

    return main(argv)


if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # the PyInstaller bundle (packaging/kehu.spec)
        import multiprocessing

        # The import reader's "spawn" child re-runs this executable: hand it over here.
        multiprocessing.freeze_support()
    sys.exit(run(sys.argv[1:], sys.argv[0]))
