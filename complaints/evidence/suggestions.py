"""Suggestions from the text read in a case's screenshots: hints for officials, never decisions.

Each suggestion carries the line of text it came from, so the official can judge it, and says
whether it agrees with the report or contradicts it.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..models import Case, Platform

STRONG, UI, WEAK = 5, 2, 1
# The marks each platform's interface leaves in a screenshot, Indonesian and English, with a weight:
# the platform's own name or address outweighs a button label, and words two apps share weigh least.
# "Suka" and "Bagikan" alone are on every app's buttons, so only Facebook's row of three counts.
PLATFORM_MARKERS: dict[str, list[tuple[str, int]]] = {
    Platform.INSTAGRAM: [
        (r"instagram(\.com)?", STRONG),
        (r"disukai oleh|liked by", UI),
        (r"lihat semua \d+ komentar|view all \d+ comments", UI),
        (r"kirim pesan|reels", UI),
        (r"ikuti|follow", WEAK),
        (r"pengikut|followers", WEAK),
    ],
    Platform.FACEBOOK: [
        (r"facebook(\.com)?|fb\.com", STRONG),
        (r"suka\s+komentari\s+bagikan|like\s+comment\s+share", UI),
        (r"komentari", UI),
        (r"kali dibagikan|\d\s*shares", UI),
        (r"tulis komentar|write a comment", UI),
        (r"membagikan postingan|shared a post", UI),
        (r"\d+\s*(j|h|jam|mnt|m)\W{0,3}(publik|public)", UI),
        (r"lihat terjemahan|see translation|paling relevan|most relevant", WEAK),
    ],
    Platform.X: [
        (r"twitter(\.com)?|x\.com", STRONG),
        (r"posting ulang|reposts?|reposted|retweet(s|ed)?", UI),
        (r"kutipan|quotes?", UI),
        (r"tayangan", UI),
        (r"posting balasan|post your reply", UI),
        (r"(bergabung|joined) \w+ (19|20)\d\d", UI),
        (r"balasan\s+(sorotan\s+)?media|replies\s+(highlights\s+)?media", UI),  # a profile's tabs
        (r"@[a-z0-9_]{2,15}(?![\w.])", WEAK),  # X handles have no dots; Instagram and TikTok ones may
        (r"views", WEAK),
    ],
    Platform.TIKTOK: [
        (r"tiktok(\.com)?", STRONG),
        (r"untuk anda|for you", UI),
        (r"tambahkan komentar|add comment", UI),
        (r"suara asli|original sound", UI),
        (r"mengikuti|following", WEAK),
    ],
    Platform.YOUTUBE: [
        (r"youtube(\.com)?|youtu\.be", STRONG),
        (r"x ditonton", UI),
        (r"subscribers?|berlangganan|subscribe", UI),
        (r"shorts", WEAK),
        (r"views", WEAK),
    ],
    Platform.WHATSAPP: [
        (r"whatsapp", STRONG),
        (r"ketik pesan|type a message", STRONG),
        (r"diteruskan|forwarded", UI),
        (r"anggota grup|group members|terakhir dilihat|last seen", UI),
        (r",\s*(anda|you)$", UI),  # a group's header lists its members, the reader last
    ],
}
PLATFORM_RES = {
    platform: [(re.compile(rf"(?<!\w){marker}(?!\w)", re.IGNORECASE), weight) for marker, weight in markers]
    for platform, markers in PLATFORM_MARKERS.items()
}
MIN_PLATFORM_SCORE = 3  # one button word is too little to name a platform

# OCR often reads the zero of "02" as the letter o.
CAMPAIGN_PATTERNS = [
    re.compile(r"\bpaslon\s*(no\.?\s*)?[0o]?\d\b", re.IGNORECASE),
    re.compile(r"\bnomor\s+urut\b", re.IGNORECASE),
    re.compile(r"\bno\.?\s*urut\s*[0o]?\d\b", re.IGNORECASE),
    re.compile(r"\b(coblos|pilih)\s+(nomor|no\.?)\s*[0o]?\d\b", re.IGNORECASE),
    re.compile(r"\bvote\s+(for\s+)?(number|no\.?|#)\s*[0o]?\d\b", re.IGNORECASE),
    re.compile(r"\bcandidate\s+pair\b", re.IGNORECASE),
]
CAMPAIGN_TAG = re.compile(r"#\w*(pilkada|pemilu|menang|lanjutkan|pilih|coblos|paslon|vote)\w*", re.IGNORECASE)
# Election bodies and government accounts urge everyone to vote in peace: that campaigns for nobody.
NEUTRAL_TAG = re.compile(r"damai|aman|sejuk|jurdil|tertib|sukses|ayomemilih|gunakanhakpilih", re.IGNORECASE)

# A comment: its author's name or handle, then the text (a line of hashtags is the post's caption).
COMMENT_LINE = re.compile(r"^[^\W\d_][\w.\-]*(\s+[^\W\d_][\w.\-]*)?\s+\S")
# Where the post ends and the comments (replies) begin: the button row, a comment count or header.
COMMENTS_START = re.compile(
    r"lihat semua \d+ komentar|view all \d+ comments|paling relevan|most relevant"
    r"|suka\s+komentari\s+bagikan|like\s+comment\s+share"
    r"|(posting ulang|reposts?)\b.*\b(kutipan|quotes?|ouotes)"
    r"|^(komentar|comments)(\s+\d[\d.,]*)?$|^\d[\d.,]*\s*(rb|k)?\s*(komentar|comments)$",
    re.IGNORECASE,
)

# Who interacted: a name or handle starting with a letter, so that "1.204 orang" names nobody.
NAME = r"(?P<name>[^\W\d_][\w.'-]*(?:\s+[^\W\d_][\w.'-]*){0,3})"
NAMELESS = {"anda", "you", "orang", "others", "lainnya", "people"}
INTERACTION_PATTERNS = [
    re.compile(
        rf"^{NAME}\s+(menyukai|membagikan|mengomentari)\s+(ini|postingan|unggahan|kiriman|tautan|video|foto|reel)",
        re.IGNORECASE,
    ),
    re.compile(rf"^{NAME}\s+(memposting ulang|merepost|me-repost)\b", re.IGNORECASE),
    re.compile(rf"^{NAME}\s+(liked|likes|shared|commented on)\s+(this|a|an|the|your)\b", re.IGNORECASE),
    re.compile(rf"^{NAME}\s+(reposted|retweeted)\b", re.IGNORECASE),
    re.compile(rf"\b(disukai|dibagikan|diposting ulang|direpost) oleh {NAME}", re.IGNORECASE),
    re.compile(rf"\b(liked|shared|reposted|retweeted) by {NAME}", re.IGNORECASE),
    re.compile(rf"^{NAME}\s+(dan|and)\s+\d[\d.,]*\s*(rb|ribu|k)?\s*(lainnya|others)", re.IGNORECASE),
]
FORWARDED = re.compile(r"^(diteruskan|forwarded)(\s+berkali-kali|\s+many times)?$", re.IGNORECASE)
CHAT_TIME = re.compile(r"^\d{1,2}[.:]\d{2}$")

# Official accounts: handles such as pemprov.banten or @humaskotatng, names such as "Pemerintah
# Kabupaten Serang", a .go.id address, or a label the platform gives verified government accounts.
OFFICIAL_HANDLE = re.compile(
    r"^@?(pemprov|pemkab|pemkot|pemda|diskominfo|kominfo|humas|setda|dinas|disdik|dinkes|dishub|bpbd|kab\.?|kabupaten"
    r"|kota|prov|provinsi|kecamatan|kec\.)[\w.]+$",
    re.IGNORECASE,
)
OFFICIAL_NAME = re.compile(
    r"^(pemerintah\s+(provinsi|kabupaten|kota|daerah)|pemprov|pemkab|pemkot|pemda|diskominfo|kominfo|humas|setda"
    r"|sekretariat\s+daerah|dinas|bpbd|badan\s+\w+\s+daerah|kecamatan)\b"
    r"|\b(regency|city|provincial|province|municipal)\s+government\b|^government\s+of\b",
    re.IGNORECASE,
)
OFFICIAL_MARK = re.compile(
    r"\w\.go\.id\b|akun (resmi )?pemerintah|government (account|organi[sz]ation|official)", re.IGNORECASE
)
ACCOUNT_NOISE = re.compile(
    r"^([^\w@]|@(?=\s))+|(\s+[@©®])+$|\s+(ikuti|follow|mengikuti|following)$|\s+\d[\d.,]*\s*(rb|k)?\s*subscribers?$",
    re.IGNORECASE,
)
MAX_ACCOUNT_WORDS = 6

NIP_RE = re.compile(r"(?<![0-9])[0-9]{8}\s?[0-9]{6}\s?[0-9]\s?[0-9]{3}(?![0-9])")


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "platform", "behaviour", "nip" or "name"
    value: str
    label: str
    source: str  # the line of OCR text it came from
    matches_report: bool = False
    contradicts_report: bool = False  # it differs from what the reporter chose (platform, NIP)


def _first_line(lines: list[str], matches: Callable[[str], object]) -> str | None:
    return next((line for line in lines if matches(line)), None)


def _has_word(line: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", line, re.IGNORECASE) is not None


def is_campaign(line: str) -> bool:
    """Return whether the line promotes a candidate pair (a number, a pair, a campaign hashtag)."""
    if any(pattern.search(line) for pattern in CAMPAIGN_PATTERNS):
        return True
    return any(not NEUTRAL_TAG.search(tag.group()) for tag in CAMPAIGN_TAG.finditer(line))


def campaign_text(lines: list[str]) -> str | None:
    """Return the first line that campaigns, or two lines that do together.

    A caption wraps anywhere: "coblos" may end one line and "nomor 2" start the next.
    """
    for number, line in enumerate(lines):
        if is_campaign(line):
            return line
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if following and not is_campaign(following) and is_campaign(joined := f"{line} {following}"):
            return joined
    return None


def split_post(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split one screenshot's lines into the post (author, text, counts) and the comments under it."""
    for number, line in enumerate(lines):
        if COMMENTS_START.search(line):
            return lines[: number + 1], lines[number + 1 :]
    return lines, []


def guess_platform(lines: list[str], reported: str = "") -> tuple[str, str] | None:
    """Return the platform whose interface marks weigh most, and the line of its weightiest mark.

    Each mark counts once, so a long thread of replies cannot outvote the app's own name. A tie
    goes to the reported platform if it is one of the tied, else nobody.
    """
    scores: dict[str, tuple[int, int, str]] = {}
    for platform, markers in PLATFORM_RES.items():
        score, best, source = 0, 0, ""
        for pattern, weight in markers:
            line = _first_line(lines, pattern.search)
            if line is not None:
                score += weight
                if weight > best:
                    best, source = weight, line
        scores[platform] = (score, best, source)
    top = max(score for score, _best, _source in scores.values())
    leaders = [platform for platform, (score, _best, _source) in scores.items() if score == top]
    if top < MIN_PLATFORM_SCORE or (len(leaders) > 1 and reported not in leaders):
        return None
    platform = reported if reported in leaders else leaders[0]
    return str(platform), scores[platform][2]


def _named(match: re.Match) -> bool:
    name = match.group("name")
    return bool(name) and name.split()[0].lower() not in NAMELESS


def interaction_line(posts: list[tuple[list[str], list[str]]]) -> str | None:
    """Return the line showing a named account interacting with campaign content, if any.

    A named like, share or repost counts when the screenshot campaigns; a comment counts when the
    comment itself campaigns; a forwarded chat message when the message campaigns. A count of likes
    ("1.204 suka", "Liked by 1,204 others") names nobody and never counts.
    """
    campaigns = any(campaign_text(post) or campaign_text(comments) for post, comments in posts)
    for post, comments in posts:
        for line in post + comments:
            named = any(_named(match) for pattern in INTERACTION_PATTERNS for match in pattern.finditer(line))
            if named and campaigns:
                return line
        comment = campaign_text([line for line in comments if COMMENT_LINE.match(line)])
        if comment:
            return comment
        for number, line in enumerate(post):
            if FORWARDED.match(line):
                body = []
                for following in post[number + 1 :]:
                    if CHAT_TIME.match(following):
                        break
                    body.append(following)
                if campaign_text(body):
                    sender = post[number - 1] if number and post[number - 1][:1].isalpha() else line
                    return sender
    return None


def _account(line: str) -> str:
    return ACCOUNT_NOISE.sub("", ACCOUNT_NOISE.sub("", line)).strip()


def official_author(post: list[str]) -> str | None:
    """Return the post's line naming an official government account as its author, if any."""
    for line in post:
        account = _account(line)
        first = account.split()[0] if account else ""
        if OFFICIAL_MARK.search(line) or OFFICIAL_HANDLE.match(first):
            return line
        # A name, not a sentence of the post that happens to start with "Dinas" or "Kota".
        name_like = len(account.split()) <= MAX_ACCOUNT_WORDS and not re.search(r"[.!?#:]", account)
        if name_like and OFFICIAL_NAME.search(account):
            return line
    return None


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def valid_nip(nip: str) -> bool:
    """Return whether 18 digits read as a NIP: a birth date, an appointment year and month, a sex digit.

    Transaction numbers and other long numbers on screen seldom pass.
    """
    born, month, day = int(nip[:4]), int(nip[4:6]), int(nip[6:8])
    appointed, appointed_month, sex = int(nip[8:12]), int(nip[12:14]), nip[14]
    return (
        1930 <= born <= 2010
        and 1 <= month <= 12
        and 1 <= day <= 31
        and born + 17 <= appointed <= 2100
        and 1 <= appointed_month <= 12
        and sex in "12"
    )


def _behaviour(code: str, label, source: str, reported: set[str]) -> Suggestion:
    return Suggestion("behaviour", code, str(label), source, matches_report=code in reported)


def text_suggestions(
    *,
    lines: list[str],
    platform: str = "",
    nip: str = "",
    asn_name: str = "",
    behaviours: Iterable[str] = (),
) -> list[Suggestion]:
    """Return what OCR text suggests about the platform, behaviour, NIP and name, given the report.

    `platform`, `nip`, `asn_name` and `behaviours` are what the reporter said; they decide nothing
    but whether a suggestion matches or contradicts the report. The lines are read as one screenshot.
    """
    screenshots = [[line.strip() for line in lines if line.strip()]]
    return _suggestions(screenshots, platform=platform, nip=nip, asn_name=asn_name, behaviours=behaviours)


def _suggestions(
    screenshots: list[list[str]], *, platform: str, nip: str, asn_name: str, behaviours: Iterable[str]
) -> list[Suggestion]:
    lines = [line for screenshot in screenshots for line in screenshot]
    if not lines:
        return []
    reported = set(behaviours)
    found: list[Suggestion] = []

    guess = guess_platform(lines, platform)
    if guess:
        value, source = guess
        named = platform not in ("", Platform.OTHER)  # "Lainnya" claims no platform to contradict
        found.append(
            Suggestion(
                "platform",
                value,
                str(Platform(value).label),
                source,
                matches_report=value == platform,
                contradicts_report=named and value != platform,
            )
        )

    posts = [split_post(screenshot) for screenshot in screenshots]
    campaign = next(filter(None, (campaign_text(screenshot) for screenshot in screenshots)), None)
    if campaign:
        found.append(_behaviour("MEDSOS_KAMPANYE", _("Kampanye di media sosial"), campaign, reported))
    interaction = interaction_line(posts)
    if interaction:
        found.append(_behaviour("MEDSOS_INTERAKSI", _("Interaksi dengan unggahan kampanye"), interaction, reported))
    for post, _comments in posts:
        author = official_author(post)
        if author and campaign_text(post):
            found.append(
                _behaviour("AKUN_INSTANSI", _("Akun resmi instansi mengunggah konten politik"), author, reported)
            )
            break

    reported_nip, seen = _digits(nip), set()
    for line in lines:
        for match in NIP_RE.finditer(line):
            value = _digits(match.group())
            if value in seen or not valid_nip(value):
                continue
            seen.add(value)
            found.append(
                Suggestion(
                    "nip",
                    value,
                    value,
                    line,
                    matches_report=value == reported_nip,
                    contradicts_report=bool(reported_nip) and value != reported_nip,
                )
            )

    name_parts = [part for part in re.findall(r"\w+", asn_name) if len(part) >= 3]
    if name_parts:
        line = _first_line(lines, lambda text: all(_has_word(text, part) for part in name_parts[:2]))
        if line:
            found.append(Suggestion("name", asn_name, asn_name, line, matches_report=True))
    return found


def case_suggestions(*, case: Case) -> list[Suggestion]:
    """Return what the case's screenshots suggest, each screenshot's post read apart from its comments."""
    screenshots = [
        [line.strip() for line in evidence.ocr_text.splitlines() if line.strip()] for evidence in case.evidence.all()
    ]
    return _suggestions(
        [screenshot for screenshot in screenshots if screenshot],
        platform=case.platform,
        nip=case.asn_nip,
        asn_name=case.asn_name,
        behaviours=[behaviour.code for behaviour in case.behaviours.all()],
    )
