"""Who may do what (DESIGN §1): roles as Django groups with permissions, and every rule about them.

Code asks for permissions, never for role names; a user may hold several roles.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .errors import NotAllowed

VIEW_CASE = "complaints.view_case"
TRIAGE = "complaints.triage_case"  # claim, ask the reporter, verify, reject
CLASSIFY = "complaints.classify_case"
COORDINATE = "complaints.coordinate_case"  # forward, close, resend, dossiers, decision letters
VIEW_IDENTITY = "complaints.view_reporter_identity"
DOWNLOAD_ORIGINAL = "complaints.download_original_evidence"
RECORD_FINDING = "complaints.record_finding"  # an official's own finding (temuan)
EXPORT = "complaints.export_cases"  # the filtered queue as CSV or XLSX, never reporter identity
REPROCESS_EVIDENCE = "complaints.reprocess_evidence"  # run a screenshot's failed steps again


class Role(models.TextChoices):
    """Officials' roles; each is a Group of the same name."""

    VERIFIKATOR = "verifikator", _("Verifikator")
    ANALIS = "analis", _("Analis")
    KOORDINATOR = "koordinator", _("Koordinator")
    ADMIN = "admin", _("Admin")


# Group → permissions ("app_label.codename").
ROLE_PERMISSIONS = {
    Role.VERIFIKATOR: [VIEW_CASE, TRIAGE, VIEW_IDENTITY, DOWNLOAD_ORIGINAL, RECORD_FINDING],
    Role.ANALIS: [VIEW_CASE, CLASSIFY],
    Role.KOORDINATOR: [
        VIEW_CASE,
        TRIAGE,
        CLASSIFY,
        COORDINATE,
        VIEW_IDENTITY,
        DOWNLOAD_ORIGINAL,
        RECORD_FINDING,
        EXPORT,
    ],
    Role.ADMIN: [
        VIEW_CASE,
        EXPORT,
        REPROCESS_EVIDENCE,
        "complaints.add_election",
        "complaints.change_election",
        "complaints.view_election",
        "complaints.add_behaviour",
        "complaints.change_behaviour",
        "complaints.view_behaviour",
        "complaints.view_region",
        "complaints.add_agency",
        "complaints.change_agency",
        "complaints.view_agency",
        "complaints.add_routingrule",
        "complaints.change_routingrule",
        "complaints.delete_routingrule",
        "complaints.view_routingrule",
        "complaints.add_deadlinerule",
        "complaints.change_deadlinerule",
        "complaints.view_deadlinerule",
        "complaints.add_collectiveleave",
        "complaints.change_collectiveleave",
        "complaints.delete_collectiveleave",
        "complaints.view_collectiveleave",
        "complaints.view_accesslog",
        "complaints.view_forwarding",
        "complaints.change_forwarding",  # only to revoke an agency's link: every field is read-only
        "complaints.add_jurisdiction",
        "complaints.change_jurisdiction",
        "complaints.delete_jurisdiction",
        "complaints.view_jurisdiction",
        "auth.add_user",
        "auth.change_user",
        "auth.view_user",
        "auth.view_group",
    ],
}


@transaction.atomic
def groups_ensure() -> None:
    """Create the role groups and give each exactly its permissions (idempotent)."""
    for role, names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        permissions = []
        for name in names:
            app_label, codename = name.split(".")
            permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(permissions)


def granted(user) -> frozenset[str]:
    """Return the permissions `user` holds through roles and direct grants, read once per request.

    Being a superuser grants nothing here: reporter identity, originals and every step of a case
    go by an explicit permission only (a superuser still runs the admin site).
    """
    if not hasattr(user, "_portal_permissions"):
        rows = Permission.objects.filter(Q(group__user=user) | Q(user=user)).values_list(
            "content_type__app_label", "codename"
        )
        user._portal_permissions = frozenset(f"{app_label}.{codename}" for app_label, codename in rows)
    return user._portal_permissions


def has(user, permission: str) -> bool:
    """Return whether `user` is an active official holding `permission` explicitly."""
    return user is not None and user.is_authenticated and user.is_active and permission in granted(user)


def require(user, permission: str, message: str) -> None:
    """Raise NotAllowed with `message` unless `user` holds `permission`."""
    if not has(user, permission):
        raise NotAllowed(message)


def four_eyes_blocks(case, user, action: str) -> bool:
    """Return whether the four-eyes rule forbids `user` this action: who verified may not forward."""
    return bool(settings.FOUR_EYES and action == "forward" and case.verified_by_id == user.pk)


def claimed_by_another(case, user, permission: str) -> bool:
    """Return whether a verifier's step on `case` belongs to another official.

    Once a case is claimed, its review (asking the reporter, verifying, rejecting) is its
    assignee's; a koordinator may step in. The rule lends no permission: it only narrows who of
    those holding TRIAGE may act, so classifying (CLASSIFY) is any analyst's or koordinator's.
    """
    return permission == TRIAGE and case.assignee_id not in (None, user.pk) and not has(user, COORDINATE)


def may_act(user, *, permission: str, case, action: str) -> bool:
    """Return whether `user` may take `action`, which needs `permission`, on `case`: the role's
    permission, the four-eyes rule and the assignee's claim, all here."""
    return (
        has(user, permission)
        and not four_eyes_blocks(case, user, action)
        and not claimed_by_another(case, user, permission)
    )
