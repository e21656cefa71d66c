"""The models, one module per concept; imported from here (`from complaints.models import Case`)."""

from .case import Case, CaseEvent, Category, Platform, RejectionReason, Reporter, Severity
from .evidence import Evidence, evidence_upload_to
from .forwarding import Agency, Forwarding, RoutingRule
from .notification import Notification
from .reference import Behaviour, Election, Region

__all__ = [
    "Agency",
    "Behaviour",
    "Case",
    "CaseEvent",
    "Category",
    "Election",
    "Evidence",
    "Forwarding",
    "Notification",
    "Platform",
    "Region",
    "RejectionReason",
    "Reporter",
    "RoutingRule",
    "Severity",
    "evidence_upload_to",
]
