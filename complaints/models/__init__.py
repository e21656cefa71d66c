"""The models, one module per concept; imported from here (`from complaints.models import Case`)."""

from .access import AccessLog
from .calendar import CollectiveLeave, DayType, DeadlineRule
from .case import Case, CaseEvent, Category, Platform, RejectionReason, Reporter, Severity
from .evidence import Evidence, evidence_upload_to
from .forwarding import Agency, Forwarding, RoutingRule
from .incident import Incident
from .limits import RateBucket
from .notification import Notification
from .officials import Jurisdiction, PeriodicRun
from .reference import Behaviour, Election, Region
from .staging import StagedPart, StagedUpload
from .status import KeptStatus

__all__ = [
    "AccessLog",
    "Agency",
    "Behaviour",
    "Case",
    "CaseEvent",
    "Category",
    "CollectiveLeave",
    "DayType",
    "DeadlineRule",
    "Election",
    "Evidence",
    "Forwarding",
    "Incident",
    "Jurisdiction",
    "KeptStatus",
    "Notification",
    "PeriodicRun",
    "Platform",
    "RateBucket",
    "Region",
    "RejectionReason",
    "Reporter",
    "RoutingRule",
    "Severity",
    "StagedPart",
    "StagedUpload",
    "evidence_upload_to",
]
