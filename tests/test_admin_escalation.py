"""The admin role manages officials but cannot make itself one, and superuser status is never the
way to reporter identity or sealed originals."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from complaints.models import Reporter
from complaints.permissions import Role
from tests.factories import CaseFactory, EvidenceFactory, official

User = get_user_model()


@pytest.fixture
def admin_role(client, ref):
    user = official("admin", Role.ADMIN)
    User.objects.filter(pk=user.pk).update(is_staff=True)
    client.force_login(User.objects.get(pk=user.pk))
    return User.objects.get(pk=user.pk)


def change_form(user, **posted) -> dict:
    data = {
        "username": user.username,
        "first_name": "", "last_name": "", "email": "",
        "is_active": "on", "is_staff": "on",
        "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-11-25", "date_joined_1": "10:00:00",
        "jurisdictions-TOTAL_FORMS": "0", "jurisdictions-INITIAL_FORMS": "0",
        "jurisdictions-MIN_NUM_FORMS": "0", "jurisdictions-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    data.update(posted)
    return data


def test_the_admin_role_cannot_make_itself_a_superuser_or_give_itself_a_role(client, admin_role):
    url = f"/admin/auth/user/{admin_role.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page
    koordinator = Group.objects.get(name=Role.KOORDINATOR)
    client.post(url, change_form(admin_role, is_superuser="on", groups=[koordinator.pk]))
    admin_role.refresh_from_db()
    assert not admin_role.is_superuser
    assert list(admin_role.groups.values_list("name", flat=True)) == [Role.ADMIN]


def test_the_admin_role_gives_other_officials_roles_only_and_never_sees_superusers(client, admin_role):
    vera = official("vera", Role.VERIFIKATOR)
    root = User.objects.create_superuser("root", password="x-very-long-password-1")
    url = f"/admin/auth/user/{vera.pk}/change/"
    offered = client.get(url).context["adminform"].form.fields["groups"].queryset
    assert sorted(offered.values_list("name", flat=True)) == sorted(Role.values)  # roles, no other group
    everyone = Group.objects.create(name="semua-izin")
    response = client.post(url, change_form(vera, is_superuser="on", groups=[everyone.pk]))
    assert response.status_code == 200 and "groups" in response.context["adminform"].form.errors  # not a role
    client.post(url, change_form(vera, is_superuser="on", groups=[Group.objects.get(name=Role.KOORDINATOR).pk]))
    vera.refresh_from_db()
    assert not vera.is_superuser and list(vera.groups.values_list("name", flat=True)) == [Role.KOORDINATOR]
    assert client.get(f"/admin/auth/user/{root.pk}/change/").status_code in (302, 404)
    assert "root" not in client.get("/admin/auth/user/").content.decode()


def test_a_superuser_without_a_role_sees_no_identity_no_original_no_case(client, ref):
    case = CaseFactory()
    Reporter.objects.create(case=case, name="Adityawarman", email="adit@example.org")
    evidence = EvidenceFactory(case=case)
    client.force_login(User.objects.create_superuser("root", password="x-very-long-password-1"))
    for path in (
        f"/api/v1/cases/{case.ticket}/reporter/",
        f"/api/v1/cases/{case.ticket}/evidence/{evidence.pk}/original/",
        f"/api/v1/cases/{case.ticket}/",
        f"/petugas/kasus/{case.ticket}/",
    ):
        response = client.get(path)
        assert response.status_code == 403, path
        assert b"Adityawarman" not in response.content
    assert not case.events.filter(action__in=["identity_viewed", "original_downloaded"]).exists()


def test_the_demo_admin_is_no_superuser(db):
    call_command("seed_demo", "--password", "rahasia-demo-1", "--reference-only")
    admin = User.objects.get(username="admin")
    assert admin.is_staff and not admin.is_superuser
    assert list(admin.groups.values_list("name", flat=True)) == [Role.ADMIN]


def test_every_look_at_a_case_page_evidence_and_dossier_is_in_the_access_log_for_the_admin(client, ref):
    from complaints.models import AccessLog

    case = CaseFactory()
    Reporter.objects.create(case=case, name="Adityawarman", email="adit@example.org")
    evidence = EvidenceFactory(case=case)
    vera = official("vera", Role.VERIFIKATOR)
    client.force_login(vera)
    client.get(f"/petugas/kasus/{case.ticket}/")
    client.get(f"/api/v1/cases/{case.ticket}/")
    client.get(f"/api/v1/cases/{case.ticket}/evidence/{evidence.pk}/original/")
    looks = list(AccessLog.objects.order_by("pk").values_list("official__username", "kind", "detail"))
    assert looks == [("vera", "case", ""), ("vera", "case", ""), ("vera", "evidence", f"#{evidence.position} original")]
    admin = official("admin", Role.ADMIN)
    User.objects.filter(pk=admin.pk).update(is_staff=True)
    client.force_login(User.objects.get(pk=admin.pk))
    page = client.get("/admin/complaints/accesslog/")
    assert page.status_code == 200 and "vera" in page.content.decode()
    assert "Adityawarman" not in page.content.decode()  # what was looked at, never the identity itself


def test_no_one_reads_tokens_or_authenticator_secrets_in_the_admin(client, ref):
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from rest_framework.authtoken.models import Token

    vera = official("vera", Role.VERIFIKATOR)
    token = Token.objects.create(user=vera)
    device = TOTPDevice.objects.create(user=vera, name="ponsel")
    client.force_login(User.objects.create_superuser("root", password="x-very-long-password-1"))
    index = client.get("/admin/").content.decode()
    for path in ("/admin/authtoken/tokenproxy/", "/admin/otp_totp/totpdevice/", "/admin/otp_static/staticdevice/"):
        assert client.get(path).status_code == 404, path
        assert path not in index
    assert token.key not in client.get(f"/admin/auth/user/{vera.pk}/change/").content.decode()
    assert device.key not in client.get(f"/admin/auth/user/{vera.pk}/change/").content.decode()


def test_the_admin_role_resets_a_lost_phone_for_others_only(client, admin_role):
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    vera = official("vera", Role.VERIFIKATOR)
    for user in (vera, admin_role):
        TOTPDevice.objects.create(user=user, name="ponsel")
        StaticDevice.objects.create(user=user, name="pemulihan")
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=admin_role).persistent_id  # verified at login
    session.save()
    selected = {"action": "second_factor_reset", "_selected_action": [vera.pk, admin_role.pk]}
    page = client.post("/admin/auth/user/", selected, follow=True).content.decode()
    assert "Verifikasi dua langkah 1 petugas diatur ulang." in page
    assert not TOTPDevice.objects.filter(user=vera).exists() and not StaticDevice.objects.filter(user=vera).exists()
    assert TOTPDevice.objects.filter(user=admin_role).exists()  # never one's own
