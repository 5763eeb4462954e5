"""Regenerate legacy_customers.xls (needs LibreOffice; the tests never run this).

    cd /work/main && .venv/bin/python -m tests.data.make_legacy_customers

No Python library writes BIFF8 .xls any more, so the messy customer workbook of
tests/test_import_helpers.messy_customers is saved as .xlsx and converted by LibreOffice.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.imports.test_import_helpers import messy_customers

HERE = Path(__file__).resolve().parent
TARGET = HERE / "legacy_customers.xls"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        xlsx = messy_customers(work / "legacy_customers.xlsx")
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work}/lo",
                        "--convert-to", "xls", "--outdir", str(work), str(xlsx)],
                       check=True, capture_output=True, timeout=120)
        shutil.copyfile(xlsx.with_suffix(".xls"), TARGET)
    print(f"wrote {TARGET} ({TARGET.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
