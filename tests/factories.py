"""Factories for every model, for tests that need rows without going through the report form."""

import datetime
import functools
import random

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from complaints import tickets, timeline
from complaints.evidence.imaging import hash_bands
from complaints.incidents.posts import post_key
from complaints.models import (
    AccessLog,
    Agency,
    Behaviour,
    Case,
    CaseEvent,
    CollectiveLeave,
    DayType,
    DeadlineRule,
    Election,
    Evidence,
    Forwarding,
    Incident,
    Jurisdiction,
    KeptStatus,
    Notification,
    PeriodicRun,
    RateBucket,
    Region,
    Reporter,
    RoutingRule,
    StagedPart,
    StagedUpload,
)
from complaints.oversight.people import name_key, person_key
from complaints.tickets import generate_ticket
from tests.helpers import image_bytes

ACCESS_CODE = "ABCDE-FGHJK"


@functools.cache
def access_code_hash() -> str:
    return tickets.access_code_hash(ACCESS_CODE)


class RegionFactory(factory.django.DjangoModelFactory):
    """A made-up province (codes 90 and up are not Kemendagri's); `parent=` makes a kabupaten."""

    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{90 + n % 10}")
    name = factory.Sequence(lambda n: f"Provinsi Contoh {n}")
    level = Region.Level.PROVINCE


class ElectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Election
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"pilkada-contoh-{n}")
    name = factory.Sequence(lambda n: f"Pilkada Contoh {n}")
    type = Election.Type.PILKADA
    voting_date = factory.Faker("date_between", start_date="-2y", end_date="-1y")
    campaign_start = factory.LazyAttribute(lambda e: e.voting_date - timezone.timedelta(days=60))
    campaign_end = factory.LazyAttribute(lambda e: e.voting_date - timezone.timedelta(days=4))
    stages_start = factory.LazyAttribute(lambda e: e.voting_date - timezone.timedelta(days=300))
    stages_end = factory.LazyAttribute(lambda e: e.voting_date + timezone.timedelta(days=30))


class BehaviourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Behaviour
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"CONTOH_{n}")
    name = factory.Sequence(lambda n: f"Perilaku contoh {n}")
    legal_basis = "PP 94/2021 Pasal 5 huruf n"


class CaseFactory(factory.django.DjangoModelFactory):
    """A case as submitted (its first timeline event included), in any `status=`."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    ticket = factory.LazyFunction(generate_ticket)
    access_code_hash = factory.LazyFunction(access_code_hash)
    consented_at = factory.LazyFunction(timezone.now)
    asn_name = "Budi Santoso"
    asn_nip = ""
    asn_agency = "Dinas Pendidikan Kota Serang"
    asn_key = factory.LazyAttribute(
        lambda case: person_key(nip=case.asn_nip, name=case.asn_name, agency=case.asn_agency)
    )
    asn_name_key = factory.LazyAttribute(lambda case: name_key(case.asn_name))
    asn_region = factory.LazyFunction(lambda: Region.objects.get(code="36.73"))
    platform = "facebook"
    post_url = ""
    post_key = factory.LazyAttribute(lambda case: post_key(case.post_url, case.platform))
    incident_date = factory.LazyFunction(timezone.localdate)
    known_date = factory.LazyFunction(timezone.localdate)
    election = factory.LazyFunction(lambda: Election.objects.get(slug="pilkada-2024"))
    description = "Membagikan unggahan kampanye calon bupati di akun pribadinya."

    @factory.post_generation
    def submitted(case, create, extracted, **kwargs):
        if create:
            timeline.submitted(case=case, evidence=[])  # chained, as every event is: the case page shows it intact


class IncidentFactory(factory.django.DjangoModelFactory):
    """An incident of one post, its primary a case of its own (add cases with `incident=`)."""

    class Meta:
        model = Incident
        skip_postgeneration_save = True

    post_url = factory.Sequence(lambda n: f"https://www.instagram.com/p/Insiden{n}/")
    post_key = factory.LazyAttribute(lambda incident: post_key(incident.post_url))
    primary = factory.SubFactory(CaseFactory, post_url=factory.SelfAttribute("..post_url"))

    @factory.post_generation
    def grouped(incident, create, extracted, **kwargs):
        if create and incident.primary:
            Case.objects.filter(pk=incident.primary.pk).update(incident=incident)


class ReporterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reporter

    case = factory.SubFactory(CaseFactory)
    name = "Sulastri Wibowo"
    email = "sulastri.w@example.org"
    phone = "081234567890"


class EvidenceFactory(factory.django.DjangoModelFactory):
    """A sealed screenshot with a real PNG as its original (not processed yet)."""

    class Meta:
        model = Evidence

    case = factory.SubFactory(CaseFactory)
    position = factory.Sequence(lambda n: n + 1)
    original = factory.LazyFunction(lambda: ContentFile(image_bytes(), name="original.png"))
    sha256 = "0" * 64
    mime = Evidence.Mime.PNG
    size_bytes = factory.LazyAttribute(lambda e: e.original.size)
    width = 360
    height = 640
    uploaded_at = factory.LazyAttribute(lambda item: _after_last_event(item.case))


def _after_last_event(case) -> datetime.datetime:
    """A screenshot added to a case after its events (a reply's), so the chain stays intact."""
    last = case.events.order_by("-at").values_list("at", flat=True).first()
    return max(timezone.now(), last + datetime.timedelta(microseconds=1)) if last else timezone.now()


class CaseEventFactory(factory.django.DjangoModelFactory):
    """An event appended to the case's chain, as the timeline appends every one."""

    class Meta:
        model = CaseEvent

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return timeline._append(**kwargs)  # the one writer of events, hashing each into the chain

    case = factory.SubFactory(CaseFactory)
    action = CaseEvent.Action.CLAIM
    from_status = Case.Status.RECEIVED
    to_status = Case.Status.IN_REVIEW


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    key = factory.Sequence(lambda n: f"status-change:{n}")
    case = factory.SubFactory(CaseFactory)
    kind = Notification.Kind.STATUS_CHANGE


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ["kind", "region", "name"]

    kind = Agency.Kind.BKN
    name = factory.LazyAttribute(lambda a: f"{a.kind.upper()} contoh")
    region = None
    email = factory.LazyAttribute(lambda a: f"{a.kind}@instansi.example")


class DeadlineRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeadlineRule
        django_get_or_create = ["election_type", "step"]

    election_type = "pilkada"
    step = DeadlineRule.Step.INITIAL_REVIEW
    days = 3
    day_type = DayType.WORKING


class CollectiveLeaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectiveLeave
        django_get_or_create = ["day"]

    day = factory.Sequence(lambda n: timezone.datetime(2026, 12, 24).date() + timezone.timedelta(days=n))
    name = "Cuti bersama contoh"
    source = "SKB contoh"


class JurisdictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jurisdiction

    official = factory.LazyFunction(lambda: official(f"petugas-{generate_ticket()}", "verifikator"))
    region = factory.LazyFunction(lambda: Region.objects.get(code="32"))


class PeriodicRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeriodicRun
        django_get_or_create = ["name"]

    name = "expire-unanswered-requests"
    last_run_at = factory.LazyFunction(timezone.now)


class AccessLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessLog

    official = factory.LazyFunction(lambda: official(f"petugas-{generate_ticket()}", "verifikator"))
    kind = AccessLog.Kind.CASE
    case = factory.SubFactory(CaseFactory)
    address = "10.0.0.1"


class RateBucketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RateBucket
        django_get_or_create = ["key"]

    key = factory.Sequence(lambda n: f"submit:10.0.0.{n % 250}")
    hits = factory.LazyFunction(lambda: [timezone.now().timestamp()])


class StagedUploadFactory(factory.django.DjangoModelFactory):
    """A screenshot sent ahead of its report, whole (one part)."""

    class Meta:
        model = StagedUpload
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Screenshot_{n}.png")
    owner = factory.Sequence(lambda n: f"{n:064x}")
    length = 4
    offset = 4
    created_at = factory.LazyFunction(timezone.now)
    part = factory.RelatedFactory("tests.factories.StagedPartFactory", factory_related_name="upload")


class StagedPartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StagedPart

    upload = factory.SubFactory(StagedUploadFactory, part=None)
    offset = 0
    data = b"\x89PNG"


class RoutingRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutingRule

    category = "disiplin"
    agency_kinds = factory.LazyFunction(lambda: [Agency.Kind.BKN])
    scope = RoutingRule.Scope.NATIONAL


class ForwardingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forwarding

    case = factory.SubFactory(CaseFactory, status="forwarded", category="disiplin")
    agency = factory.SubFactory(AgencyFactory)


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


class KeptStatusFactory(factory.django.DjangoModelFactory):
    """A case's public status, kept as the product builds it (`status_pages.build`)."""

    class Meta:
        model = KeptStatus

    case = factory.SubFactory(CaseFactory)
    language = "id"

    @classmethod
    def _create(cls, model_class, *, case, language, **kwargs):
        from complaints.intake import status_pages

        return status_pages.build(ticket=case.ticket, language=language)
