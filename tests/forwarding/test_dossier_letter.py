"""The dossier as a letter an agency files (issue 15): letterhead and signatory from settings,
number, date, subject, attachments and the response deadline, and a QR code and link to a page
where anyone holding it checks its SHA-256 against the one sent."""

import hashlib
import re
from pathlib import Path

import pypdfium2
import pytesseract
from django.conf import settings as project
from django.urls import reverse

from complaints.forwarding.dossier import dossier_pdf, verification_url
from complaints.models import Forwarding
from tests.forwarding import test_forwarding
from tests.forwarding.test_forwarding import pdf_text

agencies, forwarded = test_forwarding.agencies, test_forwarding.forwarded  # the fixtures, shared

PAGES = Path(project.BASE_DIR) / "var" / "e2e"


def letterhead(settings) -> None:
    settings.DOSSIER_INSTITUTION = "Bawaslu Provinsi Banten"
    settings.DOSSIER_ADDRESS = "Jl. Syech Nawawi Al Bantani, Serang"
    settings.DOSSIER_CITY = "Serang"
    settings.DOSSIER_SIGNATORY_NAME = "Ali Faisal"
    settings.DOSSIER_SIGNATORY_TITLE = "Ketua Bawaslu Provinsi Banten"


def test_the_dossier_is_a_letter_with_its_parts(forwarded, settings):
    letterhead(settings)
    case, _detail, _koordinator = forwarded()
    forwarding = Forwarding.objects.filter(case=case).select_related("agency").first()
    text = " ".join(pdf_text(dossier_pdf(forwarding)).split())
    for part in (
        "Bawaslu Provinsi Banten",
        "Jl. Syech Nawawi Al Bantani, Serang",
        f"Nomor : {forwarding.letter_number}",
        "Lampiran : 1 berkas bukti",
        f"Perihal : Penerusan dugaan pelanggaran netralitas ASN a.n. {case.asn_name} ({case.ticket})",
        f"Kepada Yth. {forwarding.agency.name}",
        "Hormat kami, Ketua Bawaslu Provinsi Banten",
        "Ali Faisal",
        verification_url(forwarding),
    ):
        assert part in text, part
    if forwarding.due_on:
        assert "paling lambat" in text


def test_the_dossier_rendered_as_an_image_reads_as_a_letter(forwarded, settings):
    letterhead(settings)
    case, _detail, _koordinator = forwarded()
    forwarding = Forwarding.objects.filter(case=case).first()
    page = pypdfium2.PdfDocument(dossier_pdf(forwarding))[0]
    image = page.render(scale=2).to_pil()
    PAGES.mkdir(parents=True, exist_ok=True)
    image.save(PAGES / "dossier-halaman-1.png")
    read = " ".join(pytesseract.image_to_string(image, lang="ind").split())
    parts = ("Bawaslu Provinsi Banten", "Nomor", "Lampiran", "Perihal", "Kepada Yth", "Hormat kami", "Ketua Bawaslu")
    for part in parts:
        assert part in read, (part, read[:400])
    assert "Periksa keaslian berkas ini" in read and "/verifikasi/" in read


def test_anyone_holding_the_dossier_checks_it_against_the_one_sent(client, forwarded):
    case, _detail, _koordinator = forwarded()
    forwarding = Forwarding.objects.filter(case=case).exclude(dossier_sha256="").first()
    url = reverse("dossier-verify", args=[forwarding.key])
    assert verification_url(forwarding).endswith(url)
    with forwarding.dossier.open("rb") as handle:
        held = hashlib.sha256(handle.read()).hexdigest()

    page = client.get(url).content.decode()
    assert forwarding.letter_number in page and forwarding.agency.name in page and held in page
    assert case.ticket not in page and case.asn_name not in page  # it tells nothing of the case

    same = client.post(url, {"sha256": f"  {held.upper()} "})
    assert same.status_code == 200 and 'data-matches="true"' in same.content.decode()
    other = client.post(url, {"sha256": "0" * 64})
    assert other.status_code == 200 and 'data-matches="false"' in other.content.decode()
    wrong = client.post(url, {"sha256": "bukan-hash"})
    assert wrong.status_code == 400
    assert "SHA-256 terdiri atas tepat 64 karakter" in wrong.content.decode()
    assert re.search(r'href="#id_sha256"', wrong.content.decode())

    unknown = client.get(reverse("dossier-verify", args=["00000000-0000-4000-8000-000000000000"]))
    assert unknown.status_code == 404
