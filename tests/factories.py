"""Factories for rows the tests need without going through the report form."""

import functools
import random

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from complaints.evidence.imaging import hash_bands
from complaints.models import Case, CaseEvent, Election, Evidence, Region
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


def evidence_with_random_hashes(*, count: int, seed: int) -> list[str]:
    """Insert `count` evidence rows with random perceptual hashes (no files); return the hashes."""
    rng, case = random.Random(seed), CaseFactory()
    hashes = [f"{rng.getrandbits(64):016x}" for _ in range(count)]
    rows = [
        Evidence(
            case=case,
            position=number,
            original=f"x/{number}.png",
            sha256="0" * 64,
            mime="image/png",
            size_bytes=1,
            width=1,
            height=1,
            phash=phash,
            **{f"phash_band{band}": value for band, value in enumerate(hash_bands(phash))},
        )
        for number, phash in enumerate(hashes, start=1)
    ]
    Evidence.objects.bulk_create(rows, batch_size=5000)
    return hashes
