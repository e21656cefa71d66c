from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from complaints.models import Behaviour, Case, Election, Region
from complaints.reference import demo, loaders


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_seed_loads_every_region_election_and_behaviour_and_is_idempotent():
    first = seed("--password", "rahasia-demo-1")
    Election.objects.filter(slug="pemilu-2024").update(name="Pemilu Serentak 2024")  # an admin's edit
    second = seed()
    for _ in range(2):
        assert Region.objects.filter(level=Region.Level.PROVINCE).count() == 38
        assert Region.objects.filter(level=Region.Level.REGENCY).count() == 514
    assert Region.objects.get(code="36").name == "Banten"
    assert Region.objects.get(code="36.73").name == "Kota Serang"
    assert Region.objects.get(code="36.73").parent_id == "36"
    assert not Region.objects.filter(level=Region.Level.REGENCY, parent__isnull=True).exists()
    assert Election.objects.count() == 2
    assert Election.objects.get(slug="pemilu-2024").name == "Pemilu Serentak 2024"  # kept on the second run
    pilkada = Election.objects.get(slug="pilkada-2024")
    assert (str(pilkada.voting_date), pilkada.type) == ("2024-11-27", "pilkada")
    assert pilkada.campaign_start < pilkada.campaign_end < pilkada.voting_date
    assert Behaviour.objects.count() == 13
    assert Behaviour.objects.get(code="ANGGOTA_PARPOL").typical_sanction == "PTDH"
    assert "rahasia-demo-1" not in first
    assert "tidak diubah" in second
    assert "make run PASSWORD=" in second and "seed_demo --password" in second  # how to set a new one


@pytest.mark.django_db
def test_admin_gets_the_given_password_or_a_printed_one():
    output = seed()
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_staff and not admin.is_superuser  # the admin role; superuser status is never handed out
    printed = output.split("Kata sandi: ")[1].split()[0]
    assert admin.check_password(printed)
    seed("--password", "kata-sandi-baru-9")
    admin.refresh_from_db()
    assert admin.check_password("kata-sandi-baru-9")


@pytest.mark.django_db
def test_admin_edits_elections_and_shows_cases_read_only(admin_client):
    loaders.regions_load()
    loaders.elections_load()
    election = Election.objects.get(slug="pilkada-2024")
    page = admin_client.get(f"/admin/complaints/election/{election.pk}/change/")
    assert page.status_code == 200
    response = admin_client.post(
        f"/admin/complaints/election/{election.pk}/change/",
        {
            "name": "Pilkada Serentak 2024",
            "slug": "pilkada-2024",
            "type": "pilkada",
            "voting_date": "2024-11-27",
            "campaign_start": "2024-09-25",
            "campaign_end": "2024-11-24",
            "stages_start": "2024-01-26",
            "stages_end": "2024-12-16",
            "accepts_reports": "on",
        },
    )
    assert response.status_code == 302
    election.refresh_from_db()
    assert str(election.campaign_end) == "2024-11-24"
    assert admin_client.get("/admin/complaints/case/").status_code == 200
    assert admin_client.get("/admin/complaints/case/add/").status_code == 403
    assert admin_client.get("/admin/complaints/reporter/").status_code == 404  # identity is not in the admin


@pytest.mark.django_db
def test_seed_adds_demo_officials_and_a_living_queue_once():
    output = seed("--password", "rahasia-demo-2")
    users = get_user_model().objects
    for username, role in (("verifikator", "verifikator"), ("analis", "analis"), ("koordinator", "koordinator")):
        user = users.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert user.check_password("rahasia-demo-2")
    assert users.get(username="admin").groups.filter(name="admin").exists()
    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses == set(Case.Status.values)  # every state, forwarded included
    assert 12 <= Case.objects.count() <= 16
    forwarded = Case.objects.get(status="forwarded")
    assert set(forwarded.forwardings.values_list("agency__kind", flat=True)) == {"bawaslu", "bkd"}  # reported in time
    assert Case.objects.filter(duplicate_of__isnull=False).exists()
    assert "DEM00-AKSE5" in output
    assert Case.objects.get(ticket=demo.demo_ticket(1)).check_access_code(demo.DEMO_ACCESS_CODE)
    before = Case.objects.count()
    seed()
    assert Case.objects.count() == before


@pytest.mark.django_db
def test_reference_only_adds_no_demo_accounts_or_cases():
    seed("--reference-only")
    assert not Case.objects.exists()
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["admin"]
    assert Region.objects.count() == 552


def test_the_admin_keeps_deadlines_collective_leave_and_regions_of_work(admin_client, ref):
    page = admin_client.get("/admin/complaints/collectiveleave/").content.decode()
    assert "Cuti bersama tahun 2026 belum dicatat" in page  # the test's clock says 2026: none recorded yet
    assert "Idulfitri" in page  # the cited 2024 decree is there
    assert admin_client.get("/admin/complaints/deadlinerule/").status_code == 200
    officer = get_user_model().objects.create_user("jaya")
    change = admin_client.get(f"/admin/auth/user/{officer.pk}/change/").content.decode()
    assert "wilayah kerja" in change


def test_seed_demo_adds_a_jawa_barat_verifikator_and_a_finding(db):
    seed("--password", "rahasia-demo-1")
    jabar = get_user_model().objects.get(username="verifikator_jabar")
    assert list(jabar.jurisdictions.values_list("region_id", flat=True)) == ["32"]
    assert Case.objects.filter(source="temuan").count() == 1
    assert Case.objects.get(asn_agency="Diskominfo SP Provinsi Banten").asn_region_id == "36"
    for case in Case.objects.select_related("election"):
        assert case.election.within_stages(case.incident_date), case.ticket
