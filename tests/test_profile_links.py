"""Profile addresses: parsed strictly, rebuilt from the slug, and only the rebuilt form is kept."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netinbox.cli import main
from netinbox.importers import import_export
from netinbox.importers.values import profile_id
from netinbox.profile_links import (
    CANONICAL_PREFIX,
    MAX_SLUG,
    ProfileLink,
    canonical_profile_url,
    parse_profile_url,
    profile_url_for,
)
from netinbox.services import Context
from netinbox.services.demo import load_demo

HOSTILE = [
    # The host a browser resolves is not LinkedIn's.
    "https://evil.example\\@www.linkedin.com/in/someone",  # WHATWG: `\` is `/`, host evil.example
    "https://evil.example\\.linkedin.com/in/x",
    "https://www.linkedin.com\\@evil.example/in/x",
    "https://www.linkedin.com.evil.example/in/x",
    "https://evil.example/www.linkedin.com/in/x",
    "https://evil.example/?u=https://www.linkedin.com/in/x",
    "https://evillinkedin.com/in/x",
    "https://user:pw@www.linkedin.com/in/x",
    "https://@www.linkedin.com/in/x",
    "https://www.linkedin.com@evil.example/in/x",
    "https://www.linkedin.com%2f@evil.example/in/x",
    "https://www.linked%69n.com/in/x",  # WHATWG decodes escapes in a host
    "https://www.linkedın.com/in/x",  # dotless ı: an IDN lookalike
    "https://www.lınkedin.com/in/x",
    "https://www.linkedin.com\u3002evil.example/in/x",  # ideographic full stop
    "https://xn--linkedn-m4a.com/in/x",  # the lookalike's punycode
    "https://www.linkedin.com./in/x",
    "https://www.linkedin.com:8080/in/x",
    "http://www.linkedin.com:443/in/x",
    "https://www.linkedin.com:/in/x",
    "//www.linkedin.com/in/x",
    "https:/www.linkedin.com/in/x",
    "https:\\\\www.linkedin.com/in/x",
    # Other schemes.
    "javascript:alert(1)//www.linkedin.com/in/x",
    "javascript://www.linkedin.com/in/x%0aalert(1)",
    "file://www.linkedin.com/in/x",
    "ftp://www.linkedin.com/in/x",
    "data:text/html,https://www.linkedin.com/in/x",
    # Paths that lead elsewhere on LinkedIn, or nowhere.
    "https://www.linkedin.com/in/../../x",
    "https://www.linkedin.com/in/./x",
    "https://www.linkedin.com/in/x/../../company/y",
    "https://www.linkedin.com/in/%2e%2e/x",
    "https://www.linkedin.com/in/%2E%2E%2Fcompany%2Fy",
    "https://www.linkedin.com/in/a%2Fb",
    "https://www.linkedin.com/in/a%5Cb",
    "https://www.linkedin.com/in/a%252Fb",
    "https://www.linkedin.com/in/%ZZ",
    "https://www.linkedin.com/in/%C3",  # a cut UTF-8 sequence
    "https://www.linkedin.com/in/%00x",
    "https://www.linkedin.com/in/---",
    "https://www.linkedin.com/in/",
    "https://www.linkedin.com/in",
    "https://www.linkedin.com//in/x",
    "https://www.linkedin.com/company/x",
    "https://www.linkedin.com/pub/ana-silva/12/345/678",
    "https://www.linkedin.com/profile/view?id=123456",
    "https://www.linkedin.com/in/" + "a" * 10_000,
    "https://www.linkedin.com/in/" + "a" * (MAX_SLUG + 1),
    "https://www.linkedin.com/in/x?" + "a" * 10_000,
    # Whitespace, controls and invisible characters inside.
    "https://www.linkedin.com/in/a\tb",
    "https://www.linkedin.com/in/a\nb",
    "https://www.linkedin.com/in/x\n.evil.example",
    "https://www.linked\tin.com/in/x",
    "https://www.linkedin.com/in/a b",
    "https://www.linkedin.com/in/x\u200b",
    "https://www.linkedin.com/in/x\u202egnp.exe",
    "https://www.linkedin.com/in/x\x1b[2J",
    "https://www.linkedin.com/in/a\u00a0b",
    "urn:li:member:123456789",
    "ana-silva",
    "",
    "   ",
]

GOOD = [
    ("https://www.linkedin.com/in/ana-silva-1a2b3c4d", "ana-silva-1a2b3c4d"),
    ("https://www.linkedin.com/in/ana-silva-1a2b3c4d/", "ana-silva-1a2b3c4d"),
    ("https://www.linkedin.com/in/Ana-Silva/?trk=public_profile", "ana-silva"),
    # Slugs with punctuation, as generated or old ones have: kept, the id stays the slug.
    ("https://www.linkedin.com/in/mateo-o%27neill-00000177", "mateo-o'neill-00000177"),
    ("https://www.linkedin.com/in/a.b", "a.b"),
    ("https://www.linkedin.com/in/a_b", "a_b"),
    ("https://www.linkedin.com/in/a+b", "a+b"),
    ("https://www.linkedin.com/in/ana/details/experience/", "ana"),
    ("https://www.linkedin.com/in/ana/recent-activity/all/#main", "ana"),
    ("https://www.linkedin.com/in/ana?originalSubdomain=de", "ana"),
    ("https://de.linkedin.com/in/ana", "ana"),
    ("https://uk.linkedin.com/in/ana", "ana"),
    ("https://m.linkedin.com/in/ana", "ana"),
    ("https://mobile.linkedin.com/in/ana", "ana"),
    ("https://linkedin.com/in/ana", "ana"),
    ("http://linkedin.com/in/ana", "ana"),
    ("HTTPS://WWW.LINKEDIN.COM/IN/ANA", "ana"),
    ("https://www.linkedin.com:443/in/ana", "ana"),
    ("http://www.linkedin.com:80/in/ana", "ana"),
    ("www.linkedin.com/in/ana", "ana"),
    ("linkedin.com/in/ana", "ana"),
    ("  https://www.linkedin.com/in/ana  ", "ana"),
    ("https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa", "josé-garcía"),
    ("https://www.linkedin.com/in/jos%c3%a9-garc%c3%ada", "josé-garcía"),
    ("https://www.linkedin.com/in/J%C3%BCrgen-M%C3%BCller", "jürgen-müller"),
    ("https://www.linkedin.com/in/jürgen-müller", "jürgen-müller"),  # as a browser shows it
    ("https://www.linkedin.com/in/jo%CC%88rg", "jörg"),  # decomposed: NFC
    ("https://cn.linkedin.com/in/%E7%8E%8B%E5%B0%8F%E6%98%8E-12345", "王小明-12345"),
    ("https://www.linkedin.com/in/%D9%85%D8%AD%D9%85%D8%AF", "محمد"),
    ("https://www.linkedin.com/in/%E0%A4%B0%E0%A4%BE%E0%A4%B9%E0%A5%81%E0%A4%B2", "राहुल"),
    ("https://www.linkedin.com/in/x", "x"),
    ("https://www.linkedin.com/in/" + "a" * MAX_SLUG, "a" * MAX_SLUG),
]


@pytest.mark.parametrize("text", HOSTILE)
def test_an_address_that_is_not_plainly_a_linkedin_profile_does_not_parse(text: str) -> None:
    assert parse_profile_url(text) is None
    assert canonical_profile_url(text) is None
    assert profile_id(text) == ""  # the importer's ids come from the same parser


@pytest.mark.parametrize(("text", "slug"), GOOD)
def test_a_profile_address_is_rebuilt_from_its_slug(text: str, slug: str) -> None:
    link = parse_profile_url(text)
    assert link == ProfileLink(slug)
    assert link.url == canonical_profile_url(text) == profile_url_for(slug)
    assert profile_id(text) == slug
    assert parse_profile_url(link.url) == link  # the rebuilt address names the same person


def test_the_rebuilt_address_is_percent_encoded_utf8_with_a_trailing_slash() -> None:
    assert canonical_profile_url("https://de.linkedin.com/in/Jos%C3%A9-Garc%C3%ADa?trk=x") == (
        "https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa/"
    )
    assert canonical_profile_url("http://linkedin.com/in/%E7%8E%8B") == (
        "https://www.linkedin.com/in/%E7%8E%8B/"
    )


def _hosts(url: str) -> set[str | None]:
    """The host as urllib reads `url`, and as a browser does (WHATWG: `\\` is `/` in http(s))."""
    return {urlsplit(url).hostname, urlsplit(url.replace("\\", "/")).hostname}


ADDRESS_PARTS = st.tuples(
    st.sampled_from(["", "https://", "http://", "HTTPS://", "javascript:", "//", "https:\\\\"]),
    st.sampled_from(
        ["www.linkedin.com", "linkedin.com", "de.linkedin.com", "evil.example", "a@b",
         "www.linkedin.com.evil.example", "evil.example\\@www.linkedin.com", "www.linkedın.com"]
    ),
    st.sampled_from(["", ":443", ":80", ":8080", "@evil.example", "\\"]),
    st.sampled_from(["/in/", "/IN/", "/pub/", "/in//", "\\in\\"]),
    st.text(max_size=40),
    st.sampled_from(["", "/", "/details/", "?trk=x", "#x", "/../company/y", "\\@evil.example"]),
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=200), ADDRESS_PARTS.map("".join)))
def test_any_text_parses_to_nothing_or_to_a_linkedin_profile(text: str) -> None:
    url = canonical_profile_url(text)  # never raises
    if url is None:
        assert profile_id(text) == ""
        return
    assert url.startswith(CANONICAL_PREFIX) and url.endswith("/")
    assert url.isascii() and url.isprintable()
    assert _hosts(url) == {"www.linkedin.com"}
    assert urlsplit(url).path.count("/") == 3  # /in/<slug>/: nothing else
    assert canonical_profile_url(url) == url
    assert parse_profile_url(url).slug == profile_id(text)
    # What was accepted was itself unambiguous: every reader finds a LinkedIn host in it.
    accepted = text.strip()
    with_scheme = accepted if accepted.lower().startswith("http") else "https://" + accepted
    assert all(h == "linkedin.com" or h.endswith(".linkedin.com") for h in _hosts(with_scheme))


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        st.characters(categories=("L", "M", "Nd"), include_characters="-"),
        min_size=1,
        max_size=MAX_SLUG // 2,
    )
)
def test_any_slug_of_letters_digits_and_hyphens_survives_the_round_trip(slug: str) -> None:
    link = parse_profile_url(profile_url_for(slug))
    if link is None:  # all hyphens, or longer than the limit once lower-cased
        return
    assert parse_profile_url(link.url) == link
    assert parse_profile_url(CANONICAL_PREFIX + slug) == link  # unencoded, as a browser shows it


# -- only rebuilt addresses are stored, exported and listed ----------------------------------------

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ana,Silva,https://de.linkedin.com/in/Ana-Silva/?trk=x,,Acme,CTO,05 Mar 2024\n"
    '"Eve","Mallory","https://evil.example\\@www.linkedin.com/in/someone",,Evil,CEO,06 Mar 2024\n'
)


def _run(capsys: pytest.CaptureFixture[str], *argv: object) -> list[dict]:
    assert main([str(a) for a in argv]) == 0
    return json.loads(capsys.readouterr().out)


def test_exports_and_list_json_carry_only_rebuilt_addresses(
    ctx: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "Connections.csv"
    export.write_text(CONNECTIONS, encoding="utf-8")
    import_export(ctx, export)
    db = ctx.store.path
    ctx.store.close()
    for rows in (
        _run(capsys, "--db", db, "list", "people", "--json"),
        _run(capsys, "--db", db, "export", "people", "--format", "json"),
    ):
        urls = {row["name"]: row["profile_url"] for row in rows}
        assert urls == {"Ana Silva": "https://www.linkedin.com/in/ana-silva/", "Eve Mallory": ""}


def test_the_demo_stores_rebuilt_addresses(ctx: Context) -> None:
    load_demo(ctx)
    urls = [p.profile_url for p in ctx.store.people() if p.profile_url]
    assert len(urls) > 50
    assert all(canonical_profile_url(u) == u for u in urls)


def test_the_demo_drops_an_address_that_does_not_parse(ctx: Context, tmp_path: Path) -> None:
    from netinbox.services.demo import demo_file

    data = json.loads(demo_file().read_text(encoding="utf-8"))
    data["people"][0]["profile_url"] = "https://evil.example\\@www.linkedin.com/in/someone"
    data["people"][1]["profile_url"] = "https://www.linkedin.com/in/Ana-Silva?trk=x"
    crafted = tmp_path / "demo.json"
    crafted.write_text(json.dumps(data), encoding="utf-8")
    load_demo(ctx, crafted)
    assert ctx.store.person(data["people"][0]["id"]).profile_url == ""
    assert ctx.store.person(data["people"][1]["id"]).profile_url == (
        "https://www.linkedin.com/in/ana-silva/"
    )
