"""Officials' roles as Django groups with permissions (DESIGN §1). A user may hold several."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .models import Role

# Group → permissions ("app_label.codename"). The workflow asks for permissions, not names.
ROLE_PERMISSIONS = {
    Role.VERIFIKATOR: [
        "complaints.view_case",
        "complaints.triage_case",
        "complaints.view_reporter_identity",
        "complaints.download_original_evidence",
    ],
    Role.ANALIS: ["complaints.view_case", "complaints.classify_case"],
    Role.KOORDINATOR: [
        "complaints.view_case",
        "complaints.triage_case",
        "complaints.classify_case",
        "complaints.coordinate_case",
        "complaints.view_reporter_identity",
        "complaints.download_original_evidence",
    ],
    Role.ADMIN: [
        "complaints.view_case",
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
