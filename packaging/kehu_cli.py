"""The bundle's `kehu-cli` entry: the command line only (a console program on Windows,
where the GUI entry has none). `kehu-cli --help` lists the commands; without one it
says so instead of opening the window, as `python main.py` would."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a "spawn" child of the frozen program starts here
    from app.cli import main

    sys.exit(main())
