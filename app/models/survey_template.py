"""A questionnaire, versioned: a change never edits a version in place, it adds the
next one (the `current` one from then on), so every response keeps the questions it
was answered under. `questions` is a JSON list (app.services.surveys.templates)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class SurveyTemplate(Base):
    __tablename__ = "survey_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(default=1)
    # revisit, complaint, branch, purchase, other; "legacy" holds the 1–5 scores carried
    # over from contacts and complaints (never offered for new answers).
    purpose: Mapped[str] = mapped_column(String(16), default="other")
    description: Mapped[str] = mapped_column(Text, default="")
    questions: Mapped[list] = mapped_column(JSON, default=list)
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=now)

    __table_args__ = (UniqueConstraint("name", "version"),)
