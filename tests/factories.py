"""Factories for rows the tests need without going through the report form."""

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from complaints.models import Case, CaseEvent, Election, Region
from complaints.tickets import generate_ticket

ACCESS_CODE = "ABCDE-FGHJK"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    ticket = factory.LazyFunction(generate_ticket)
    access_code_hash = factory.LazyFunction(lambda: make_password(ACCESS_CODE))
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
