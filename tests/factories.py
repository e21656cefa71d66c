"""Factories for rows the tests need without going through the report form."""

import functools

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from complaints.models import Case, CaseEvent, Election, Region
from complaints.tickets import generate_ticket

ACCESS_CODE = "ABCDE-FGHJK"


@functools.cache
def access_code_hash() -> str:
    return make_password(ACCESS_CODE)  # argon2 is slow on purpose: hash once for all tests


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    ticket = factory.LazyFunction(generate_ticket)
    access_code_hash = factory.LazyFunction(access_code_hash)
    consented_at = factory.LazyFunction(timezone.now)
    asn_name = "Budi Santoso"
    asn_agency = "Dinas Pendidikan Kota Serang"
    asn_region = factory.LazyFunction(lambda: Region.objects.get(code="36.73"))
    platform = "facebook"
    incident_date = factory.LazyFunction(timezone.localdate)
    known_date = factory.LazyFunction(timezone.localdate)
    election = factory.LazyFunction(lambda: Election.objects.get(slug="pilkada-2024"))
    description = "Membagikan unggahan kampanye calon bupati di akun pribadinya."

    @factory.post_generation
    def submitted(case, create, extracted, **kwargs):
        if create:
            CaseEvent.objects.create(case=case, action=CaseEvent.Action.SUBMIT, to_status=case.status)


def official(username: str, *roles: str, email: str = "", password: str | None = None):
    """Return an active user holding the given role groups (no password unless one is given)."""
    user = get_user_model().objects.create_user(username=username, password=password, email=email)
    user.groups.set(Group.objects.filter(name__in=roles))
    return user
