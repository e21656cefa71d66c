"""Demo officials and a dozen demo cases in every state, so a newcomer sees a living queue.

Cases are made the way real ones are: through the report service and the workflow, by the
demo officials. Their tickets are fixed (NTR-DEM0-…), so loading twice changes nothing.
"""

import dataclasses
import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from ..evidence.validation import check_evidence
from ..forwarding.routing import suggest_agencies
from ..intake import services
from ..models import Behaviour, Case, Category, Election, Region, RejectionReason
from ..permissions import Role
from ..tickets import check_symbol
from ..triage import workflow

DEMO_ACCESS_CODE = "DEM00-AKSE5"  # every demo case's access code, printed by seed_demo
OFFICIALS = {
    "verifikator": ("Vera", "Verifikator", [Role.VERIFIKATOR]),
    "analis": ("Anwar", "Analis", [Role.ANALIS]),
    "koordinator": ("Kartika", "Koordinator", [Role.KOORDINATOR]),
    "verifikator_jabar": ("Jaya", "Verifikator Jawa Barat", [Role.VERIFIKATOR]),
}
# Officials limited to regions (DESIGN §1); the others are national.
JURISDICTIONS = {"verifikator_jabar": ["32"]}


def demo_ticket(number: int) -> str:
    body = f"DEM0{number:03d}"
    symbols = body + check_symbol(body)
    return f"NTR-{symbols[:4]}-{symbols[4:]}"


@dataclasses.dataclass(frozen=True)
class DemoCase:
    asn_name: str
    asn_agency: str
    region: str
    platform: str
    behaviour: str
    description: str
    days_ago: int
    steps: tuple[str, ...]  # workflow steps after submission
    election: str = "pilkada-2024"
    anonymous: bool = False
    finding: bool = False  # recorded by the verifikator's monitoring, not reported by a citizen


TEACHER = DemoCase(
    "Rahmat Hidayat",
    "Dinas Pendidikan Kabupaten Serang",
    "36.04",
    "facebook",
    "MEDSOS_INTERAKSI",
    "Guru PNS membagikan unggahan kampanye calon bupati dan menulis 'lanjutkan!' di kolom komentar.",
    1,
    (),
)
DEMO_CASES = [
    DemoCase(
        "Pengelola akun Instagram Pemprov Banten",
        "Diskominfo SP Provinsi Banten",
        "36",
        "instagram",
        "AKUN_INSTANSI",
        "Akun resmi Pemprov Banten mengunggah potongan video bernuansa politik pada masa kampanye.",
        0,
        (),
        election="pemilu-2024",
    ),
    TEACHER,
    DemoCase(
        "Siti Aminah",
        "Kecamatan Cipocok Jaya",
        "36.73",
        "whatsapp",
        "KEGIATAN_KEBERPIHAKAN",
        "Camat mengajak para ketua RT di grup WhatsApp kecamatan untuk memilih pasangan calon tertentu.",
        9,
        (),
        anonymous=True,
    ),
    DemoCase(
        "Budi Santoso",
        "Badan Pendapatan Daerah Kota Tangerang",
        "36.71",
        "tiktok",
        "MEDSOS_KAMPANYE",
        "ASN membuat video TikTok yang mempromosikan calon wali kota dengan seragam dinas.",
        2,
        ("claim",),
    ),
    DemoCase(
        "Dewi Lestari",
        "RSUD Kabupaten Lebak",
        "36.02",
        "instagram",
        "FOTO_SIMBOL",
        "Perawat PNS mengunggah foto bersama calon bupati sambil mengacungkan dua jari.",
        6,
        ("claim",),
    ),
    DemoCase(
        "Agus Salim",
        "Dinas Perhubungan Kota Cilegon",
        "36.72",
        "x",
        "MEDSOS_INTERAKSI",
        "Akun pribadi ASN menyukai dan mengikuti akun tim pemenangan salah satu calon.",
        3,
        ("claim", "request_info"),
    ),
    DemoCase(
        "Hendra Gunawan",
        "Sekretariat Daerah Kabupaten Pandeglang",
        "36.01",
        "facebook",
        "HADIR_DEKLARASI",
        "Kepala bagian hadir dan berpidato di acara deklarasi pasangan calon bupati.",
        4,
        ("claim", "verify"),
    ),
    DemoCase(
        "Yuliana Putri",
        "Dinas Kesehatan Kota Tangerang Selatan",
        "36.74",
        "instagram",
        "ATRIBUT_KAMPANYE",
        "ASN memasang spanduk calon wali kota di pagar kantor puskesmas.",
        8,
        ("claim", "verify"),
    ),
    dataclasses.replace(  # another citizen reports the same teacher: marked as a duplicate of case 2
        TEACHER,
        description="Laporan yang sama tentang guru yang membagikan unggahan kampanye calon bupati.",
        steps=("claim", "reject_duplicate"),
    ),
    DemoCase(
        "Fajar Nugroho",
        "Kantor Kelurahan Kaligandu",
        "36.73",
        "youtube",
        "MEDSOS_KAMPANYE",
        "Lurah menjadi narasumber kanal YouTube tim kampanye dan mengajak warga memilih calon.",
        5,
        ("claim", "verify", "classify"),
    ),
    DemoCase(
        "Maya Sari",
        "Dinas Sosial Kabupaten Tangerang",
        "36.03",
        "instagram",
        "LAINNYA",
        "ASN mengunggah ucapan selamat hari jadi kabupaten yang memuat foto bupati petahana.",
        5,
        ("claim", "verify", "classify_not_violation"),
    ),
    DemoCase(
        "Teguh Prasetyo",
        "BPBD Kota Serang",
        "36.73",
        "tiktok",
        "MEDSOS_INTERAKSI",
        "Video lama tanpa tanggal; setelah diperiksa bukan unggahan akun ASN yang dilaporkan.",
        7,
        ("claim", "verify", "classify_not_violation", "close"),
    ),
    DemoCase(
        "Lukman Hakim",
        "Dinas Komunikasi dan Informatika Kota Serang",
        "36.73",
        "instagram",
        "AKUN_INSTANSI",
        "Akun resmi dinas mengunggah ajakan memilih pasangan calon wali kota nomor urut 2.",
        10,
        ("claim", "verify", "classify", "forward"),
    ),
    DemoCase(
        "Irwan Setiawan",
        "Kantor Kecamatan Walantaka",
        "36.73",
        "whatsapp",
        "KEGIATAN_KEBERPIHAKAN",
        "Pesan berantai berisi ajakan memilih calon, tetapi pengirimnya tidak dapat dikenali.",
        6,
        ("claim", "reject"),
    ),
    DemoCase(
        "Lalu Ahmad Zaini",
        "Dinas Pendidikan dan Kebudayaan Provinsi NTB",
        "52",
        "facebook",
        "MEDSOS_KAMPANYE",
        "Temuan tim pemantau: guru PNS mengunggah ajakan memilih pasangan calon gubernur di akun pribadinya.",
        2,
        (),
        finding=True,
    ),
    DemoCase(
        "Asep Saepudin",
        "Dinas Perhubungan Kota Bandung",
        "32.73",
        "instagram",
        "MEDSOS_INTERAKSI",
        "ASN menyukai dan membagikan unggahan kampanye calon wali kota di akun pribadinya.",
        1,
        (),
    ),
]


def _screenshot(case: DemoCase) -> SimpleUploadedFile:
    image = Image.new("RGB", (720, 1280), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 720, 110), fill=(245, 245, 245))
    draw.text((30, 45), f"{case.platform} · {case.asn_agency}", fill="black")
    draw.rectangle((0, 130, 720, 800), fill=(180, 40, 60))
    draw.text((60, 440), "CONTOH BUKTI - DATA DEMO", fill="white")
    draw.text((30, 840), case.description[:70], fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile("demo.png", buffer.getvalue(), content_type="image/png")


@transaction.atomic
def cases_load() -> int:
    """Create the demo cases that are missing; return how many were created."""
    users = {name: get_user_model().objects.get(username=name) for name in OFFICIALS}
    created = 0
    for number, demo in enumerate(DEMO_CASES, start=1):
        ticket = demo_ticket(number)
        if Case.objects.filter(ticket=ticket).exists():
            continue
        _case_create(demo, ticket=ticket, users=users)
        created += 1
    return created


def _case_create(demo: DemoCase, *, ticket: str, users) -> None:
    election = Election.objects.get(slug=demo.election)
    # The posts are from the campaign; citizens came across them in the last days, so their
    # reports are within the report window, and Bawaslu still takes them.
    incident = election.campaign_start + datetime.timedelta(days=10 + demo.days_ago)
    known = timezone.localdate() - datetime.timedelta(days=demo.days_ago + 1)
    citizen = not (demo.anonymous or demo.finding)
    report = services.ReportInput(
        anonymous=demo.anonymous,
        reporter_name="Warga Demo" if citizen else "",
        reporter_email="warga.demo@example.org" if citizen else "",
        reporter_phone="081200000000" if citizen else "",
        share_identity=False,
        asn_name=demo.asn_name,
        asn_nip="",
        asn_agency=demo.asn_agency,
        asn_position="",
        asn_region=Region.objects.get(code=demo.region),
        platform=demo.platform,
        post_url="",
        incident_date=incident,
        known_date=known,
        election=election,
        behaviours=[Behaviour.objects.get(code=demo.behaviour)],
        description=demo.description,
        evidence=check_evidence([_screenshot(demo)]),
        source=Case.Source.TEMUAN if demo.finding else Case.Source.LAPORAN,
        recorded_by=users["verifikator"] if demo.finding else None,
    )
    submitted_at = timezone.now() - datetime.timedelta(days=demo.days_ago)  # older ones near or past their deadline
    case = services.report_submit(
        report=report, ticket=ticket, access_code=DEMO_ACCESS_CODE, submitted_at=submitted_at
    ).case
    for step in demo.steps:
        _step(step, case=Case.objects.get(pk=case.pk), users=users)


# A demo step → the action, who takes it, and its body (made from the case as it stands).
STEPS = {
    "claim": ("claim", "verifikator", lambda case: {}),
    "request_info": (
        "request_info",
        "verifikator",
        lambda case: {"note": "Kapan Anda melihat unggahan ini, dan apakah masih ada?"},
    ),
    "verify": ("verify", "verifikator", lambda case: {"note": "Laporan lengkap dan buktinya jelas."}),
    "reject": (
        "reject",
        "verifikator",
        lambda case: {
            "reason": RejectionReason.INSUFFICIENT_EVIDENCE,
            "note": "Pengirim pesan tidak dapat dipastikan sebagai ASN.",
        },
    ),
    "reject_duplicate": (
        "reject",
        "verifikator",
        lambda case: {"reason": RejectionReason.DUPLICATE, "primary_ticket": demo_ticket(2)},
    ),
    "classify": (
        "classify",
        "analis",
        lambda case: {"category": Category.DISIPLIN, "behaviour": case.behaviours.first(), "severity": "berat"},
    ),
    "classify_not_violation": (
        "classify",
        "analis",
        lambda case: {"category": Category.BUKAN_PELANGGARAN, "behaviour": case.behaviours.first()},
    ),
    "forward": (
        "forward",
        "koordinator",
        lambda case: {
            "agency_ids": [agency.pk for agency in suggest_agencies(case=case)],
            "note": "Diteruskan ke instansi yang berwenang.",
        },
    ),
    "close": (
        "close",
        "koordinator",
        lambda case: {"note": "Setelah diperiksa, unggahan ini bukan pelanggaran netralitas."},
    ),
}


def _step(step: str, *, case: Case, users) -> None:
    action, official, body = STEPS[step]
    workflow.perform(action, case=case, by=users[official], **body(case))
