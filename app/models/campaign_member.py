"""Who a campaign reached: each customer of its segment at launch, in the target group,
the control group (not contacted) or excluded (with the reason: no consent for the
channel, a storage-only hold), and the reminder or coupon made for them."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base

MEMBER_GROUPS = ("target", "control", "excluded")


class CampaignMember(Base):
    __tablename__ = "campaign_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), index=True)
    group: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(String(40))  # why excluded
    reminder_id: Mapped[int | None] = mapped_column(
        ForeignKey("reminder.id", ondelete="SET NULL"))
    coupon_id: Mapped[int | None] = mapped_column(ForeignKey("coupon.id", ondelete="SET NULL"))
