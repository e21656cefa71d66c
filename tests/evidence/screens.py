"""Labelled phone screenshots of the six platforms, in Indonesian and English interfaces.

Each sample is drawn as a phone shows it (status bar, the app's header, the post, its buttons and
counts, comments) and carries the truth an official would read from it: the platform, the
behaviours the screenshot shows, and the NIP if one is visible.

What the behaviour labels mean here:
- MEDSOS_KAMPANYE: the screenshot shows campaign content (a post, comment or message promoting a
  candidate pair). A neutral appeal to vote ("#PemiluDamai") is not campaign content.
- AKUN_INSTANSI: the post's author is an official government account and the post campaigns.
- MEDSOS_INTERAKSI: a named account likes, shares, reposts, forwards or comments on campaign
  content. A count of likes names nobody, and a named like of a flood notice is no violation.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass, replace

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 540, 960
INK, GREY, LINK = (20, 20, 20), (100, 100, 100), (0, 85, 160)
KAMPANYE, INSTANSI, INTERAKSI = "MEDSOS_KAMPANYE", "AKUN_INSTANSI", "MEDSOS_INTERAKSI"


class Phone:
    """A phone screen drawn from the top down; `y` is where the next thing goes."""

    def __init__(self, *, background="white", clock="10.30"):
        self.image = Image.new("RGB", (WIDTH, HEIGHT), background)
        self.draw = ImageDraw.Draw(self.image)
        self.y = 12
        self.text(clock, size=18, x=24, after=0)
        self.draw.rectangle((480, 10, 512, 24), outline=INK, width=2)  # the battery
        self.draw.rectangle((483, 13, 500, 21), fill=INK)
        self.y = 44

    @staticmethod
    def font(size: int) -> ImageFont.FreeTypeFont:
        return ImageFont.load_default(size=size)

    def text(self, text: str, *, size=22, x=20, fill=INK, after=8, width=WIDTH - 40) -> None:
        """Write `text` wrapped to `width` pixels, as the app wraps a caption."""
        font = self.font(size)
        words, line = text.split(), ""
        lines = []
        for word in words:
            if line and font.getlength(f"{line} {word}") > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
        for part in lines:
            self.draw.text((x, self.y), part, font=font, fill=fill)
            self.y += round(size * 1.35)
        self.y += after

    def row(self, *texts: str, size=20, fill=INK, after=10) -> None:
        """Write texts spread across one line, as a row of buttons or counts."""
        step = (WIDTH - 40) // len(texts)
        for number, text in enumerate(texts):
            self.draw.text((20 + number * step, self.y), text, font=self.font(size), fill=fill)
        self.y += round(size * 1.35) + after

    def ends(self, left: str, right: str, *, size=19, fill=GREY, after=4) -> None:
        """Write one text at the left edge and another at the right edge of the same line."""
        font = self.font(size)
        self.draw.text((20, self.y), left, font=font, fill=fill)
        self.draw.text((WIDTH - 20 - font.getlength(right), self.y), right, font=font, fill=fill)
        self.y += round(size * 1.35) + after

    def account(self, name: str, *, extra="", badge=False, size=22, avatar=(200, 160, 120)) -> None:
        """Draw an avatar, the account's name, a verified badge if any and what follows (a button)."""
        self.draw.ellipse((20, self.y, 64, self.y + 44), fill=avatar)
        font = self.font(size)
        self.draw.text((76, self.y + 10), name, font=font, fill=INK)
        end = 76 + font.getlength(name)
        if badge:
            self.draw.ellipse((end + 8, self.y + 14, end + 26, self.y + 32), fill=(30, 140, 240))
            end += 26
        if extra:
            self.draw.text((end + 24, self.y + 10), extra, font=font, fill=LINK)
        self.y += 56

    def picture(self, *, colour, slogan="", height=300, left=0, right=WIDTH) -> None:
        """Draw the post's photo: a coloured scene, a face and the slogan in a white box."""
        top = self.y
        self.draw.rectangle((left, top, right, top + height), fill=colour)
        middle = (left + right) // 2
        self.draw.ellipse((middle - 60, top + 30, middle + 60, top + 150), fill=(250, 220, 190))
        if slogan:
            self.draw.rectangle((left + 16, top + height - 84, right - 16, top + height - 20), fill="white")
            self.draw.text((left + 28, top + height - 70), slogan, font=self.font(26), fill=INK)
        self.y = top + height + 12

    def icons(self, count=4) -> None:
        """Draw the action icons (like, comment, share, save) as outlines: they carry no text."""
        for number in range(count):
            x = 20 + number * 52 if number < 3 else WIDTH - 52
            self.draw.rounded_rectangle((x, self.y, x + 30, self.y + 30), radius=8, outline=INK, width=3)
        self.y += 42

    def rule(self) -> None:
        self.draw.line((0, self.y, WIDTH, self.y), fill=(220, 220, 220), width=2)
        self.y += 12

    def bubble(self, lines: list[str], *, sender="", label="", colour=(255, 255, 255), x=20) -> None:
        """Draw a chat message: the sender's name, a label such as "Diteruskan", the text, the time."""
        font = self.font(21)
        texts = [(sender, (180, 60, 120))] if sender else []
        texts += [(label, GREY)] if label else []
        texts += [(line, INK) for line in lines] + [("09.15", GREY)]
        height = 16 + 29 * len(texts)
        self.draw.rounded_rectangle((x, self.y, WIDTH - 60, self.y + height), radius=12, fill=colour)
        for number, (text, fill) in enumerate(texts):
            self.draw.text((x + 14, self.y + 8 + 29 * number), text, font=font, fill=fill)
        self.y += height + 14


def instagram(
    *,
    account: str,
    likes: str,
    caption: str,
    english=False,
    badge=False,
    feed=True,
    slogan="",
    colour=(200, 30, 60),
    comments: tuple[str, ...] = (),
    above="",
) -> Image.Image:
    phone = Phone()
    if feed:
        phone.text("Instagram", size=30, after=12)
    else:
        phone.text("Posts" if english else "Postingan", size=24, x=70, after=12)
    if above:
        phone.text(above, size=18, fill=GREY, after=4)
    phone.account(account, extra="Follow" if english else "Ikuti", badge=badge)
    phone.picture(colour=colour, slogan=slogan)
    phone.icons()
    phone.text(likes, size=21, after=4)
    phone.text(f"{account} {caption}", size=21, after=4)
    if comments:
        count = len(comments) + 57
        phone.text(f"View all {count} comments" if english else f"Lihat semua {count} komentar", size=20, fill=GREY)
    for comment in comments:
        phone.text(comment, size=21, after=4)
    phone.text("2 days ago" if english else "2 hari yang lalu", size=18, fill=GREY)
    return phone.image


def instagram_profile(*, handle: str, name: str, bio: list[str], english=False) -> Image.Image:
    phone = Phone()
    phone.text(handle, size=26, after=16)
    phone.draw.ellipse((20, phone.y, 120, phone.y + 100), fill=(200, 160, 120))
    phone.draw.text((150, phone.y + 20), "312     1.204     480", font=phone.font(24), fill=INK)
    words = "posts   followers   following" if english else "postingan   pengikut   mengikuti"
    phone.draw.text((140, phone.y + 56), words, font=phone.font(18), fill=INK)
    phone.y += 116
    phone.text(name, size=22, after=2)
    for line in bio:
        phone.text(line, size=20, after=2)
    phone.y += 12
    phone.row(*(("Follow", "Message") if english else ("Ikuti", "Kirim pesan")), size=22)
    for row in range(2):
        for column in range(3):
            left, top = column * 180, phone.y + row * 180
            phone.draw.rectangle((left + 2, top + 2, left + 178, top + 178), fill=(120 + 40 * column, 90, 140))
    return phone.image


def facebook(
    *,
    page: str,
    text: str,
    reactions: str,
    counts: str,
    english=False,
    above="",
    slogan="",
    colour=(30, 90, 160),
    comments: tuple[tuple[str, str], ...] = (),
) -> Image.Image:
    phone = Phone()
    phone.text("facebook", size=30, fill=(24, 119, 242), after=12)
    if above:
        phone.text(above, size=20, fill=GREY, after=6)
        phone.rule()
    phone.account(page, avatar=(60, 120, 200))
    phone.text("2h · Public" if english else "2 j · Publik", size=18, x=76, fill=GREY, after=6)
    phone.text(text, size=21, after=8)
    phone.picture(colour=colour, slogan=slogan, height=240)
    phone.ends(reactions, counts)
    phone.rule()
    phone.row(*(("Like", "Comment", "Share") if english else ("Suka", "Komentari", "Bagikan")), size=21)
    phone.rule()
    if comments:
        phone.text("Most relevant" if english else "Paling relevan", size=19, fill=GREY, after=6)
    for name, comment in comments:
        phone.text(name, size=20, x=76, after=0)
        phone.text(comment, size=20, x=76, after=2)
        phone.text("Like   Reply" if english else "Suka   Balas", size=17, x=76, fill=GREY, after=8)
    phone.text("Write a comment..." if english else "Tulis komentar...", size=20, fill=GREY)
    return phone.image


def x_post(
    *,
    name: str,
    handle: str,
    text: str,
    english=False,
    above="",
    badge=False,
    slogan="",
    replies: tuple[tuple[str, str], ...] = (),
) -> Image.Image:
    phone = Phone()
    phone.text("Post" if english else "Posting", size=26, x=70, after=14)
    if above:
        phone.text(above, size=19, x=76, fill=GREY, after=4)
    phone.account(name, badge=badge)
    phone.text(handle, size=19, x=76, fill=GREY, after=10)
    phone.text(text, size=23, after=10)
    if slogan:
        phone.picture(colour=(90, 60, 150), slogan=slogan, height=220)
    if english:
        phone.text("10:30 AM · Feb 12, 2024 · 12.3K Views", size=19, fill=GREY, after=6)
        phone.rule()
        phone.text("120 Reposts   45 Quotes   1,024 Likes", size=20, after=6)
    else:
        phone.text("10.30 · 12 Feb 2024 · 12,3 rb Tayangan", size=19, fill=GREY, after=6)
        phone.rule()
        phone.text("120 Posting ulang   45 Kutipan   1.024 Suka", size=20, after=6)
    phone.rule()
    for author, reply in replies:
        phone.account(author, size=20)
        phone.text(reply, size=21, x=76, after=10)
    phone.text("Post your reply" if english else "Posting balasan Anda", size=21, fill=GREY)
    return phone.image


def x_profile(*, name: str, handle: str, bio: list[str], english=False) -> Image.Image:
    phone = Phone()
    phone.draw.rectangle((0, phone.y, WIDTH, phone.y + 140), fill=(120, 160, 200))
    phone.y += 160
    phone.text(name, size=26, after=0)
    phone.text(handle, size=20, fill=GREY, after=8)
    for line in bio:
        phone.text(line, size=20, after=2)
    phone.text("Joined March 2015" if english else "Bergabung Maret 2015", size=19, fill=GREY, after=6)
    phone.text("312 Following   1.204 Followers" if english else "312 Mengikuti   1.204 Pengikut", size=20)
    phone.row(*(("Posts", "Replies", "Media", "Likes") if english else ("Postingan", "Balasan", "Media", "Suka")))
    phone.rule()
    return phone.image


def tiktok(
    *,
    account: str,
    caption: str,
    english=False,
    above="",
    slogan="",
    comments: tuple[tuple[str, str], ...] = (),
) -> Image.Image:
    phone = Phone()
    phone.row(*(("Following", "For You") if english else ("Mengikuti", "Untuk Anda")), size=22, after=12)
    phone.picture(colour=(40, 40, 60), slogan=slogan, height=330 if comments else 470, right=440)
    for number, count in enumerate(("12,3 rb", "345", "Share" if english else "Bagikan")):
        phone.draw.text((452, 200 + 90 * number), count, font=phone.font(17), fill=INK)
    if above:
        phone.text(above, size=19, fill=GREY, after=2)
    phone.text(f"@{account}", size=22, after=2)
    phone.text(caption, size=20, after=2)
    phone.text(f"original sound - {account}" if english else f"suara asli - {account}", size=18, fill=GREY)
    if comments:
        phone.rule()
        phone.text("312 comments" if english else "312 komentar", size=20, x=200, after=8)
        for name, comment in comments:
            phone.text(name, size=19, x=76, fill=GREY, after=0)
            phone.text(comment, size=21, x=76, after=0)
            phone.text("2h   Reply" if english else "2 j   Balas", size=17, x=76, fill=GREY, after=10)
    phone.y = HEIGHT - 50
    phone.text("Add comment..." if english else "Tambahkan komentar...", size=20, fill=GREY)
    return phone.image


def youtube(
    *,
    title: str,
    channel: str,
    english=False,
    slogan="",
    comments: tuple[tuple[str, str], ...] = (),
) -> Image.Image:
    phone = Phone()
    phone.draw.rounded_rectangle((20, phone.y + 2, 60, phone.y + 30), radius=8, fill=(230, 0, 0))
    phone.text("YouTube", size=26, x=70, after=12)
    phone.picture(colour=(20, 100, 70), slogan=slogan, height=300)
    phone.text(title, size=24, after=4)
    views = "12K views  2 days ago  ...more" if english else "12 rb x ditonton  2 hari lalu  ...selengkapnya"
    phone.text(views, size=18, fill=GREY)
    phone.account(channel, extra="1.2K subscribers" if english else "1,2 rb subscriber", size=20)
    phone.text("Subscribe" if english else "Berlangganan", size=22, x=20, after=10)
    phone.row(*(("Like 1.2K", "Share", "Download") if english else ("Suka 1,2 rb", "Bagikan", "Download")), size=19)
    phone.rule()
    phone.text("Comments 58" if english else "Komentar 58", size=21, after=8)
    for name, comment in comments:
        phone.text(f"{name} · {'2 days ago' if english else '2 hari lalu'}", size=18, x=76, fill=GREY, after=0)
        phone.text(comment, size=21, x=76, after=10)
    return phone.image


def whatsapp(*, title: str, subtitle: str, messages: list[dict], english=False, channel_followers="") -> Image.Image:
    phone = Phone(background=(236, 229, 221))
    phone.draw.rectangle((0, 40, WIDTH, 120), fill="white")
    phone.draw.ellipse((56, 50, 110, 104), fill=(150, 180, 160))
    phone.text(title, size=23, x=124, after=0)
    phone.text(subtitle, size=17, x=124, fill=GREY, after=30)
    if channel_followers:
        phone.text(channel_followers, size=18, x=160, fill=GREY, after=10)
    for message in messages:
        phone.bubble(**message)
    phone.draw.rounded_rectangle((10, HEIGHT - 70, WIDTH - 70, HEIGHT - 20), radius=24, fill="white")
    phone.draw.text((60, HEIGHT - 58), "Type a message" if english else "Ketik pesan", font=phone.font(21), fill=GREY)
    return phone.image


def web_page(*, address: str, lines: list[str]) -> Image.Image:
    phone = Phone()
    phone.draw.rounded_rectangle((16, phone.y, WIDTH - 16, phone.y + 44), radius=20, fill=(235, 235, 235))
    phone.text(address, size=20, x=36, after=30)
    for line in lines:
        phone.text(line, size=21, after=6)
    return phone.image


@dataclass(frozen=True)
class Screen:
    id: str
    platform: str  # the truth: what the screenshot shows
    behaviours: frozenset[str]
    draw: Callable[[], Image.Image]
    nip: str = ""  # the NIP visible in it, if any
    reported_platform: str = ""  # what the reporter chose, when not the truth (a mistaken report)
    reported_nip: str = ""  # the NIP the reporter gave, when not the visible one
    resent: bool = False  # it reaches us as a chat app passes it on, smaller and in JPEG

    @property
    def report(self) -> str:
        return self.reported_platform or self.platform

    def image(self) -> Image.Image:
        image = self.draw()
        if not self.resent:
            return image
        buffer = io.BytesIO()
        image.resize((WIDTH * 85 // 100, HEIGHT * 85 // 100)).save(buffer, "JPEG", quality=70)
        return Image.open(io.BytesIO(buffer.getvalue()))


def screen(id, platform, behaviours, draw, **more) -> Screen:
    return Screen(id, platform, frozenset(behaviours), draw, **more)


NIP_BUDI, NIP_AGUS, NIP_RAHMAT = "198503152010011002", "197901012005011003", "198807222014021001"

# One sample per block, its labels on its first line: easier to check against the drawing than the
# formatter's one-argument-per-line layout.
# fmt: off
SCREENS = [
    # Instagram
    screen("ig-pemprov-paslon", "instagram", {INSTANSI, KAMPANYE}, lambda: instagram(
        account="pemprov.banten", badge=True, slogan="Paslon 02 nomor urut dua", likes="1.204 suka",
        caption="Ayo dukung paslon 02 untuk Banten maju! #lanjutkan2024", comments=("warga.serang Mantap",))),
    screen("ig-pemkot-banjir", "instagram", set(), lambda: instagram(
        account="pemkot.serang", badge=True, slogan="Posko banjir dibuka", likes="Disukai oleh 2.310 orang",
        caption="Posko bantuan banjir dibuka di Kecamatan Cipocok Jaya. #SerangTanggap", colour=(40, 120, 200))),
    screen("ig-disukai-budi", "instagram", {INTERAKSI, KAMPANYE}, lambda: instagram(
        account="relawan.andi02", slogan="Coblos nomor 2!", likes="Disukai oleh budi.santoso dan 1.203 lainnya",
        caption="Tanggal 27 November coblos nomor 2 ya!", feed=False)),
    screen("ig-komentar-budi", "instagram", {INTERAKSI, KAMPANYE}, lambda: instagram(
        account="timpemenangan.02", slogan="Bersama untuk Banten", likes="3.410 suka",
        caption="Nomor urut 2, pilihan rakyat. #menang02",
        comments=("budi.santoso Lanjutkan paslon 02!", "sari.dewi Siap menangkan"))),
    screen("ig-en-liked-by-budi", "instagram", {INTERAKSI, KAMPANYE}, lambda: instagram(
        account="andibudi.official", english=True, slogan="Vote for number 2", colour=(200, 120, 30),
        likes="Liked by budi.santoso and 1,203 others", caption="Vote for number 2 on November 27! #vote02",
        comments=("rina.putri Let's go",))),
    screen("ig-en-like-count", "instagram", {KAMPANYE}, lambda: instagram(
        account="relawan.paslon01", english=True, slogan="Pilih nomor urut 1", likes="Liked by 1,204 others",
        caption="Candidate pair number 1 for a better Serang. #vote01", feed=False)),
    screen("ig-en-kominfo-reels", "instagram", {INSTANSI, KAMPANYE}, lambda: instagram(
        account="kominfo.kabserang", english=True, badge=True, slogan="Reels: Serang maju", likes="8,431 likes",
        caption="Support candidate pair number 2 for Serang! #vote02"), reported_platform="facebook"),
    screen("ig-profil-nip", "instagram", set(), lambda: instagram_profile(
        handle="budi.santoso", name="Budi Santoso",
        bio=["ASN Dinas Perhubungan Kota Cilegon", "NIP 19850315 201001 1 002", "Hobi bersepeda"]), nip=NIP_BUDI),
    screen("ig-nikahan-disukai", "instagram", set(), lambda: instagram(
        account="sari.dewi", slogan="Selamat menempuh hidup baru", colour=(220, 160, 180),
        likes="Disukai oleh budi.santoso dan 85 lainnya", caption="Bahagia untuk kalian berdua")),
    # Facebook
    screen("fb-pemkab-paslon", "facebook", {INSTANSI, KAMPANYE}, lambda: facebook(
        page="Pemerintah Kabupaten Serang", slogan="Nomor urut 2",
        text="Mari sukseskan kemenangan paslon nomor urut 2 di Pilkada Serang!",
        reactions="1,2 rb", counts="58 komentar   12 kali dibagikan")),
    screen("fb-rahmat-membagikan", "facebook", {INTERAKSI, KAMPANYE}, lambda: facebook(
        page="Tim Pemenangan Andi-Budi", above="Rahmat Hidayat membagikan postingan.", slogan="Coblos nomor 2",
        text="Coblos nomor 2 tanggal 27 November! #AndiBudiMenang", reactions="842",
        counts="31 komentar   96 kali dibagikan", comments=(("Rahmat Hidayat", "Lanjutkan!"),))),
    screen("fb-en-diskominfo-flood", "facebook", set(), lambda: facebook(
        page="Diskominfo Kota Serang", english=True, slogan="Flood relief", colour=(40, 120, 200),
        text="Flood relief posts are open at every sub-district office. Call 112 for evacuation.",
        reactions="1.2K", counts="34 comments   56 shares")),
    screen("fb-en-rahmat-shared", "facebook", {INTERAKSI, KAMPANYE}, lambda: facebook(
        page="Andi Budi for Serang", english=True, above="Rahmat Hidayat shared a post.", slogan="Vote 2",
        text="Vote for number 2! Candidate pair Andi-Budi will fix our roads.", reactions="2.4K",
        counts="120 comments   310 shares")),
    screen("fb-hitungan-suka", "facebook", {KAMPANYE}, lambda: facebook(
        page="Relawan Paslon 01 Banten", slogan="Pilih nomor 1", text="Pilih nomor 1 untuk Banten sejahtera!",
        reactions="1,2 rb", counts="88 komentar   40 kali dibagikan"), reported_platform="instagram"),
    screen("fb-reaksi-budi", "facebook", {INTERAKSI, KAMPANYE}, lambda: facebook(
        page="Relawan Andi-Budi", slogan="Paslon 02", text="Paslon 02 siap membangun Kota Serang #menang02",
        reactions="Budi Santoso dan 1,2 rb lainnya", counts="58 komentar")),
    screen("fb-pemilu-damai", "facebook", set(), lambda: facebook(
        page="Pemerintah Provinsi Banten", slogan="14 Februari ke TPS",
        text="Gunakan hak pilih Anda, datang ke TPS pada 14 Februari. #PemiluDamai #AyoMemilih",
        reactions="3,1 rb", counts="210 komentar   95 kali dibagikan")),
    screen("fb-menyukai-ini", "facebook", {INTERAKSI, KAMPANYE}, lambda: facebook(
        page="Tim Pemenangan Paslon 02", above="Budi Santoso menyukai ini.", slogan="Nomor urut 2",
        text="Nomor urut 2, pilihan rakyat Banten! Coblos no. 2", reactions="5,6 rb",
        counts="402 komentar   1,1 rb kali dibagikan")),
    # X
    screen("x-humas-paslon", "x", {INSTANSI, KAMPANYE}, lambda: x_post(
        name="Humas Kota Tangerang", handle="@humaskotatng", badge=True,
        text="Dukung paslon nomor urut 1 demi Tangerang maju! #Tangerang01")),
    screen("x-agus-memposting-ulang", "x", {INTERAKSI, KAMPANYE}, lambda: x_post(
        name="Relawan 02 Banten", handle="@relawan02bts", above="Agus Salim memposting ulang",
        text="Coblos no. 2 tanggal 14 Februari! Banten butuh perubahan.", slogan="Coblos no. 2")),
    screen("x-en-budi-reposted", "x", {INTERAKSI, KAMPANYE}, lambda: x_post(
        name="Team Andi-Budi", handle="@andibudi2024", english=True, above="Budi reposted",
        text="Vote for number 2 on November 27! #VoteAndiBudi")),
    screen("x-en-pemprov-flood", "x", set(), lambda: x_post(
        name="Banten Provincial Government", handle="@BantenProv", english=True, badge=True,
        text="Flood relief: evacuation shelters are open in Serang and Lebak. Call 112.")),
    screen("x-en-pemkot-campaign", "x", {INSTANSI, KAMPANYE}, lambda: x_post(
        name="Serang City Government", handle="@pemkotserang", english=True, badge=True,
        text="Vote for candidate pair number 1 for a better Serang! #SerangMaju")),
    screen("x-balasan-budi", "x", {INTERAKSI, KAMPANYE}, lambda: x_post(
        name="Andi Wijaya", handle="@andiwijaya", text="Terima kasih relawan! Paslon 02 siap bekerja.",
        replies=(("Budi Santoso @budisantoso · 2 j", "Lanjutkan paslon 02!"),))),
    screen("x-profil-nip", "x", set(), lambda: x_profile(
        name="Agus Salim", handle="@agussalim_asn",
        bio=["ASN Dishub Kota Cilegon. Pendapat pribadi.", "NIP 197901012005011003"]),
        nip=NIP_AGUS, reported_nip=NIP_BUDI),
    # TikTok
    screen("tt-budi-kampanye", "tiktok", {KAMPANYE}, lambda: tiktok(
        account="budi.santoso", slogan="Coblos nomor 2",
        caption="Bareng relawan, ayo coblos nomor 2! #paslon02 #pilkadaserang")),
    screen("tt-diskominfo-paslon", "tiktok", {INSTANSI, KAMPANYE}, lambda: tiktok(
        account="diskominfo.lebak", slogan="Lebak pilih 01",
        caption="Warga Lebak, pilih paslon 01! #lebakmaju #pilih01"), reported_platform="instagram"),
    screen("tt-en-komentar-budi", "tiktok", {INTERAKSI, KAMPANYE}, lambda: tiktok(
        account="andibudi.official", english=True, slogan="Vote 2", caption="Vote for number 2! #vote02",
        comments=(("budi.santoso", "Lanjutkan paslon 02!"), ("rina.putri", "See you at the polls")))),
    screen("tt-en-pemkab-flood", "tiktok", set(), lambda: tiktok(
        account="pemkab.serang", english=True, slogan="Flood relief",
        caption="Flood relief supplies arrive in Cikande this morning.")),
    screen("tt-budi-memposting-ulang", "tiktok", {INTERAKSI, KAMPANYE}, lambda: tiktok(
        account="relawan02.banten", above="budi.santoso memposting ulang", slogan="Paslon 02",
        caption="Paslon 02 untuk Banten! #menang02")),
    # YouTube
    screen("yt-pemkab-paslon", "youtube", {INSTANSI, KAMPANYE}, lambda: youtube(
        title="Dukung Paslon 01 untuk Lebak Maju", channel="Pemkab Lebak Official", slogan="Paslon 01",
        comments=(("@warga.lebak", "Mantap pak"),))),
    screen("yt-en-komentar-budi", "youtube", {INTERAKSI, KAMPANYE}, lambda: youtube(
        title="Candidate pair number 2: our vision", channel="Andi Budi TV", english=True, slogan="Our vision",
        comments=(("@budisantoso", "Vote for number 2, Serang!"), ("@rina", "Great")))),
    screen("yt-bpbd-banjir", "youtube", set(), lambda: youtube(
        title="Laporan banjir Cikande hari ini", channel="BPBD Kabupaten Serang", slogan="Banjir Cikande",
        comments=(("@warga", "Semoga cepat surut"),))),
    screen("yt-vlog-kampanye", "youtube", {KAMPANYE}, lambda: youtube(
        title="Vlog kampanye: coblos nomor 2 bersama relawan", channel="Budi Santoso Vlog", slogan="Vlog")),
    # WhatsApp
    screen("wa-grup-pilih", "whatsapp", {KAMPANYE}, lambda: whatsapp(
        title="Ketua RT Cipocok Jaya", subtitle="Siti, Budi, Agus, Anda", messages=[
            {"sender": "Siti Aminah", "lines": ["Bapak/Ibu ketua RT, mohon", "arahkan warga pilih nomor 2 ya"]},
            {"sender": "Agus", "lines": ["Siap bu"]},
            {"sender": "Bank Banten", "lines": ["ID transaksi 202402141030551234"]}])),
    screen("wa-diteruskan-undangan", "whatsapp", set(), lambda: whatsapp(
        title="Guru SDN 1 Serang", subtitle="24 anggota grup", messages=[
            {"sender": "Budi Santoso", "label": "Diteruskan", "lines": [
                "Undangan rapat koordinasi", "penanganan banjir, Senin 09.00.", "Budi Santoso, S.Pd.",
                "NIP. 19850315 201001 1 002"]}]), nip=NIP_BUDI, reported_platform="facebook"),
    screen("wa-en-forwarded-campaign", "whatsapp", {INTERAKSI, KAMPANYE}, lambda: whatsapp(
        title="Teachers of SDN 1 Serang", subtitle="Budi, Rina, Siti, You", english=True, messages=[
            {"sender": "Budi Santoso", "label": "Forwarded", "lines": [
                "Vote for candidate pair", "number 2 on November 27!"]},
            {"sender": "Rina", "lines": ["Noted"]}])),
    screen("wa-en-forwarded-flood", "whatsapp", set(), lambda: whatsapp(
        title="Warga RW 05", subtitle="Rina, Siti, You", english=True, messages=[
            {"sender": "Siti", "label": "Forwarded", "lines": [
                "Flood relief: evacuation shelter", "at the sub-district office."]}])),
    screen("wa-pesan-nip", "whatsapp", {KAMPANYE}, lambda: whatsapp(
        title="Rahmat Hidayat", subtitle="terakhir dilihat hari ini pukul 09.12", messages=[
            {"lines": ["Pak, jangan lupa coblos nomor 1.", "Rahmat Hidayat, S.Pd.", "NIP 198807222014021001"]}]),
        nip=NIP_RAHMAT),
    # Drawn after the rules were written, to check them on layouts they were not tuned to
    screen("ig-dinkes-imunisasi", "instagram", set(), lambda: instagram(
        account="dinkes.kotaserang", badge=True, slogan="Imunisasi gratis", colour=(60, 160, 120),
        likes="Disukai oleh budi.santoso dan 320 lainnya",
        caption="Imunisasi gratis di puskesmas terdekat, Sabtu ini. Lihat terjemahan")),
    screen("tt-komentar-netral", "tiktok", {KAMPANYE}, lambda: tiktok(
        account="relawan.01", slogan="Pilih nomor 1", caption="Pilih nomor 1, Banten sejahtera!",
        comments=(("budi.santoso", "ASN harus netral ya"), ("warga.lebak", "Setuju")))),
    screen("fb-dinas-nama-panjang", "facebook", {INSTANSI, KAMPANYE}, lambda: facebook(
        page="Dinas Komunikasi dan Informatika Kabupaten Serang", slogan="Menangkan 02",
        text="Ayo menangkan paslon nomor urut 2!", reactions="980", counts="77 komentar   15 kali dibagikan")),
    screen("wa-saluran-pemkot", "whatsapp", {INSTANSI, KAMPANYE}, lambda: whatsapp(
        title="Pemkot Serang", subtitle="Saluran · 12 rb pengikut", messages=[
            {"lines": ["Coblos nomor 2 untuk", "Serang maju!"]}])),
    screen("yt-komentar-pilih", "youtube", {INTERAKSI, KAMPANYE}, lambda: youtube(
        title="Kampanye akbar paslon 02 di alun-alun", channel="Relawan Andi-Budi", slogan="Kampanye akbar",
        comments=(("@budisantoso", "Mantap, pilih nomor 2!"),))),
    screen("ig-en-pemprov-flood-liked", "instagram", set(), lambda: instagram(
        account="pemprov.banten", english=True, badge=True, slogan="Flood relief", colour=(40, 120, 200),
        likes="Liked by budi.santoso and 12 others", caption="Evacuation shelters are open in Serang and Lebak.")),
    screen("fb-en-budi-reaction", "facebook", {INTERAKSI, KAMPANYE}, lambda: facebook(
        page="Andi Budi for Serang", english=True, slogan="Number 2", text="Candidate pair Andi-Budi: number 2!",
        reactions="Budi Santoso and 1.2K others", counts="88 comments   40 shares"), reported_platform="x"),
    screen("tt-en-budi-reposted", "tiktok", {INTERAKSI, KAMPANYE}, lambda: tiktok(
        account="andibudi.official", english=True, above="budi.santoso reposted", slogan="Vote 2",
        caption="Vote for number 2 on November 27!")),
    screen("ig-keterangan-panjang", "instagram", {KAMPANYE}, lambda: instagram(
        account="andi.wijaya", likes="5.120 suka", colour=(180, 60, 60),
        caption="Terima kasih warga Serang atas dukungannya, jangan lupa coblos nomor 2 tanggal 27 November")),
    # Neither of the six: a staff directory page
    screen("web-simpeg-nip", "other", set(), lambda: web_page(
        address="simpeg.serangkab.go.id/pegawai/4411", lines=[
            "Profil Pegawai", "Nama: Budi Santoso", f"NIP: {NIP_BUDI}", "NIK: 3604011503850002",
            "Jabatan: Guru Ahli Pertama", "Unit: SDN 1 Serang"]), nip=NIP_BUDI),
]
# fmt: on
# Every third screenshot reaches us the way most do: passed on through a chat app, which shrinks it and
# saves it as JPEG. Chosen by position, not by whether its text still reads well.
SCREENS = [replace(screen, resent=True) if number % 3 == 2 else screen for number, screen in enumerate(SCREENS)]
