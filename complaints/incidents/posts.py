"""The canonical key of a reported post, so that the many links citizens paste for one post group
into one incident.

A viral post arrives as a dozen links: with or without a scheme, through `m.`, `www.` or `web.`,
with tracking parameters, with a username in the path or without, wrapped in a Facebook, Instagram
or Google redirector. Only the post's id names the post, so the key is the platform and that id.
This is string work alone: nothing is fetched, so a short link whose target only the network knows
(t.co, bit.ly) has no key, and the short links of TikTok and Facebook are keyed by their own code.

Keys, with the links that give them:
    instagram:<shortcode>    /p/, /reel/, /reels/, /tv/ <code>, also after a username
    instagram:story:<id>     /stories/<user>/<id>
    x:<id>                   /<user>/status/<id>, /i/web/status/<id>
    tiktok:<id>              /@<user>/video/<id>, /photo/<id>, /v/<id>.html, /embed/, ?item_id=
    tiktok:short:<code>      vm.tiktok.com/<code>, vt.tiktok.com/<code>, tiktok.com/t/<code>
    facebook:<id>            /<page>/posts|videos|photos/, /groups/<g>/posts/, permalink.php,
                             story.php, photo.php, /photo/, /watch/, video.php, /reel/
    facebook:share:<code>    /share/p|r|v/<code>, /share/<code>
    facebook:watch:<code>    fb.watch/<code>
    facebook:story:<id>      /stories/<page>/<id>
    youtube:<id>             watch?v=, youtu.be/, /shorts/, /embed/, /live/, /v/
"""

import re
from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import parse_qs, unquote, urlsplit

MAX_URL_CHARS = 2000  # a pasted link is far shorter; refusing more bounds the work on hostile input
MAX_UNWRAPS = 3  # real share links nest a redirector a level or two deep; a longer chain is not one

# What a link picks up from the sentence it was pasted in: brackets, quotes, a full stop.
_LEADING_JUNK = "<([{\"'\u201c\u2018\u00ab"
_TRAILING_JUNK = ">)]}\"'\u201d\u2019\u00bb.,;:!?"
# Invisible marks that chat apps leave in copied text; str.split() does not count them as spaces.
_INVISIBLE = dict.fromkeys([*range(0x200B, 0x2010), 0x2060, 0xFEFF])
_LINK_START = re.compile(r"https?://", re.IGNORECASE)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_GOOGLE = re.compile(r"(?:.+\.)?google\.[a-z]{2,3}(?:\.[a-z]{2})?")

# What an id may be, per kind: ASCII only (hence [0-9], not \d) and bounded, so a key stays short.
_NUMBER = re.compile(r"[0-9]{1,25}")
_SHORTCODE = re.compile(r"[A-Za-z0-9_-]{1,80}")
_TOKEN = re.compile(r"[A-Za-z0-9]{1,100}")  # Facebook ids and pfbid tokens, share and short codes
_FACEBOOK_STORY = re.compile(r"[A-Za-z0-9_=+-]{1,100}")  # numeric, or base64 with its padding
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_NOT_YOUTUBE_IDS = {"videoseries", "live_stream"}  # eleven characters too: playlist and channel embeds


class _Link(NamedTuple):
    host: str  # lower case, without port or trailing dot
    segments: tuple[str, ...]  # the percent-decoded path's non-empty parts, case kept for the ids
    query: str
    fragment: str

    def seg(self, index: int) -> str:
        """Return the path part at `index`, or "" when the path is shorter."""
        return self.segments[index] if index < len(self.segments) else ""

    def word(self, index: int) -> str:
        """Return the path part at `index` in lower case, to compare with a keyword."""
        return self.seg(index).lower()

    def param(self, name: str) -> str:
        """Return the first value of the query parameter `name`, or ""."""
        return parse_qs(self.query).get(name, [""])[0].strip()


def post_key(url: str, platform: str = "") -> str:
    """Return the canonical key of the post `url` points to ("instagram:CODE", "x:123", ...), or ""
    when it names no post we recognise: a profile, a search, a short link only the network could
    resolve, an unknown site, garbage.

    `url` may be pasted text: the first link in it that has a key gives the key. `platform` is the
    reporter's claim and is not used: the host decides, and a claim cannot make a profile a post.
    """
    if len(url) > MAX_URL_CHARS:
        return ""
    for word in url.translate(_INVISIBLE).split():
        key = _key(_trimmed(word), unwraps=0)
        if key:
            return key
    return ""


def _trimmed(word: str) -> str:
    """Return the link in `word` without the text glued before it or the punctuation after it."""
    start = _LINK_START.search(word)
    if start and "/" not in word[: start.start()]:
        word = word[start.start() :]
    return word.lstrip(_LEADING_JUNK).rstrip(_TRAILING_JUNK)


def _key(text: str, unwraps: int) -> str:
    """Return the key of the link `text`, after unwrapping at most MAX_UNWRAPS redirectors."""
    link = _parsed(text)
    if link is None:
        return ""
    target = _redirect_target(link)
    if target is not None:
        return _key(target, unwraps + 1) if unwraps < MAX_UNWRAPS else ""
    for domains, key_of in _PLATFORMS:
        if any(_within(link.host, domain) for domain in domains):
            return key_of(link)
    return ""


def _parsed(text: str) -> _Link | None:
    """Return `text` as a link, https:// assumed when it has no scheme, or None when it is not an
    http(s) link with a host."""
    text = text.strip()
    if text.startswith("//"):
        text = "https:" + text
    elif not _SCHEME.match(text):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:  # an unbalanced IPv6 bracket, or a host that NFKC normalisation would change
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    segments = tuple(part for part in unquote(parts.path).split("/") if part)
    return _Link(host.rstrip("."), segments, parts.query, parts.fragment)


def _within(host: str, domain: str) -> bool:
    """Return whether `host` is `domain` or one of its subdomains."""
    return host == domain or host.endswith("." + domain)


def _redirect_target(link: _Link) -> str | None:
    """Return the link a redirector carries in its own URL, or None when `link` is no redirector.

    Facebook's and Instagram's outbound redirectors carry it in `u`, Google's search redirector in
    `q` (or `url`), Google's AMP viewer and the AMP cache in the path.
    """
    if link.host in ("l.facebook.com", "lm.facebook.com", "l.instagram.com"):
        return link.param("u")
    if _GOOGLE.fullmatch(link.host) and link.word(0) == "url":
        return link.param("q") or link.param("url")
    if _GOOGLE.fullmatch(link.host) and link.word(0) == "amp":
        return _amp_target(link)
    if link.host.endswith(".cdn.ampproject.org") and link.word(0) in ("c", "v"):
        return _amp_target(link)
    return None


def _amp_target(link: _Link) -> str:
    """Return the page an AMP link shows: the path after its first part, `s/` meaning https."""
    rest = link.segments[1:]
    scheme = "http://"
    if rest[:1] == ("s",):
        scheme, rest = "https://", rest[1:]
    query = f"?{link.query}" if link.query else ""
    return scheme + "/".join(rest) + query


def _keyed(prefix: str, value: str, pattern: re.Pattern[str]) -> str:
    """Return `prefix` and `value` when `value` is an id of the expected shape, else ""."""
    return prefix + value if pattern.fullmatch(value) else ""


def _instagram(link: _Link) -> str:
    """Key an Instagram post, reel or story. Posts and reels share one space of shortcodes: the
    same code is the same media, whichever path shows it."""
    if link.word(0) == "stories":
        # A highlight is an album of stories, not one post.
        return "" if link.word(1) == "highlights" else _keyed("instagram:story:", link.seg(2), _NUMBER)
    if link.word(0) in ("p", "reel", "tv") or (link.word(0) == "reels" and link.word(1) != "audio"):
        return _keyed("instagram:", link.seg(1), _SHORTCODE)
    if link.word(1) in ("p", "reel", "tv"):
        return _keyed("instagram:", link.seg(2), _SHORTCODE)
    return ""


def _x(link: _Link) -> str:
    """Key a post on X (Twitter). Its id is global: the username in the path is ignored."""
    if not link.segments and link.fragment.startswith("!/"):
        # twitter.com/#!/<user>/status/<id>: links from before 2012 keep the path in the fragment.
        link = _parsed(link.host + link.fragment[1:]) or link
    if (link.word(0), link.word(1), link.word(2)) == ("i", "web", "status"):
        return _keyed("x:", link.seg(3), _NUMBER)
    if link.word(1) in ("status", "statuses"):
        return _keyed("x:", link.seg(2), _NUMBER)
    return ""


def _tiktok(link: _Link) -> str:
    """Key a TikTok video or photo post, or a short link by its own code (its target is only
    known to TikTok's servers)."""
    if link.host in ("vm.tiktok.com", "vt.tiktok.com") and _TOKEN.fullmatch(link.seg(0)):
        return "tiktok:short:" + link.seg(0)
    if link.word(0) == "t":
        return _keyed("tiktok:short:", link.seg(1), _TOKEN)
    if link.word(1) in ("video", "photo"):  # /@<user>/video/<id>, and the older /share/video/<id>
        number = link.seg(2)
    elif link.word(0) == "v":
        number = link.seg(1).removesuffix(".html")
    elif link.word(0) == "embed":
        number = link.seg(2) if link.word(1) == "v2" else link.seg(1)
    elif (link.word(0), link.word(1)) == ("player", "v1"):
        number = link.seg(2)
    else:
        number = link.param("item_id") or link.param("share_item_id")
    return _keyed("tiktok:", number, _NUMBER)


def _facebook(link: _Link) -> str:
    """Key a Facebook post, video, photo, reel or story by its own id, the page or group ignored."""
    if _within(link.host, "fb.watch"):
        return _keyed("facebook:watch:", link.seg(0), _TOKEN)
    first = link.word(0)
    if first in ("permalink.php", "story.php"):
        return _keyed("facebook:", link.param("story_fbid"), _TOKEN)
    if first in ("photo.php", "photo"):
        return _keyed("facebook:", link.param("fbid"), _TOKEN)
    if first in ("watch", "video.php"):
        return _keyed("facebook:", link.param("v"), _TOKEN)
    if first == "reel":
        return _keyed("facebook:", link.seg(1), _TOKEN)
    if first == "share":
        code = link.seg(2) if link.word(1) in ("p", "r", "v") else link.seg(1)
        return _keyed("facebook:share:", code, _TOKEN)
    if first == "stories":
        return _keyed("facebook:story:", link.seg(2), _FACEBOOK_STORY)
    if first == "groups" and link.word(2) in ("posts", "permalink"):
        return _keyed("facebook:", link.seg(3), _TOKEN)
    if link.word(1) == "posts":
        return _keyed("facebook:", link.seg(2), _TOKEN)
    if link.word(1) in ("videos", "photos"):
        # /<page>/videos/<id>, also /<page>/videos/<title>/<id> and /<page>/photos/a.<album>/<id>
        number = next((part for part in link.segments[2:] if _NUMBER.fullmatch(part)), "")
        return _keyed("facebook:", number, _NUMBER)
    return ""


def _youtube(link: _Link) -> str:
    """Key a YouTube video, short or live stream by its eleven-character id."""
    if _within(link.host, "youtu.be"):
        video = link.seg(0)
    elif link.word(0) == "watch":
        video = link.param("v")
    elif link.word(0) in ("shorts", "embed", "live", "v"):
        video = link.seg(1)
    else:
        return ""
    return "" if video.lower() in _NOT_YOUTUBE_IDS else _keyed("youtube:", video, _YOUTUBE_ID)


_PLATFORMS: tuple[tuple[tuple[str, ...], Callable[[_Link], str]], ...] = (
    (("instagram.com", "instagr.am"), _instagram),
    (("x.com", "twitter.com", "fxtwitter.com", "vxtwitter.com", "fixupx.com", "fixvx.com"), _x),
    (("tiktok.com",), _tiktok),
    (("facebook.com", "fb.com", "fb.watch"), _facebook),
    (("youtube.com", "youtu.be", "youtube-nocookie.com"), _youtube),
)
