"""The person's copy written to a file (PIPL Art. 45): the service collects it
(services.privacy.person_copy), the workbook is a service's, the PDF is drawn here
(reports draw; services never import what draws), and the export is audited."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from app.services import audit
from app.services.privacy.person_copy import PersonCopy, check_format, collect, write_xlsx


def export(session: Session, customer_id: int, path: Path | str) -> PersonCopy:
    """Collect, write and audit the person's copy; an unknown format writes nothing.
    The audit entry names the customer by code only (no personal data)."""
    fmt = check_format(path)
    copy = collect(session, customer_id)
    if fmt == "pdf":
        from app.reports.person_pdf import write_pdf

        write_pdf(copy, path)
    else:
        write_xlsx(copy, path)
    audit.record(session, "person_export", "customer", customer_id,
                 {"code": copy.code, "format": fmt})
    return copy
