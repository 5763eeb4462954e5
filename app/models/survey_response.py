"""One answered questionnaire: the answers (question id → answer, free text included:
personal data), the 0–100 score and the NPS answer computed when it was recorded, and
who it counts for (the owner and branch at the time). A 1–5 score of a contact or a
complaint is carried over as a one-question response linked to its source row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, new_uid, now

MONTH_SQL = "substr(answered_at, 1, 7)"


class SurveyResponse(Base):
    __tablename__ = "survey_response"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), index=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("survey_template.id"), index=True)
    answered_at: Mapped[datetime]
    score: Mapped[float] = mapped_column(Float)
    nps: Mapped[int | None]
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    # manual, import, contact (carried over from contact_event), complaint
    source: Mapped[str] = mapped_column(String(16), default="manual")
    owner: Mapped[str | None] = mapped_column(String(100))
    branch: Mapped[str | None] = mapped_column(String(100))
    staff: Mapped[str | None] = mapped_column(String(100))
    # The row a carried-over score comes from: it goes when that row goes.
    contact_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_event.id", ondelete="CASCADE"), unique=True)
    complaint_id: Mapped[int | None] = mapped_column(
        ForeignKey("complaint.id", ondelete="CASCADE"), unique=True)
    # An imported row's occurrence key (file rows are a multiset): importing the same
    # sheet twice records nothing new.
    origin_key: Mapped[str | None] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=now)

    __table_args__ = (
        # The monthly figures — for the file, by owner, branch or questionnaire — read
        # only these indexes, in the order of their GROUP BY: no sort, no row (answers
        # and all) read. The month is the stored time's prefix ("2026-11").
        *(Index(f"ix_survey_response_month_{by}", text(MONTH_SQL), by, "score", "nps")
          for by in ("owner", "branch", "template_id")),
        CheckConstraint("score BETWEEN 0 AND 100", name="score_0_to_100"),
        CheckConstraint("nps IS NULL OR nps BETWEEN 0 AND 10", name="nps_0_to_10"),
    )
