"""LinkedIn profile addresses: parsed strictly, then rebuilt from the slug alone (no I/O).

Addresses come from strangers: an export's cells, or a database written by an older netinbox. A
browser reads a URL by WHATWG rules (`\\` is `/`, percent-escapes in the host are decoded) and
urllib by RFC 3986 rules, and they disagree about the host of `https://evil.example\\@www.linkedin
.com/in/x`. So an address is never checked and passed on: only its slug is taken, under a grammar
narrow enough that every reader agrees, and the address is built anew from that slug.

The accepted shape:
- scheme `https://` or `http://` (any case), or none at all (`www.linkedin.com/in/x`);
- host `linkedin.com` or an ASCII subdomain of it (`www.`, `de.`, `m.`), no userinfo, no port
  but the scheme's default;
- path `/in/<slug>`, optionally followed by more path (`/`, `/details/experience/`), a query and a
  fragment, all of which are dropped (but no `.` or `..` segment: the page would be another one);
- nowhere a backslash, an `@`, whitespace, a control or format character, or a percent-encoded
  `/`, `\\` or `.`; at most `MAX_INPUT` characters.

The slug, once percent-decoded as UTF-8, lower-cased and put in NFC: 1 to 100 characters
(LinkedIn's upper limit), each a letter of any script, a combining mark, a digit, punctuation or a
symbol (`o'neill`, `ana_silva`, `j.doe`: older and generated slugs hold them, and a person's id is
their slug), with at least one letter or digit, and never `/`, `\\`, `?`, `#`, `@` or `%`. Whatever
it holds, the rebuilt address percent-encodes it, so no slug can reach another host or page.
LinkedIn asks for at least 3 characters today; shorter ones are accepted
because refusing them would change the id of anyone a database already knows by one, and a short
slug cannot lead anywhere but LinkedIn. The decoded slug is the person id (`importers.values`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, unquote

CANONICAL_PREFIX = "https://www.linkedin.com/in/"
MAX_SLUG = 100
MAX_INPUT = 2048  # an export writes ~60 characters; 100 CJK letters percent-encoded are 900

# ASCII-only matching: with re.IGNORECASE alone, `[a-z]` and `i` also match `ı`, `İ`, `ſ` and the
# Kelvin sign, which is exactly how a lookalike host (`linkedın.com`) would slip through.
_FLAGS = re.ASCII | re.IGNORECASE
_URL = re.compile(
    r"(?:(?P<scheme>https?)://)?"
    r"(?P<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*linkedin\.com)"
    r"(?::(?P<port>[0-9]+))?"
    r"/in/(?P<slug>[^/?#]+)"
    r"(?P<rest>/[^?#]*)?"
    r"(?:\?[^#]*)?"
    r"(?:#.*)?",
    _FLAGS,
)
_PLAIN = re.compile(r"https://www\.linkedin\.com/in/([a-z0-9-]{1,100})/?", _FLAGS)
_ENCODED_TRICK = re.compile(r"%(?:2f|5c|2e)", _FLAGS)
_DEFAULT_PORT = {"https": "443", "http": "80"}
_CACHED_LENGTH = 160  # every address an export writes for a slug of up to 100 ASCII characters


@dataclass(frozen=True, slots=True)
class ProfileLink:
    """A profile address reduced to what identifies it."""

    slug: str  # decoded, NFC, lower case: the person id

    @property
    def url(self) -> str:
        return profile_url_for(self.slug)


def profile_url_for(slug: str) -> str:
    """The one address netinbox stores and opens for `slug`: `https://www.linkedin.com/in/<slug>/`,
    every character outside ASCII letters, digits and `-` percent-encoded as UTF-8."""
    return f"{CANONICAL_PREFIX}{quote(slug, safe='-')}/"


def parse_profile_url(text: str) -> ProfileLink | None:
    """The profile `text` points at, or None when it is not plainly a LinkedIn /in/ address."""
    # Cached, as the owner's address alone is on every one of 100,000 message rows; but only
    # ordinary lengths, so that a crafted file of long unique cells cannot fill memory with them.
    if len(text) <= _CACHED_LENGTH:
        return _parse_cached(text)
    return _parse(text)


def _parse(text: str) -> ProfileLink | None:
    plain = _PLAIN.fullmatch(text)
    if plain is not None:  # what every export writes: skip the general checks
        return _link(plain.group(1))
    value = text.strip()
    if not value or len(value) > MAX_INPUT or not _safe_characters(value):
        return None
    if _ENCODED_TRICK.search(value):
        return None
    match = _URL.fullmatch(value)
    if match is None:
        return None
    scheme, port, rest = match.group("scheme"), match.group("port"), match.group("rest")
    if port is not None and (scheme is None or _DEFAULT_PORT[scheme.lower()] != port):
        return None
    if rest and any(segment in (".", "..") for segment in rest.split("/")):
        return None
    try:
        slug = unquote(match.group("slug"), errors="strict")
    except UnicodeDecodeError:
        return None
    return _link(slug)


_parse_cached = lru_cache(maxsize=100_000)(_parse)


def canonical_profile_url(text: str) -> str | None:
    """`text` rebuilt as `https://www.linkedin.com/in/<slug>/`, or None when it does not parse."""
    link = parse_profile_url(text)
    return None if link is None else link.url


def listed_profile_url(text: str) -> str:
    """The address a list, an export or the demo carries for `text`: rebuilt, or "" (a stored
    address that does not parse, from an older netinbox, goes no further)."""
    return canonical_profile_url(text) or ""


def _safe_characters(value: str) -> bool:
    # No whitespace (Z*), no control, format (zero-width, bidi), surrogate, private or unassigned
    # character (C*): none belongs in an address, and each is a way to make two readers disagree.
    if "\\" in value or "@" in value:
        return False
    if value.isascii():
        return value.isprintable() and " " not in value
    return all(unicodedata.category(c)[0] not in "CZ" for c in value)


def _link(slug: str) -> ProfileLink | None:
    # NFC again after lower-casing: `J` + caron has no upper-case composed form but `ǰ` has, and
    # without it the rebuilt address would parse to a different id than the one it came from.
    slug = unicodedata.normalize("NFC", unicodedata.normalize("NFC", slug).lower())
    if not 1 <= len(slug) <= MAX_SLUG:
        return None
    plain = slug.isascii() and slug.replace("-", "").isalnum()  # the common case, quickly
    if not plain and not all(_slug_character(c) for c in slug):
        return None
    if not any(c.isalnum() for c in slug):  # "---", ".", "..": no one's name
        return None
    return ProfileLink(slug)


_NEVER_IN_SLUG = frozenset("/\\?#@%")


def _slug_character(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMNPS" and char not in _NEVER_IN_SLUG
