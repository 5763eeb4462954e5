"""survey_template, survey_response: questionnaires and 0–100 scores (issue 20)

History carries over: every 1–5 satisfaction score of a contact event and every
satisfaction_after of a complaint becomes a one-question response of the template
"历史满意度" (score ×20: 4 of 5 is the 80-point target), linked to its source row.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

LEGACY_NAME = "历史满意度"
LEGACY_QUESTIONS = [{"id": "q1", "text": "满意度评分（1–5 分）", "type": "scale", "min": 1,
                     "max": 5, "options": [], "weight": 1.0, "required": True}]
CHUNK = 5000


def _tables():
    template = sa.table(
        "survey_template", sa.column("id", sa.Integer), sa.column("name", sa.String),
        sa.column("version", sa.Integer), sa.column("purpose", sa.String),
        sa.column("description", sa.Text), sa.column("questions", sa.JSON),
        sa.column("current", sa.Boolean), sa.column("created_at", sa.DateTime))
    response = sa.table(
        "survey_response", sa.column("uid", sa.String), sa.column("customer_id", sa.Integer),
        sa.column("template_id", sa.Integer), sa.column("answered_at", sa.DateTime),
        sa.column("score", sa.Float), sa.column("nps", sa.Integer),
        sa.column("answers", sa.JSON), sa.column("source", sa.String),
        sa.column("owner", sa.String), sa.column("branch", sa.String),
        sa.column("staff", sa.String), sa.column("contact_event_id", sa.Integer),
        sa.column("complaint_id", sa.Integer), sa.column("created_at", sa.DateTime))
    return template, response


def upgrade() -> None:
    op.create_table(
        "survey_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_template")),
        sa.UniqueConstraint("name", "version", name=op.f("uq_survey_template_name_version")),
    )
    op.create_table(
        "survey_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("nps", sa.Integer(), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("owner", sa.String(length=100), nullable=True),
        sa.Column("branch", sa.String(length=100), nullable=True),
        sa.Column("staff", sa.String(length=100), nullable=True),
        sa.Column("contact_event_id", sa.Integer(), nullable=True),
        sa.Column("complaint_id", sa.Integer(), nullable=True),
        sa.Column("origin_key", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("score BETWEEN 0 AND 100",
                           name=op.f("ck_survey_response_score_0_to_100")),
        sa.CheckConstraint("nps IS NULL OR nps BETWEEN 0 AND 10",
                           name=op.f("ck_survey_response_nps_0_to_10")),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], ondelete="CASCADE",
                                name=op.f("fk_survey_response_customer_id_customer")),
        sa.ForeignKeyConstraint(["template_id"], ["survey_template.id"],
                                name=op.f("fk_survey_response_template_id_survey_template")),
        sa.ForeignKeyConstraint(["contact_event_id"], ["contact_event.id"], ondelete="CASCADE",
                                name=op.f("fk_survey_response_contact_event_id_contact_event")),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaint.id"], ondelete="CASCADE",
                                name=op.f("fk_survey_response_complaint_id_complaint")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_response")),
        sa.UniqueConstraint("uid", name=op.f("uq_survey_response_uid")),
        sa.UniqueConstraint("contact_event_id",
                            name=op.f("uq_survey_response_contact_event_id")),
        sa.UniqueConstraint("complaint_id", name=op.f("uq_survey_response_complaint_id")),
        sa.UniqueConstraint("origin_key", name=op.f("uq_survey_response_origin_key")),
    )
    op.create_index(op.f("ix_survey_response_customer_id"), "survey_response", ["customer_id"])
    op.create_index(op.f("ix_survey_response_template_id"), "survey_response", ["template_id"])
    # The month is the stored text's prefix on SQLite; PostgreSQL stores a timestamp
    # (and an index expression must be immutable): date_trunc gives the same grouping.
    month = ("date_trunc('month', answered_at)" if op.get_bind().dialect.name == "postgresql"
             else "substr(answered_at, 1, 7)")
    for by in ("owner", "branch", "template_id"):  # the monthly figures read only these
        op.create_index(f"ix_survey_response_month_{by}", "survey_response",
                        [sa.text(month), by, "score", "nps"])
    _carry_history()


def _carry_history() -> None:
    """The legacy template, then one response per 1–5 score (in chunks: a file may hold
    a million contact events)."""
    bind = op.get_bind()
    template, response = _tables()
    stamp = datetime.now().replace(microsecond=0)
    template_id = bind.execute(sa.insert(template).values(
        name=LEGACY_NAME, version=1, purpose="legacy",
        description="联系记录和投诉上原有的 1–5 分满意度（×20 折算为百分制）",
        questions=LEGACY_QUESTIONS, current=True, created_at=stamp)
        .returning(template.c.id)).scalar_one()
    e = sa.table("contact_event", sa.column("id"), sa.column("customer_id"),
                 sa.column("occurred_at", sa.DateTime), sa.column("satisfaction"),
                 sa.column("staff"))
    k = sa.table("complaint", sa.column("id"), sa.column("customer_id"),
                 sa.column("opened_at", sa.DateTime), sa.column("resolved_at", sa.DateTime),
                 sa.column("closed_at", sa.DateTime), sa.column("satisfaction_after"),
                 sa.column("owner"))
    c = sa.table("customer", sa.column("id"), sa.column("owner"), sa.column("branch"))
    events = (sa.select(e.c.id, e.c.customer_id, e.c.occurred_at, e.c.satisfaction,
                        e.c.staff, c.c.owner, c.c.branch)
              .join(c, c.c.id == e.c.customer_id)
              .where(e.c.satisfaction.is_not(None)).order_by(e.c.id))
    when = sa.func.coalesce(k.c.closed_at, k.c.resolved_at, k.c.opened_at)
    complaints = (sa.select(k.c.id, k.c.customer_id, sa.type_coerce(when, sa.DateTime),
                            k.c.satisfaction_after, k.c.owner, c.c.owner, c.c.branch)
                  .join(c, c.c.id == k.c.customer_id)
                  .where(k.c.satisfaction_after.is_not(None)).order_by(k.c.id))

    def rows(source: str, result):
        for row_id, cid, at, value, staff_or_owner, owner, branch in result:
            if not 1 <= int(value) <= 5:
                continue
            yield {"uid": str(uuid.uuid4()), "customer_id": cid, "template_id": template_id,
                   "answered_at": at, "score": float(value) * 20, "nps": None,
                   "answers": {"q1": int(value)}, "source": source,
                   "owner": owner, "branch": branch, "staff": staff_or_owner,
                   "contact_event_id": row_id if source == "contact" else None,
                   "complaint_id": row_id if source == "complaint" else None,
                   "created_at": stamp}

    for source, stmt in (("contact", events), ("complaint", complaints)):
        batch = []
        for row in rows(source, bind.execute(stmt).all()):
            batch.append(row)
            if len(batch) >= CHUNK:
                bind.execute(sa.insert(response), batch)
                batch = []
        if batch:
            bind.execute(sa.insert(response), batch)


def downgrade() -> None:
    for by in ("owner", "branch", "template_id"):
        op.drop_index(f"ix_survey_response_month_{by}", table_name="survey_response")
    op.drop_index(op.f("ix_survey_response_template_id"), table_name="survey_response")
    op.drop_index(op.f("ix_survey_response_customer_id"), table_name="survey_response")
    op.drop_table("survey_response")
    op.drop_table("survey_template")
