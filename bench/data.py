"""Cases made fast for the benchmarks: generated in Python with a fixed seed, loaded with COPY.

The shape follows the domain: most reports rejected or closed, a third classified, Java's
kabupaten/kota reported most, one person in five reported more than once, forwarded cases with
one or two agencies of which some answered. Every row is one the models accept.
"""

import contextlib
import datetime
import io
import random

from django.db import connection
from django.utils import timezone

from complaints.evidence import imaging
from complaints.migrations._kept_status import CHILDREN
from complaints.models import Agency, Behaviour, Election, Region
from complaints.oversight.people import name_key, person_key
from complaints.tickets import ALPHABET, PREFIX, RANDOM_SYMBOLS, access_code_hash, check_symbol

START = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
SPAN_DAYS = 1060  # up to late November 2026
STATUSES = {
    "received": 8,
    "in_review": 5,
    "needs_info": 3,
    "verified": 4,
    "classified": 5,
    "forwarded": 15,
    "closed": 20,
    "rejected": 40,
}
PLATFORMS = {"instagram": 35, "facebook": 30, "tiktok": 15, "x": 10, "youtube": 5, "whatsapp": 3, "other": 2}
CATEGORIES = {"kode_etik": 30, "disiplin": 50, "etik_dan_disiplin": 10, "bukan_pelanggaran": 10}
REASONS = ["not_asn", "insufficient_evidence", "late", "out_of_scope", "duplicate", "spam", "no_response"]
OUTCOMES = ["no_violation", "moral_sanction", "discipline_sanction", "other"]
CLASSIFIED = {"classified", "forwarded", "closed"}
OPEN = {"received", "in_review", "needs_info", "verified", "classified", "forwarded"}
FIRST_NAMES = ["Ahmad", "Budi", "Siti", "Dewi", "Agus", "Rina", "Joko", "Sri", "Dedi", "Lina", "Hendra", "Yanti"]
LAST_NAMES = ["Santoso", "Wijaya", "Saputra", "Lestari", "Hidayat", "Kurniawan", "Rahayu", "Pratama", "Susanti"]
AGENCY_WORDS = ["Dinas Pendidikan", "Dinas Kesehatan", "Diskominfo", "Bappeda", "Kecamatan", "Dinas Sosial"]
ACCESS_CODE_HASH = access_code_hash("BENCH-ACCES")  # one hash for all: no row is ever answered here
HASHTAGS = ["Pilkada2024", "CoblosNomor2", "LanjutkanPembangunan", "BersamaRakyat", "DesaMaju", "SatuPutaran"]
# The same few cases at every size (the first ones made), found by the search figures: a name, a
# NIP and a word of a screenshot that no other case has, and screenshots within the similar
# distance of one another. What a search finds stays the same; only the cases around it grow.
NEEDLES = 10
NEEDLE = {
    "name": "Sutarmi Wirakusuma",
    "nip": "197507072003121009",
    "word": "kopdarakbarrelawan",
    "phash": 0x9F3A_C4E1_7B20_5D88,
}


def ticket(number: int) -> str:
    """Return a valid, unique ticket for a row number (its symbols are the number in base 32)."""
    symbols = ""
    for _position in range(RANDOM_SYMBOLS):
        number, remainder = divmod(number, 32)
        symbols = ALPHABET[remainder] + symbols
    body = symbols + check_symbol(symbols)
    return f"{PREFIX}-{body[:4]}-{body[4:]}"


NEEDLE_TICKETS = frozenset(ticket(number) for number in range(NEEDLES))


def _weighted(choices: dict, rng: random.Random, count: int) -> list:
    return rng.choices(list(choices), weights=list(choices.values()), k=count)


def _copy(table: str, columns: list[str], rows) -> None:
    """COPY rows into a table (tab-separated, `\\N` for NULL)."""
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if value is None else str(value) for value in row) + "\n")
    buffer.seek(0)
    with (
        connection.cursor() as cursor,
        cursor.connection.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        while chunk := buffer.read(1 << 20):
            copy.write(chunk)


CASE_COLUMNS = [
    "ticket", "source", "access_code_hash", "status", "anonymous", "share_identity", "consented_at", "asn_name",
    "asn_nip", "asn_agency", "asn_position", "asn_region_id", "platform", "post_url", "incident_date", "known_date",
    "election_id", "description", "asn_key", "asn_name_key", "submitted_at", "first_action_at", "ended_at",
    "identity_erased_at", "updated_at", "is_late", "deadline", "assignee_id", "verified_at", "verified_by_id",
    "category", "behaviour_id", "legal_basis", "severity", "rejection_reason", "duplicate_of_id", "post_key",
]  # fmt: skip
INCIDENT_SHARE = 6  # of every ten cases, this many are reports of a viral post (issue 13's queue)
INCIDENT_BLOCK = 100  # cases whose ids share a block of a hundred share an incident


def cases_add(count: int, *, first_number: int, seed: int) -> None:
    """Add `count` cases (and the forwardings of the forwarded and closed ones) with COPY."""
    rng = random.Random(seed)  # noqa: S311 (made-up data, reproducible by its seed)
    regencies = list(Region.objects.filter(level=Region.Level.REGENCY).values_list("code", flat=True))
    weights = [8 if code[:2] in ("31", "32", "33", "34", "35", "36") else 1 for code in regencies]
    elections = list(Election.objects.values_list("pk", flat=True))
    behaviours = list(Behaviour.objects.values_list("pk", flat=True))
    statuses = _weighted(STATUSES, rng, count)
    platforms = _weighted(PLATFORMS, rng, count)
    regions = rng.choices(regencies, weights=weights, k=count)
    today = timezone.localdate()
    rows, classified = [], []
    for index in range(count):
        number = first_number + index
        status = statuses[index]
        submitted = START + datetime.timedelta(seconds=rng.randrange(SPAN_DAYS * 86400))
        person = rng.randrange(max(count // 5, 1))  # one person in five is reported again
        name = f"{FIRST_NAMES[person % 12]} {LAST_NAMES[person % 9]} {person}"
        agency = f"{AGENCY_WORDS[person % 6]} {regions[index]}"
        nip = f"19{person:016d}"[:18] if person % 5 < 2 else ""
        if number < NEEDLES:
            name, nip = NEEDLE["name"], NEEDLE["nip"]
        acted = None if status == "received" else submitted + datetime.timedelta(hours=rng.expovariate(1 / 30))
        category = _weighted(CATEGORIES, rng, 1)[0] if status in CLASSIFIED else ""
        deadline = (today + datetime.timedelta(days=rng.randint(-10, 20))) if status in OPEN else None
        ended = submitted + datetime.timedelta(days=rng.randint(3, 60)) if status in ("closed", "rejected") else None
        rows.append(
            [
                ticket(number), "temuan" if number % 20 == 0 else "laporan", ACCESS_CODE_HASH, status,
                "f", "f", submitted.isoformat(), name, nip, agency, "", regions[index], platforms[index], "",
                submitted.date().isoformat(), submitted.date().isoformat(), rng.choice(elections),
                "Laporan uji kinerja tentang unggahan kampanye.", person_key(nip=nip, name=name, agency=agency),
                name_key(name), submitted.isoformat(), acted.isoformat() if acted else None,
                ended.isoformat() if ended else None, None, submitted.isoformat(), "f",
                deadline.isoformat() if deadline else None, None, None, None, category,
                rng.choice(behaviours) if category else None, "", "",
                rng.choice(REASONS) if status == "rejected" else "", None, "",
            ]
        )  # fmt: skip
        if status in ("forwarded", "closed"):
            classified.append((ticket(number), status, submitted))
    last_id = connection.cursor().execute("SELECT coalesce(max(id), 0) FROM complaints_case").fetchone()[0]
    _copy("complaints_case", CASE_COLUMNS, rows)
    _evidence_add(after_id=last_id, rng=rng)
    with _stale_marking_off():
        _events_add(after_id=last_id)
        _forwardings_add(classified, rng)
    _incidents_add()


@contextlib.contextmanager
def _stale_marking_off():
    """Load timelines and forwardings without the triggers that mark each case's kept status stale
    (a case locked per row inserted): the new cases have no status kept yet."""
    with connection.cursor() as cursor:
        for table in CHILDREN:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        try:
            yield
        finally:
            for table in CHILDREN:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


EVIDENCE_COLUMNS = [
    "case_id", "key", "position", "original", "original_name", "sha256", "mime", "size_bytes", "width", "height",
    "uploaded_at", "sanitized", "thumbnail", "phash", "phash_band0", "phash_band1", "phash_band2", "phash_band3",
    "ocr_text", "sanitize_state", "thumbnail_state", "phash_state", "ocr_state", "processing_errors", "processed_at",
]  # fmt: skip


def _evidence_add(*, after_id: int, rng: random.Random) -> None:
    """One processed screenshot per new case: a random perceptual hash (the needles' near one
    another) and OCR text of a campaign post; the files themselves are not made."""
    rows = []
    cases = connection.cursor().execute(
        "SELECT id, ticket, submitted_at FROM complaints_case WHERE id > %s ORDER BY id", [after_id]
    )
    for case_id, case_ticket, submitted in cases:
        needle = case_ticket in NEEDLE_TICKETS
        phash = NEEDLE["phash"] ^ (1 << rng.randrange(64)) if needle else rng.getrandbits(64)
        text = (
            f"Ayo dukung paslon nomor {rng.randint(1, 5)} #{rng.choice(HASHTAGS)} "
            f"{NEEDLE['word'] if needle else ''} disukai {rng.randint(10, 9000)} orang"
        )
        folder = f"bench/{case_id}"
        rows.append(
            [
                case_id, _uuid(rng), 1, f"{folder}/original.png", "layar.png", f"{rng.getrandbits(256):064x}",
                "image/png", 1_000_000, 1080, 2400, submitted.isoformat(), f"{folder}/sanitized.png",
                f"{folder}/thumbnail.webp", f"{phash:016x}", *imaging.hash_bands(f"{phash:016x}"), text,
                "done", "done", "done", "done", "{}", submitted.isoformat(),
            ]
        )  # fmt: skip
    _copy("complaints_evidence", EVIDENCE_COLUMNS, rows)


STATUS_ACTIONS = {  # the event that brought a case to its status, after the submission's
    "in_review": "claim", "needs_info": "request_info", "verified": "verify", "classified": "classify",
    "forwarded": "forward", "closed": "close", "rejected": "reject",
}  # fmt: skip


def _events_add(*, after_id: int) -> None:
    """The public timeline of each new case: its submission, and the step to its status (the hash
    chain's fields filled with stand-ins: the benchmarks never verify it)."""
    actions = " ".join(f"WHEN '{status}' THEN '{action}'" for status, action in STATUS_ACTIONS.items())
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO complaints_caseevent
                 (case_id, at, action, is_public, from_status, to_status, public_note, internal_note, prev_hash, hash)
               SELECT id, submitted_at, 'submit', true, '', 'received', '', '', '', md5(ticket) || md5(ticket)
               FROM complaints_case WHERE id > %s""",
            [after_id],
        )
        cursor.execute(
            f"""INSERT INTO complaints_caseevent
                  (case_id, at, action, is_public, from_status, to_status, public_note, internal_note, prev_hash, hash)
                SELECT id, coalesce(ended_at, first_action_at, submitted_at) + interval '1 minute',
                       CASE status {actions} END, true, 'received', status,
                       'Catatan petugas untuk pelapor.', '', md5(ticket) || md5(ticket),
                       md5(ticket || status) || md5(ticket)
                FROM complaints_case WHERE id > %s AND status <> 'received'""",  # noqa: S608 (the statuses are constants)
            [after_id],
        )


def _incidents_add() -> None:
    """Group six cases in ten into incidents of about sixty (by id block), as viral posts make them."""
    block = {"block": INCIDENT_BLOCK, "share": INCIDENT_SHARE}
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO complaints_incident (id, post_key, post_url, primary_id, created_at)
            SELECT id / %(block)s, 'instagram:Bench' || (id / %(block)s),
                   'https://www.instagram.com/p/Bench' || (id / %(block)s) || '/', min(id), min(submitted_at)
            FROM complaints_case WHERE id %% 10 < %(share)s AND incident_id IS NULL GROUP BY id / %(block)s
            ON CONFLICT (id) DO NOTHING""",
            block,
        )
        cursor.execute(
            """UPDATE complaints_case SET incident_id = id / %(block)s, post_key = 'instagram:Bench' || (id / %(block)s)
            WHERE id %% 10 < %(share)s AND incident_id IS NULL""",
            block,
        )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('complaints_incident', 'id'), "
            "(SELECT coalesce(max(id), 1) FROM complaints_incident))"
        )


def _forwardings_add(cases: list[tuple], rng: random.Random) -> None:
    ids = dict(
        connection.cursor().execute(
            "SELECT ticket, id FROM complaints_case WHERE ticket = ANY(%s)", [[ticket for ticket, _s, _at in cases]]
        )
    )
    agencies = list(Agency.objects.values_list("pk", flat=True))
    rows = []
    for case_ticket, status, submitted in cases:
        for agency in rng.sample(agencies, rng.choice((1, 1, 2))):
            sent = submitted + datetime.timedelta(days=rng.randint(2, 20))
            answered = status == "closed" or rng.random() < 0.4
            outcome_at = sent + datetime.timedelta(days=rng.randint(1, 40)) if answered else None
            rows.append(
                [
                    ids[case_ticket], agency, _uuid(rng), _uuid(rng), None, sent.isoformat(), "", "", "sent", "",
                    sent.isoformat(), outcome_at.isoformat() if outcome_at else None,
                    rng.choice(OUTCOMES) if answered else "", "", "", None, "", "",
                    outcome_at.isoformat() if outcome_at else None,
                    (sent + datetime.timedelta(days=7)).date().isoformat(), None,
                ]
            )  # fmt: skip
    columns = [
        "case_id", "agency_id", "key", "link_key", "link_revoked_at", "created_at", "dossier", "dossier_sha256",
        "delivery", "delivery_error", "sent_at", "acknowledged_at", "outcome", "discipline_level", "decision_number",
        "decision_date", "outcome_note", "decision_letter", "outcome_at", "due_on", "competent_agency_id",
    ]  # fmt: skip
    _copy("complaints_forwarding", columns, rows)


def _uuid(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE complaints_case")
        cursor.execute("VACUUM ANALYZE complaints_forwarding")
        cursor.execute("VACUUM ANALYZE complaints_incident")
        cursor.execute("VACUUM ANALYZE complaints_evidence")
        cursor.execute("VACUUM ANALYZE complaints_caseevent")
