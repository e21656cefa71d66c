"""post_key: the links citizens paste for one post share one key, other posts have other keys, and
what names no post (a profile, a search, an unresolvable short link, garbage) has none."""

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaints.incidents.posts import MAX_URL_CHARS, post_key

# Each post, with the key it must have and the variants of its link seen on a viral day.
POSTS = {
    "instagram:C2xYz_AB-9q": [
        "https://www.instagram.com/p/C2xYz_AB-9q/",
        "instagram.com/p/C2xYz_AB-9q",
        "HTTPS://WWW.INSTAGRAM.COM/p/C2xYz_AB-9q/?igsh=MWd0cWx4ZzZ3&utm_source=ig_web_copy_link",
        "http://m.instagram.com/reel/C2xYz_AB-9q/?igshid=abc#comments",
        "https://www.instagram.com/reels/C2xYz_AB-9q/",
        "https://instagram.com/tv/C2xYz_AB-9q",
        "https://www.instagram.com/pemkot.contoh/p/C2xYz_AB-9q/",
        "https://www.instagram.com/pemkot.contoh/reel/C2xYz_AB-9q/?img_index=2",
        "https://instagr.am/p/C2xYz_AB-9q/",
        "  https://www.instagram.com/p/C2xYz_AB-9q/embed/captioned/  ",
        "//www.instagram.com/p/C2xYz_AB-9q",
        "https://l.instagram.com/?u=https%3A%2F%2Fwww.instagram.com%2Fp%2FC2xYz_AB-9q%2F&e=AT1",
    ],
    "instagram:c2xyz_ab-9q": ["https://www.instagram.com/p/c2xyz_ab-9q/"],
    "instagram:story:3312345678901234567": [
        "https://www.instagram.com/stories/bupati.contoh/3312345678901234567/?utm_source=ig_story_item_share",
        "instagram.com/stories/bupati.contoh/3312345678901234567",
    ],
    "x:1750123456789012345": [
        "https://x.com/camat_contoh/status/1750123456789012345",
        "https://twitter.com/camat_contoh/status/1750123456789012345?s=20&t=AbCdEf",
        "https://mobile.twitter.com/camat_contoh/status/1750123456789012345",
        "twitter.com/Someone_Else/statuses/1750123456789012345/",
        "https://x.com/i/web/status/1750123456789012345",
        "https://x.com/i/status/1750123456789012345",
        "https://x.com/camat_contoh/status/1750123456789012345/photo/1",
        "https://twitter.com/camat_contoh/status/1750123456789012345/video/1",
        "https://fxtwitter.com/camat_contoh/status/1750123456789012345",
        "https://vxtwitter.com/camat_contoh/status/1750123456789012345",
        "https://fixupx.com/camat_contoh/status/1750123456789012345",
        "https://twitter.com/#!/camat_contoh/status/1750123456789012345",
    ],
    "x:1750123456789012346": ["https://x.com/camat_contoh/status/1750123456789012346"],
    "tiktok:7329876543210987654": [
        "https://www.tiktok.com/@lurah.contoh/video/7329876543210987654",
        "https://www.tiktok.com/@lurah.contoh/video/7329876543210987654?is_from_webapp=1&sender_device=pc",
        "tiktok.com/@someone/video/7329876543210987654/",
        "https://www.tiktok.com/%40lurah.contoh/video/7329876543210987654",
        "https://www.tiktok.com/@lurah.contoh/photo/7329876543210987654",
        "https://m.tiktok.com/v/7329876543210987654.html",
        "https://www.tiktok.com/embed/v2/7329876543210987654",
        "https://www.tiktok.com/embed/7329876543210987654",
        "https://www.tiktok.com/player/v1/7329876543210987654",
        "https://www.tiktok.com/@lurah.contoh?item_id=7329876543210987654",
        "https://m.tiktok.com/share?share_item_id=7329876543210987654",
    ],
    "tiktok:short:ZMabc123X": [
        "https://vm.tiktok.com/ZMabc123X/",
        "vm.tiktok.com/ZMabc123X",
        "https://vt.tiktok.com/ZMabc123X/?si=x",
        "https://www.tiktok.com/t/ZMabc123X/",
    ],
    "facebook:pfbid02AbCdEfGh123": [
        "https://www.facebook.com/pemkab.contoh/posts/pfbid02AbCdEfGh123",
        "https://m.facebook.com/pemkab.contoh/posts/pfbid02AbCdEfGh123/?mibextid=abc",
        "https://web.facebook.com/100012345678/posts/pfbid02AbCdEfGh123?_rdc=1&_rdr",
        "https://mbasic.facebook.com/story.php?story_fbid=pfbid02AbCdEfGh123&id=100012345678",
        "https://www.facebook.com/permalink.php?story_fbid=pfbid02AbCdEfGh123&id=100012345678",
        "https://fb.com/pemkab.contoh/posts/pfbid02AbCdEfGh123",
        "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.facebook.com%2Fpemkab.contoh%2Fposts%2Fpfbid02AbCdEfGh123&h=AT0",
    ],
    "facebook:987654321012345": [
        "https://www.facebook.com/pemkab.contoh/posts/987654321012345/",
        "https://www.facebook.com/pemkab.contoh/videos/987654321012345/",
        "https://www.facebook.com/pemkab.contoh/videos/pidato-bupati/987654321012345/",
        "https://www.facebook.com/pemkab.contoh/photos/a.111222333/987654321012345/?type=3",
        "https://www.facebook.com/photo.php?fbid=987654321012345&set=a.111",
        "https://www.facebook.com/photo/?fbid=987654321012345&set=a.111",
        "https://www.facebook.com/watch/?v=987654321012345",
        "https://www.facebook.com/watch/live/?v=987654321012345&ref=watch_permalink",
        "https://www.facebook.com/reel/987654321012345?fbclid=IwAR",
        "https://www.facebook.com/groups/asn.contoh/posts/987654321012345/",
        "https://www.facebook.com/groups/123456/permalink/987654321012345/",
    ],
    "facebook:share:1AbCdEfGhJ": [
        "https://www.facebook.com/share/p/1AbCdEfGhJ/",
        "https://www.facebook.com/share/r/1AbCdEfGhJ/?mibextid=xyz",
        "https://www.facebook.com/share/v/1AbCdEfGhJ",
        "https://www.facebook.com/share/1AbCdEfGhJ/",
    ],
    "facebook:watch:aBcD12eF": ["https://fb.watch/aBcD12eF/", "fb.watch/aBcD12eF?mibextid=1"],
    "facebook:story:3456789012345": ["https://www.facebook.com/stories/100012345678/3456789012345/"],
    "youtube:dQw4w9WgXcQ": [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "youtube.com/watch?v=dQw4w9WgXcQ&feature=share&t=42s",
        "https://m.youtube.com/watch?app=desktop&v=dQw4w9WgXcQ",
        "https://music.youtube.com/watch?v=dQw4w9WgXcQ&si=abc",
        "https://youtu.be/dQw4w9WgXcQ?si=AbCdEf",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        "https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com/live/dQw4w9WgXcQ?feature=shared",
        "https://www.youtube.com/v/dQw4w9WgXcQ",
        "https://www.google.com/url?q=https://www.youtube.com/watch%3Fv%3DdQw4w9WgXcQ&sa=D",
        "https://www.google.co.id/amp/s/m.youtube.com/watch%3Fv%3DdQw4w9WgXcQ",
        "https://www-youtube-com.cdn.ampproject.org/c/s/www.youtube.com/shorts/dQw4w9WgXcQ",
    ],
    "youtube:dQw4w9WgXcq": ["https://youtu.be/dQw4w9WgXcq"],
}
VARIANTS = [(url, key) for key, urls in POSTS.items() for url in urls]

PASTED = [
    "Lihat ini https://www.instagram.com/p/C2xYz_AB-9q/ parah",
    "(https://www.instagram.com/p/C2xYz_AB-9q/).",
    "\u201chttps://www.instagram.com/p/C2xYz_AB-9q/\u201d",
    "Link:https://www.instagram.com/p/C2xYz_AB-9q/",
    "https://www.instagram.com/p/C2xYz_AB-9q/\u200e",
    "https://www.instagram.com/explore/ lalu https://www.instagram.com/p/C2xYz_AB-9q/",
]

NOT_POSTS = [
    "",
    "   ",
    "bukan tautan",
    "https://www.instagram.com/bupati.contoh/",
    "https://www.instagram.com/bupati.contoh/reels/",
    "https://www.instagram.com/explore/tags/pemilu/",
    "https://www.instagram.com/reels/audio/123456789/",
    "https://www.instagram.com/stories/highlights/17912345678901234/",
    "https://www.instagram.com/p/",
    "https://x.com/camat_contoh",
    "https://x.com/search?q=pemilu&src=typed_query",
    "https://x.com/camat_contoh/status/abc",
    "https://x.com/hashtag/pemilu",
    "https://t.co/AbCdEf123",
    "https://bit.ly/3xyzAB",
    "https://www.tiktok.com/@lurah.contoh",
    "https://www.tiktok.com/tag/pemilu",
    "https://vm.tiktok.com/",
    "https://www.facebook.com/pemkab.contoh",
    "https://www.facebook.com/pemkab.contoh/posts/",
    "https://www.facebook.com/permalink.php?id=100012345678",
    "https://www.facebook.com/watch/",
    "https://www.facebook.com/events/123456789/",
    "https://www.youtube.com/@pemkabcontoh",
    "https://www.youtube.com/watch?v=short",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ123",
    "https://www.youtube.com/embed/videoseries?list=PL123",
    "https://www.youtube.com/embed/live_stream?channel=UC123",
    "https://youtu.be/",
    "https://wa.me/6281234567890",
    "https://chat.whatsapp.com/AbCdEf123",
    "https://example.com/p/C2xYz_AB-9q/",
    "https://notinstagram.com/p/C2xYz_AB-9q/",
    "https://instagram.com.evil.example/p/C2xYz_AB-9q/",
    "https://box.com/camat_contoh/status/1750123456789012345",
    "ftp://www.instagram.com/p/C2xYz_AB-9q/",
    "javascript:alert(1)",
    "https://[::1/p/C2xYz_AB-9q/",
    "https://x.com/camat_contoh/status/\u0661\u0662\u0663",
    "https://www.google.com/search?q=instagram",
    "https://l.facebook.com/l.php?h=AT0",
]


@pytest.mark.parametrize(("url", "key"), VARIANTS)
def test_every_variant_of_a_link_gives_the_key_of_its_post(url, key):
    assert post_key(url) == key


def test_different_posts_have_different_keys():
    keys = [post_key(urls[0]) for urls in POSTS.values()]
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize("url", NOT_POSTS)
def test_what_names_no_post_has_no_key(url):
    assert post_key(url) == ""


@pytest.mark.parametrize("text", PASTED)
def test_a_link_is_found_in_the_text_it_was_pasted_with(text):
    assert post_key(text) == "instagram:C2xYz_AB-9q"


@pytest.mark.parametrize("platform", ["", "instagram", "facebook", "x", "tiktok", "youtube", "whatsapp", "other"])
def test_the_host_decides_whatever_platform_the_reporter_claimed(platform):
    assert post_key("https://youtu.be/dQw4w9WgXcQ", platform) == "youtube:dQw4w9WgXcQ"
    assert post_key("https://www.instagram.com/bupati.contoh/", platform) == ""


def test_redirectors_are_unwrapped_three_levels_deep_and_no_deeper():
    link = "https://www.instagram.com/p/C2xYz_AB-9q/"
    for _ in range(3):
        link = "https://l.facebook.com/l.php?u=" + quote(link, safe="")
    assert post_key(link) == "instagram:C2xYz_AB-9q"
    assert post_key("https://l.facebook.com/l.php?u=" + quote(link, safe="")) == ""


def test_input_past_the_cap_has_no_key():
    link = "https://www.instagram.com/p/C2xYz_AB-9q/?pad="
    assert post_key(link + "a" * (MAX_URL_CHARS - len(link))) == "instagram:C2xYz_AB-9q"
    assert post_key(link + "a" * (MAX_URL_CHARS - len(link) + 1)) == ""


HOSTS = ["instagram.com", "x.com", "vm.tiktok.com", "tiktok.com", "facebook.com", "fb.watch", "youtu.be"]
HOSTS += ["youtube.com", "l.facebook.com", "l.instagram.com", "www.google.com", "a.cdn.ampproject.org", "["]
link_like = st.builds(
    "{}{}/{}".format,
    st.sampled_from(["", "https://", "//", "http://www."]),
    st.sampled_from(HOSTS),
    st.text(alphabet=st.sampled_from("pstatusvideo/?=&%@#:.[]0123456789AZaz_-\u00a0\u0661 "), max_size=60),
)


@given(st.one_of(st.text(max_size=300), link_like))
def test_any_text_gives_a_short_ascii_key_or_none_and_never_raises(text):
    key = post_key(text)
    assert isinstance(key, str)
    assert key.isascii()
    assert len(key) <= 200
