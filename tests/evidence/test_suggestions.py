"""Suggestions from screenshot text: each rule on plain lines, then precision and recall over labelled
phone screenshots read by the real OCR, as the app reads them."""

import os
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest

from complaints.evidence import imaging
from complaints.evidence.suggestions import case_suggestions, text_suggestions
from tests.evidence.screens import INSTANSI, INTERAKSI, KAMPANYE, SCREENS, Screen

CAMPAIGN = "Coblos nomor 2 tanggal 27 November!"
NIP = "198503152010011002"


def found(lines: list[str], **report) -> dict[tuple[str, str], object]:
    return {(s.kind, s.value): s for s in text_suggestions(lines=lines, **report)}


def behaviours(lines: list[str], **report) -> set[str]:
    return {value for kind, value in found(lines, **report) if kind == "behaviour"}


# Interaction: a named account, not a count


@pytest.mark.parametrize(
    "count",
    [
        "1.204 suka",
        "Disukai oleh 1.204 orang",
        "Liked by 1,204 others",
        "8,431 likes",
        "1,2 rb   58 komentar   12 kali dibagikan",
        "Anda dan 1,2 rb lainnya",  # the reader's own like names nobody reported
        "120 Posting ulang   45 Kutipan   1.024 Suka",
    ],
)
def test_a_count_of_likes_or_shares_is_not_an_interaction(count):
    assert INTERAKSI not in behaviours(["relawan.andi02 Ikuti", CAMPAIGN, count])


@pytest.mark.parametrize(
    "line",
    [
        "budi.santoso menyukai postingan ini",
        "Budi Santoso menyukai ini.",
        "Disukai oleh budi.santoso dan 1.203 lainnya",
        "Budi Santoso membagikan postingan.",
        "Budi memposting ulang",
        "Diposting ulang oleh Budi",
        "Budi Santoso dan 1,2 rb lainnya",
        "Liked by budi.santoso and 1,203 others",
        "Budi Santoso shared a post.",
        "Budi reposted",
        "Reposted by Budi",
        "Budi Santoso and 1.2K others",
    ],
)
def test_a_named_account_liking_sharing_or_reposting_campaign_content_is_an_interaction(line):
    suggestion = found([line, "relawan.andi02", CAMPAIGN])[("behaviour", INTERAKSI)]
    assert suggestion.source == line


def test_a_named_like_of_a_neutral_post_is_not_an_interaction():
    lines = ["sari.dewi Ikuti", "Disukai oleh budi.santoso dan 85 lainnya", "sari.dewi Bahagia untuk kalian berdua"]
    assert INTERAKSI not in behaviours(lines)


def test_a_campaigning_comment_under_a_post_is_an_interaction_and_the_caption_is_not():
    post = ["timpemenangan.02 Ikuti", "3.410 suka", "timpemenangan.02 Lanjutkan paslon 02!"]
    comments = ["Lihat semua 59 komentar", "budi.santoso Lanjutkan paslon 02!", "sari.dewi Siap"]
    assert found(post + comments)[("behaviour", INTERAKSI)].source == "budi.santoso Lanjutkan paslon 02!"
    assert INTERAKSI not in behaviours(post)
    # A comment that does not campaign is no interaction with the campaign, even under a campaign post.
    assert INTERAKSI not in behaviours([*post, "Lihat semua 59 komentar", "budi.santoso ASN harus netral"])


@pytest.mark.parametrize("header", ["312 komentar", "Comments 58", "Paling relevan", "Like  Comment  Share"])
def test_comments_start_after_each_platforms_comment_header(header):
    lines = ["@andibudi.official", "Terima kasih relawan!", header, "budi.santoso", "Vote for number 2, Serang!"]
    assert found(lines)[("behaviour", INTERAKSI)].source == "Vote for number 2, Serang!"


def test_a_forwarded_chat_message_that_campaigns_is_an_interaction_of_its_sender():
    chat = ["Guru SDN 1 Serang", "Budi Santoso", "Diteruskan", "Mohon arahkan warga", "pilih nomor 2 ya", "09.15"]
    assert found(chat)[("behaviour", INTERAKSI)].source == "Budi Santoso"
    flood = ["Warga RW 05", "Siti", "Forwarded", "Flood relief: evacuation shelter", "09.15", "Rina", CAMPAIGN]
    assert INTERAKSI not in behaviours(flood)  # the campaign line is another message, not the forwarded one


# Official accounts


@pytest.mark.parametrize(
    "account",
    [
        "pemprov.banten @ Ikuti",
        "@ Pemerintah Kabupaten Serang",
        "Humas Kota Tangerang @",
        "@diskominfo.lebak",
        "kab.serang Follow",
        "setda_kotaserang",
        "Serang City Government",
        "Dinas Komunikasi dan Informatika Kabupaten",
        "simpeg.serangkab.go.id/berita",
    ],
)
def test_an_official_account_posting_campaign_content_is_suggested_with_its_account_line(account):
    suggestion = found(["10.30", account, "2 j · Publik", "Dukung paslon nomor urut 1!", "1,2 rb"])[
        ("behaviour", INSTANSI)
    ]
    assert suggestion.source == account


def test_an_official_account_is_not_suggested_without_campaign_content_in_its_post():
    flood = ["pemprov.banten Ikuti", "Posko banjir dibuka", "Disukai oleh 2.310 orang"]
    assert INSTANSI not in behaviours(flood)
    # Campaigning in the comments under an official post is the commenter's doing.
    assert INSTANSI not in behaviours([*flood, "Lihat semua 9 komentar", "warga.serang Pilih nomor 2!"])
    assert INSTANSI not in behaviours(["Pemerintah Provinsi Banten", "Datang ke TPS 14 Februari #PemiluDamai"])


@pytest.mark.parametrize(
    "lines",
    [
        ["budi.santoso Ikuti", "budi.santoso Coblos nomor 2!"],
        ["Budi Santoso", "ASN Dinas Perhubungan Kota Cilegon", CAMPAIGN],
        ["andi.wijaya", "Kota Serang butuh perubahan, pilih nomor 2!"],
        ["warga.serang", "Dinas Pendidikan harus netral. Coblos nomor 2!"],
    ],
)
def test_a_personal_account_is_not_an_official_one(lines):
    assert INSTANSI not in behaviours(lines)


# Platform


def test_facebook_words_on_an_instagram_report_contradict_it():
    lines = [
        "Rahmat Hidayat",
        "2 j · Publik",
        CAMPAIGN,
        "1,2 rb   58 komentar   12 kali dibagikan",
        "Suka Komentari Bagikan",
    ]
    platform = found(lines, platform="instagram")[("platform", "facebook")]
    assert platform.contradicts_report and not platform.matches_report
    platform = found(lines, platform="facebook")[("platform", "facebook")]
    assert platform.matches_report and not platform.contradicts_report


def test_instagram_indonesian_words_are_instagram_not_facebook():
    lines = ["pemprov.banten Ikuti", "Disukai oleh budi.santoso dan 1.203 lainnya", "Lihat semua 58 komentar"]
    platform = found(lines, platform="facebook")[("platform", "instagram")]
    assert platform.contradicts_report
    assert platform.source in lines


@pytest.mark.parametrize(
    ("lines", "platform"),
    [
        (["andibudi.official Follow", "Liked by budi.santoso and 1,203 others", "View all 58 comments"], "instagram"),
        (["Andi Budi for Serang", "2h · Public", "Like Comment Share", "34 comments 56 shares"], "facebook"),
        (["Budi reposted", "@andibudi2024", "12.3K Views", "120 Reposts 45 Quotes 1,024 Likes"], "x"),
        (["Following For You", "@andibudi.official", "original sound - andibudi.official", "Add comment..."], "tiktok"),
        (["Candidate pair number 2", "12K views 2 days ago", "Andi Budi TV 1.2K subscribers", "Subscribe"], "youtube"),
        (["Teachers of SDN 1 Serang", "Budi, Rina, Siti, You", "Forwarded", "Type a message"], "whatsapp"),
        (["Ketua RT", "Siti, Budi, Anda", "Diteruskan", "Ketik pesan"], "whatsapp"),
        (["Mengikuti Untuk Anda", "@budi.santoso", "suara asli - budi.santoso", "Tambahkan komentar..."], "tiktok"),
        (["Posting", "Agus Salim memposting ulang", "12,3 rb Tayangan", "120 Posting ulang 45 Kutipan"], "x"),
        (["YouTube", "12 rb x ditonton", "Berlangganan"], "youtube"),
    ],
)
def test_each_platform_is_told_by_its_own_interface_words(lines, platform):
    guessed = [value for kind, value in found(lines) if kind == "platform"]
    assert guessed == [platform]


def test_a_button_word_alone_names_no_platform_and_other_is_not_contradicted():
    lines = ["relawan.andi02 Ikuti", "Suka", "Bagikan", CAMPAIGN]  # "Ikuti" alone: too little for Instagram
    assert not [kind for kind, _value in found(lines) if kind == "platform"]
    platform = found(["instagram", "Disukai oleh 1.204 orang"], platform="other")[("platform", "instagram")]
    assert not platform.contradicts_report and not platform.matches_report


@pytest.mark.parametrize(("reported", "platform"), [("instagram", "instagram"), ("facebook", "facebook"), ("x", None)])
def test_a_tie_goes_to_the_reported_platform_else_to_none(reported, platform):
    lines = ["Disukai oleh 1.204 orang", "Lihat semua 5 komentar", "12 kali dibagikan", "Tulis komentar..."]
    assert [value for kind, value in found(lines, platform=reported) if kind == "platform"] == [platform] * bool(
        platform
    )


# Campaign content and NIP


@pytest.mark.parametrize(
    "line",
    [
        "Paslon 02 nomor urut dua",
        "Coblos no. 2 tanggal 14 Februari!",
        "#lanjutkan2024",
        "Vote for number 2 on November 27!",
        "Candidate pair Andi-Budi will fix our roads",
        "#vote02",
        "Paslon o2 siap",  # OCR reads the zero as a letter o
    ],
)
def test_campaign_content_in_indonesian_and_english(line):
    assert found(["andi.wijaya", line])[("behaviour", KAMPANYE)].source == line


@pytest.mark.parametrize(
    "line", ["Datang ke TPS 14 Februari #PemiluDamai #AyoMemilih", "Gunakan hak pilih Anda", "Vote wisely, Serang"]
)
def test_a_neutral_call_to_vote_is_not_campaign_content(line):
    assert KAMPANYE not in behaviours(["pemprov.banten", line])


def test_a_campaign_phrase_wrapped_over_two_lines_is_found_whole():
    lines = ["andi.wijaya Terima kasih warga, jangan lupa coblos", "nomor 2 tanggal 27 November"]
    assert found(lines)[("behaviour", KAMPANYE)].source == " ".join(lines)


def test_a_behaviour_the_reporter_chose_matches_the_report():
    suggestions = found(["relawan.andi02", CAMPAIGN], behaviours=[KAMPANYE])
    assert suggestions[("behaviour", KAMPANYE)].matches_report


def test_a_nip_matches_or_contradicts_the_reported_one():
    lines = ["Budi Santoso, S.Pd.", "NIP. 19850315 201001 1 002"]
    same = found(lines, nip=NIP)[("nip", NIP)]
    assert same.matches_report and not same.contradicts_report and same.source == lines[1]
    other = found(lines, nip="197901012005011003")[("nip", NIP)]
    assert other.contradicts_report and not other.matches_report
    unreported = found(lines)[("nip", NIP)]
    assert not unreported.contradicts_report and not unreported.matches_report


def test_long_numbers_that_are_no_nip_are_not_suggested():
    lines = ["ID transaksi 202402141030551234", "NIK: 3604011503850002", "Telepon 0812 3456 7890 1234"]
    assert not [kind for kind, _value in found(lines) if kind == "nip"]


def test_case_suggestions_read_each_screenshot_apart():
    """A second screenshot is not taken for the comments under the first one's post."""
    first = SimpleNamespace(ocr_text="warga.serang Ikuti\nBanjir lagi\nLihat semua 5 komentar\nsari.dewi Sedih")
    second = SimpleNamespace(ocr_text="pemprov.banten Ikuti\nPaslon 02 nomor urut dua\n1.204 suka")
    case = SimpleNamespace(
        evidence=SimpleNamespace(all=lambda: [first, second]),
        behaviours=SimpleNamespace(all=lambda: [SimpleNamespace(code=INSTANSI)]),
        platform="instagram",
        asn_nip="",
        asn_name="",
    )
    suggestions = {(s.kind, s.value): s for s in case_suggestions(case=case)}
    assert suggestions[("behaviour", INSTANSI)].source == "pemprov.banten Ikuti"
    assert suggestions[("behaviour", INSTANSI)].matches_report
    assert INTERAKSI not in {value for kind, value in suggestions if kind == "behaviour"}


# The labelled screenshots

FLOORS = {"precision": 0.9, "recall": 0.8}
KINDS = ["platform", INSTANSI, INTERAKSI, KAMPANYE, "nip", "platform contradicts", "nip contradicts"]


def claims(screen: Screen, suggestions) -> dict[str, tuple[set[str], set[str]]]:
    """Return, per kind, what the suggestions claim and what is true of the screenshot."""
    platforms = {s.value for s in suggestions if s.kind == "platform"}
    mistaken = screen.report != screen.platform and screen.platform != "other"
    nip_mistaken = bool(screen.nip and screen.reported_nip and screen.reported_nip != screen.nip)
    values = {s.value for s in suggestions}
    return {
        "platform": (platforms, {screen.platform} - {"other"}),
        **{code: (values & {code}, set(screen.behaviours) & {code}) for code in (INSTANSI, INTERAKSI, KAMPANYE)},
        "nip": ({s.value for s in suggestions if s.kind == "nip"}, {screen.nip} - {""}),
        "platform contradicts": (
            {s.value for s in suggestions if s.kind == "platform" and s.contradicts_report},
            {screen.platform} if mistaken else set(),
        ),
        "nip contradicts": (
            {s.value for s in suggestions if s.kind == "nip" and s.contradicts_report},
            {screen.nip} if nip_mistaken else set(),
        ),
    }


@pytest.fixture(scope="module")
def readings() -> dict[str, str]:
    """Read every labelled screenshot with Tesseract, two or more at a time.

    One Tesseract thread each: its own threads only fight each other's on a small machine, and
    the text read is the same.
    """
    with pytest.MonkeyPatch.context() as patch, ThreadPoolExecutor(max(2, os.cpu_count() or 2)) as pool:
        patch.setenv("OMP_THREAD_LIMIT", "1")
        texts = pool.map(lambda screen: imaging.ocr(screen.image()), SCREENS)
        return dict(zip((screen.id for screen in SCREENS), texts, strict=True))


def test_the_labelled_set_covers_every_platform_and_case():
    assert len(SCREENS) >= 30
    assert len({screen.id for screen in SCREENS}) == len(SCREENS)
    assert {screen.platform for screen in SCREENS} >= {"instagram", "facebook", "x", "tiktok", "youtube", "whatsapp"}
    for code in (INSTANSI, INTERAKSI, KAMPANYE):
        assert sum(code in screen.behaviours for screen in SCREENS) >= 5
    assert sum(not screen.behaviours for screen in SCREENS) >= 5
    assert sum(bool(screen.nip) for screen in SCREENS) >= 5
    assert sum(screen.report != screen.platform for screen in SCREENS) >= 3


def test_suggestions_on_the_labelled_screenshots_are_precise_and_find_most(readings):
    tally = {kind: Counter() for kind in KINDS}
    misses = []
    for screen in SCREENS:
        suggestions = text_suggestions(
            lines=readings[screen.id].splitlines(), platform=screen.report, nip=screen.reported_nip or screen.nip
        )
        for kind, (claimed, true) in claims(screen, suggestions).items():
            tally[kind].update(tp=len(claimed & true), fp=len(claimed - true), fn=len(true - claimed))
            if claimed != true:
                misses.append(f"{screen.id}: {kind} claimed {sorted(claimed)}, true {sorted(true)}")

    rows = [f"{'kind':<22}{'TP':>4}{'FP':>4}{'FN':>4}{'precision':>11}{'recall':>8}"]
    scores = {}
    for kind, count in tally.items():
        claimed, true = count["tp"] + count["fp"], count["tp"] + count["fn"]
        # No claim is no wrong claim; nothing to find is nothing missed.
        scores[kind] = (count["tp"] / claimed if claimed else 1.0, count["tp"] / true if true else 1.0)
        precision, recall = scores[kind]
        rows.append(f"{kind:<22}{count['tp']:>4}{count['fp']:>4}{count['fn']:>4}{precision:>11.2f}{recall:>8.2f}")
    print(f"\nSuggestions on {len(SCREENS)} labelled screenshots (OCR by Tesseract)", *rows, sep="\n")
    print("Disagreements with the labels:", *misses or ["none"], sep="\n  ")

    for kind, (precision, recall) in scores.items():
        assert precision >= FLOORS["precision"], (kind, precision, misses)
        assert recall >= FLOORS["recall"], (kind, recall, misses)
