"""Suggestions from the text read in a case's screenshots: hints for officials, never decisions.

Each suggestion carries the line of text it came from, so the official can judge it.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..models import Case, Platform

# Words a platform's own interface shows around a post (Indonesian and English interfaces).
PLATFORM_WORDS = {
    Platform.INSTAGRAM: ["ikuti", "disukai oleh", "kirim pesan", "instagram", "followers", "pengikut", "reels"],
    Platform.FACEBOOK: ["komentari", "bagikan", "facebook", "suka", "tanggapi", "like", "comment", "share"],
    Platform.X: ["retweet", "repost", "posting ulang", "tweet", "kutip", "quote"],
    Platform.TIKTOK: ["tiktok", "untuk anda", "for you", "mengikuti"],
    Platform.YOUTUBE: ["youtube", "subscribe", "berlangganan", "x ditonton", "views"],
    Platform.WHATSAPP: ["whatsapp", "diteruskan", "forwarded", "ketik pesan", "anggota grup"],
}
# Not "Ikuti": it is the follow button on every post, not a sign that anyone interacted.
INTERACTION_WORDS = ["suka", "disukai", "bagikan", "dibagikan", "komentar", "retweet", "repost", "like", "share"]
CAMPAIGN_PATTERNS = [
    re.compile(r"\bpaslon\s*(no\.?\s*)?0?\d\b", re.IGNORECASE),
    re.compile(r"\bnomor\s+urut\b", re.IGNORECASE),
    re.compile(r"\bno\.?\s*urut\s*0?\d\b", re.IGNORECASE),
    re.compile(r"\b(coblos|pilih)\s+(nomor|no\.?)\s*0?\d\b", re.IGNORECASE),
    re.compile(r"#\w*(pilkada|pemilu|menang|lanjutkan|pilih|coblos|paslon)\w*", re.IGNORECASE),
]
NIP_RE = re.compile(r"(?<![0-9])[0-9]{8}\s?[0-9]{6}\s?[0-9]\s?[0-9]{3}(?![0-9])")


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "platform", "behaviour", "nip" or "name"
    value: str
    label: str
    source: str  # the line of OCR text it came from
    matches_report: bool = False


def _lines(case: Case) -> list[str]:
    return [line.strip() for evidence in case.evidence.all() for line in evidence.ocr_text.splitlines() if line.strip()]


def _first_line(lines: list[str], matches) -> str | None:
    return next((line for line in lines if matches(line)), None)


def _has_word(line: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", line, re.IGNORECASE) is not None


def case_suggestions(*, case: Case) -> list[Suggestion]:
    """Return what the screenshots' text suggests about the platform, behaviour, NIP and name."""
    lines = _lines(case)
    if not lines:
        return []
    found: list[Suggestion] = []

    hits = {
        platform: sum(1 for word in words for line in lines if _has_word(line, word))
        for platform, words in PLATFORM_WORDS.items()
    }
    platform, count = max(hits.items(), key=lambda item: item[1])
    if count:
        source = _first_line(lines, lambda line: any(_has_word(line, word) for word in PLATFORM_WORDS[platform]))
        found.append(
            Suggestion("platform", platform, Platform(platform).label, source, matches_report=platform == case.platform)
        )

    campaign = _first_line(lines, lambda line: any(pattern.search(line) for pattern in CAMPAIGN_PATTERNS))
    if campaign:
        found.append(Suggestion("behaviour", "MEDSOS_KAMPANYE", str(_("Kampanye di media sosial")), campaign))
    interaction = _first_line(lines, lambda line: any(_has_word(line, word) for word in INTERACTION_WORDS))
    if interaction:
        found.append(
            Suggestion("behaviour", "MEDSOS_INTERAKSI", str(_("Interaksi dengan unggahan kampanye")), interaction)
        )

    for line in lines:
        for match in NIP_RE.finditer(line):
            nip = re.sub(r"\s", "", match.group())
            found.append(Suggestion("nip", nip, nip, line, matches_report=nip == case.asn_nip))

    name_parts = [part for part in re.findall(r"\w+", case.asn_name) if len(part) >= 3]
    if name_parts:
        line = _first_line(lines, lambda text: all(_has_word(text, part) for part in name_parts[:2]))
        if line:
            found.append(Suggestion("name", case.asn_name, case.asn_name, line, matches_report=True))
    return found
