"""Reference data: regions, elections and the behaviour catalogue (DOMAIN.md).

Loading is idempotent. Regions follow the committed data set (`data/regions/`); elections and
behaviours are created once and then belong to the admin, so a second run never undoes an
official's edit.
"""

import csv
import datetime
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext_noop

from ..models import Agency, Behaviour, Category, CollectiveLeave, DayType, DeadlineRule, Election, Region, RoutingRule

REGIONS_DIR = Path(__file__).resolve().parent / "data" / "regions"

ELECTIONS = [
    {
        "slug": "pemilu-2024",
        "name": "Pemilu 2024",
        "type": Election.Type.PEMILU,
        "voting_date": datetime.date(2024, 2, 14),
        "campaign_start": datetime.date(2023, 11, 28),
        "campaign_end": datetime.date(2024, 2, 10),
        "stages_start": datetime.date(2022, 6, 14),  # PKPU 3/2022: from 14 June 2022 ...
        "stages_end": datetime.date(2024, 10, 20),  # ... to the president's oath
    },
    {
        "slug": "pilkada-2024",
        "name": "Pilkada Serentak 2024",
        "type": Election.Type.PILKADA,
        "voting_date": datetime.date(2024, 11, 27),
        "campaign_start": datetime.date(2024, 9, 25),
        "campaign_end": datetime.date(2024, 11, 23),
        "stages_start": datetime.date(2024, 1, 26),  # PKPU 2/2024, enacted 26 January 2024 ...
        "stages_end": datetime.date(2024, 12, 16),  # ... to the recapitulation of the count
    },
]

_DISCIPLINE = "PP 94/2021 tentang Disiplin PNS, Pasal 5 huruf n"
_ETHICS = "PP 42/2004 tentang Pembinaan Jiwa Korps dan Kode Etik PNS, Pasal 11 huruf c"
_SKB = "SKB Netralitas ASN 22 September 2022"

# (code, name, typical discipline sanction, legal basis pre-filled at classification)
# The names are Indonesian, as stored; each is translated where it is shown (Behaviour.__str__).
BEHAVIOURS = [
    (
        "MEDSOS_INTERAKSI",
        gettext_noop(
            "Menyukai, mengomentari, membagikan, bergabung atau mengikuti unggahan, grup atau akun calon "
            "atau tim kampanye"
        ),
        "berat",
        f"{_ETHICS}; {_DISCIPLINE}; {_SKB}",
    ),
    (
        "MEDSOS_KAMPANYE",
        gettext_noop("Berkampanye atau mempromosikan (bakal) calon di media sosial atau daring"),
        "berat",
        f"{_DISCIPLINE} angka 1; {_SKB}",
    ),
    (
        "FOTO_SIMBOL",
        gettext_noop("Mengunggah foto bersama calon atau tim sukses dengan simbol atau gestur keberpihakan"),
        "berat",
        f"{_ETHICS}; {_DISCIPLINE}; {_SKB}",
    ),
    (
        "ATRIBUT_KAMPANYE",
        gettext_noop("Memasang spanduk, baliho atau alat peraga kampanye lainnya"),
        "berat",
        f"{_DISCIPLINE} angka 3; {_SKB}",
    ),
    (
        "HADIR_DEKLARASI",
        gettext_noop("Menghadiri deklarasi atau kampanye dan ikut mendukung secara aktif"),
        "berat",
        f"{_DISCIPLINE} angka 1; {_SKB}",
    ),
    (
        "KEGIATAN_KEBERPIHAKAN",
        gettext_noop("Mengadakan pertemuan, ajakan, imbauan, seruan atau pemberian barang yang berpihak"),
        "berat",
        f"{_DISCIPLINE} angka 7; {_SKB}",
    ),
    (
        "TIM_SUKSES",
        gettext_noop("Menjadi tim ahli, tim pemenangan, anggota tim kampanye atau konsultan"),
        "sedang / berat",
        f"{_DISCIPLINE}; {_SKB}",
    ),
    (
        "DUKUNGAN_INDEPENDEN",
        gettext_noop("Memberikan surat dukungan atau fotokopi KTP untuk calon perseorangan"),
        "berat",
        f"{_DISCIPLINE} angka 8; {_SKB}",
    ),
    (
        "KEPUTUSAN_MENGUNTUNGKAN",
        gettext_noop("Membuat keputusan atau tindakan yang menguntungkan atau merugikan calon"),
        "berat",
        f"{_DISCIPLINE} angka 6; {_SKB}",
    ),
    (
        "MENCALONKAN_DIRI",
        gettext_noop("Mendekati partai politik untuk mencalonkan diri"),
        "sedang",
        f"{_DISCIPLINE}; {_SKB}",
    ),
    (
        "ANGGOTA_PARPOL",
        gettext_noop("Menjadi anggota atau pengurus partai politik"),
        "PTDH",
        "UU 20/2023 tentang ASN; PP 94/2021; pemberhentian tidak dengan hormat",
    ),
    (
        "AKUN_INSTANSI",
        gettext_noop("Akun resmi instansi pemerintah mengunggah konten politik"),
        "kasus per kasus",
        f"{_ETHICS}; {_DISCIPLINE}; {_SKB}",
    ),
    ("LAINNYA", gettext_noop("Lainnya"), "dinilai analis", ""),
]


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(REGIONS_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def regions_load() -> int:
    """Insert or update every province and kabupaten/kota; return how many were loaded."""
    provinces = [
        Region(code=row["code"], name=row["name"], level=Region.Level.PROVINCE, parent=None)
        for row in _read_csv("provinces.csv")
    ]
    regencies = [
        Region(code=row["code"], name=row["name"], level=Region.Level.REGENCY, parent_id=row["province_code"])
        for row in _read_csv("regencies.csv")
    ]
    for batch in (provinces, regencies):
        Region.objects.bulk_create(
            batch, update_conflicts=True, unique_fields=["code"], update_fields=["name", "level", "parent"]
        )
    return len(provinces) + len(regencies)


@transaction.atomic
def elections_load() -> int:
    """Create the known elections that are missing; return how many were created."""
    return sum(Election.objects.get_or_create(slug=row["slug"], defaults=row)[1] for row in ELECTIONS)


@transaction.atomic
def behaviours_load() -> int:
    """Create the catalogue entries that are missing; return how many were created."""
    created = 0
    for position, (code, name, sanction, legal_basis) in enumerate(BEHAVIOURS, start=1):
        created += Behaviour.objects.get_or_create(
            code=code,
            defaults={"name": name, "typical_sanction": sanction, "legal_basis": legal_basis, "position": position},
        )[1]
    return created


# Contacts we could not verify go to a reserved domain and are flagged (the koordinator is
# warned before forwarding); an admin replaces them with real addresses.
PLACEHOLDER_DOMAIN = "instansi.example"
# How long each kind of agency has to report an outcome (the SBT flow: the task force 7 days,
# Bawaslu 3 working days); the others the model's default.
RESPONSE = {
    Agency.Kind.BAWASLU: {"response_days": 3, "response_day_type": DayType.WORKING},
    Agency.Kind.BKN: {"response_days": 7, "response_day_type": DayType.CALENDAR},
    Agency.Kind.KASN: {"response_days": 7, "response_day_type": DayType.CALENDAR},
}
NATIONAL_AGENCIES = [
    {"kind": Agency.Kind.BAWASLU, "name": "Bawaslu Republik Indonesia"},
    {  # dissolved by Perpres 91/2024 and 92/2024; its duties passed to BKN (see agencies_load)
        "kind": Agency.Kind.KASN,
        "name": "Komisi Aparatur Sipil Negara (KASN)",
        "valid_until": datetime.date(2024, 8, 22),
    },
    {
        "kind": Agency.Kind.BKN,
        "name": "Badan Kepegawaian Negara (BKN), Deputi Pengawasan dan Pengendalian",
        "valid_from": datetime.date(2024, 8, 23),
    },
]
VIOLATIONS = [Category.KODE_ETIK, Category.DISIPLIN, Category.ETIK_DAN_DISIPLIN]
ROUTING_RULES = [
    # While Bawaslu's window is open (the incident within the stages, the report in time), every
    # violation goes to the Bawaslu of the civil servant's region ...
    *[
        {"category": category, "agency_kinds": [Agency.Kind.BAWASLU], "scope": "region", "bawaslu_window": "open"}
        for category in VIOLATIONS
    ],
    # ... outside it to BKN, which supervises neutrality (KASN until 2024; BKN is its successor).
    *[
        {"category": category, "agency_kinds": [Agency.Kind.BKN], "scope": "national", "bawaslu_window": "closed"}
        for category in VIOLATIONS
    ],
    # Always to the regional personnel agency, which carries the sanction out.
    *[{"category": category, "agency_kinds": [Agency.Kind.BKD], "scope": "region"} for category in VIOLATIONS],
]
# (election type, step, days, day type, source): the texts differ on the kind of day, so each
# step has its own; an admin edits them.
DEADLINE_RULES = [
    ("pemilu", "report_window", 7, "calendar", "UU 7/2017 Pasal 454 ayat (2)"),
    ("pemilu", "initial_review", 2, "calendar", "Perbawaslu tentang penanganan pelanggaran pemilu"),
    ("pemilu", "handling", 7, "calendar", "UU 7/2017 Pasal 454 ayat (7)"),
    ("pemilu", "handling_extended", 14, "working", "UU 7/2017 Pasal 454 ayat (7): dengan keterangan tambahan"),
    ("pemilu", "needs_info", 3, "working", "Portal: waktu pelapor menjawab"),
    ("pilkada", "report_window", 7, "calendar", "UU 10/2016 Pasal 134 ayat (4)"),
    ("pilkada", "initial_review", 3, "working", "Perbawaslu tentang penanganan pelanggaran pemilihan"),
    ("pilkada", "handling", 3, "working", "UU 10/2016 Pasal 134 ayat (5)"),
    ("pilkada", "handling_extended", 5, "working", "UU 10/2016 Pasal 134 ayat (6): 3 + 2 hari"),
    ("pilkada", "needs_info", 3, "working", "Portal: waktu pelapor menjawab"),
]
# Collective leave is announced each year; only dates we can cite are loaded. An admin enters the
# others (the queue warns while the current year has none).
LEAVE_2024 = "SKB Menag, Menaker dan MenPANRB tentang hari libur nasional dan cuti bersama 2024"
COLLECTIVE_LEAVE = [
    (datetime.date(2024, 2, 9), "Tahun Baru Imlek", LEAVE_2024),
    (datetime.date(2024, 3, 11), "Hari Suci Nyepi", LEAVE_2024),
    (datetime.date(2024, 4, 8), "Idulfitri", LEAVE_2024),
    (datetime.date(2024, 4, 9), "Idulfitri", LEAVE_2024),
    (datetime.date(2024, 4, 12), "Idulfitri", LEAVE_2024),
    (datetime.date(2024, 4, 15), "Idulfitri", LEAVE_2024),
    (datetime.date(2024, 5, 10), "Kenaikan Isa Almasih", LEAVE_2024),
    (datetime.date(2024, 5, 24), "Hari Raya Waisak", LEAVE_2024),
    (datetime.date(2024, 6, 18), "Iduladha", LEAVE_2024),
    (datetime.date(2024, 12, 26), "Hari Raya Natal", LEAVE_2024),
]


def _placeholder_email(kind: str, region: Region | None) -> str:
    where = region.code.replace(".", "-") if region else "pusat"
    return f"{kind}.{where}@{PLACEHOLDER_DOMAIN}"


@transaction.atomic
def agencies_load() -> int:
    """Create the agencies that are missing; return how many were created."""
    created = 0
    for row in NATIONAL_AGENCIES:
        created += Agency.objects.get_or_create(
            kind=row["kind"],
            region=None,
            name=row["name"],
            defaults={**row, **RESPONSE.get(row["kind"], {}), "email": _placeholder_email(row["kind"], None)},
        )[1]
    bkn = Agency.objects.filter(kind=Agency.Kind.BKN, region__isnull=True).first()
    Agency.objects.filter(kind=Agency.Kind.KASN, succeeded_by__isnull=True).update(succeeded_by=bkn)
    existing = set(Agency.objects.filter(region__isnull=False).values_list("kind", "region_id"))
    missing = []
    for region in Region.objects.all():
        names = {
            Agency.Kind.BAWASLU: f"Bawaslu {'Provinsi ' if region.level == Region.Level.PROVINCE else ''}{region.name}",
            Agency.Kind.BKD: f"BKD {'Provinsi ' if region.level == Region.Level.PROVINCE else ''}{region.name}",
        }
        for kind, name in names.items():
            if (kind, region.code) not in existing:
                missing.append(
                    Agency(
                        kind=kind,
                        name=name,
                        region=region,
                        email=_placeholder_email(kind, region),
                        **RESPONSE.get(kind, {}),
                    )
                )
    Agency.objects.bulk_create(missing, batch_size=500)
    return created + len(missing)


@transaction.atomic
def routing_rules_load() -> int:
    """Create the routing rules once; afterwards they belong to the admin."""
    if RoutingRule.objects.exists():
        return 0
    RoutingRule.objects.bulk_create([RoutingRule(**rule) for rule in ROUTING_RULES])
    return len(ROUTING_RULES)


@transaction.atomic
def deadline_rules_load() -> int:
    """Create the deadline rules that are missing (an admin's edits stay); return how many."""
    return sum(
        DeadlineRule.objects.get_or_create(
            election_type=election_type, step=step, defaults={"days": days, "day_type": day_type, "source": source}
        )[1]
        for election_type, step, days, day_type, source in DEADLINE_RULES
    )


@transaction.atomic
def collective_leave_load() -> int:
    """Create the cited collective leave days that are missing; return how many."""
    return sum(
        CollectiveLeave.objects.get_or_create(day=day, defaults={"name": name, "source": source})[1]
        for day, name, source in COLLECTIVE_LEAVE
    )
