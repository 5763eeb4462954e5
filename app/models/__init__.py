"""SQLAlchemy models. No Qt, no I/O."""

from app.models import sql_functions  # noqa: F401 - portable func.substr, likely, …
from app.models.audit_log import AuditLog
from app.models.base import Base
from app.models.campaign import Campaign, CampaignMember
from app.models.complaint import Complaint
from app.models.consent import ConsentEntry
from app.models.contact_event import ContactEvent
from app.models.coupon import Coupon
from app.models.customer import Customer
from app.models.customer_cluster import ClusterRun, CustomerCluster
from app.models.customer_clv import ClvRun, CustomerClv
from app.models.customer_hold import CustomerHold
from app.models.customer_merge import CustomerMerge, NotDuplicate
from app.models.customer_provenance import CustomerProvenance
from app.models.customer_tier import CustomerTier, TierRun
from app.models.dashboard_rollup import ContactMonth, PurchaseMonth
from app.models.import_batch import ImportBatch
from app.models.level_change import LevelChange
from app.models.loyalty_run import LoyaltyRun
from app.models.member_level import MemberLevel
from app.models.points_entry import PointsEntry
from app.models.purchase import Purchase
from app.models.reminder import Reminder
from app.models.reward import Reward
from app.models.rule_set import RuleSet
from app.models.segment import Segment
from app.models.survey_response import SurveyResponse
from app.models.survey_template import SurveyTemplate
from app.models.tag import Tag, customer_tag
from app.models.tier_snapshot import TierSnapshot

# Tables kept by hand-written SQL (FTS5): invisible to autogenerate.
FTS_TABLE = "customer_fts"

__all__ = [
    "FTS_TABLE",
    "AuditLog",
    "Base",
    "Campaign",
    "CampaignMember",
    "ClusterRun",
    "ClvRun",
    "Complaint",
    "ConsentEntry",
    "ContactEvent",
    "ContactMonth",
    "Coupon",
    "Customer",
    "CustomerCluster",
    "CustomerClv",
    "CustomerHold",
    "CustomerMerge",
    "CustomerProvenance",
    "CustomerTier",
    "ImportBatch",
    "LevelChange",
    "LoyaltyRun",
    "MemberLevel",
    "NotDuplicate",
    "PointsEntry",
    "Purchase",
    "PurchaseMonth",
    "Reminder",
    "Reward",
    "RuleSet",
    "Segment",
    "SurveyResponse",
    "SurveyTemplate",
    "Tag",
    "TierRun",
    "TierSnapshot",
    "customer_tag",
]
