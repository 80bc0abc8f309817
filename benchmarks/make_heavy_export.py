"""Write a heavy user's LinkedIn export, deterministically: as a ZIP and as its unpacked folder.

30,000 connections, 12,000 invitations, 100,000 messages (~34 MB of CSV), shaped like the real
files described in shared/linkedin-export/FORMAT.md (2025-10 layout): the Connections preamble and
no final newline, blank member rows, names with commas, pronouns, emoji, nickname quotes and
trailing spaces, percent-encoded slugs, quoted `Sent At` values, mostly empty invitation notes,
conversations contiguous and newest first, group chats with comma-joined addresses, LinkedIn Member
and sponsored HTML senders, INBOX/ARCHIVE/SPAM folders, and thank-you notes after connecting.

    python benchmarks/make_heavy_export.py [OUTDIR]     (default: /tmp/netinbox-heavy-export)

Not run by pytest; `import_bench.py` calls it.
"""

from __future__ import annotations

import base64
import csv
import io
import random
import sys
import uuid
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

SEED = 20251020


def _words(text: str) -> list[str]:
    return text.split()


EXPORT_DAY = datetime(2025, 10, 20, 8, 7, tzinfo=UTC)
CONNECTIONS = 30_000
INVITATIONS = 12_000
MESSAGES = 100_000
OWNER = ("Robin", "Castellano", "https://www.linkedin.com/in/robin-castellano-4e7a19b2")
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their connections "
    "to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
FIRST = _words(
    "Amélie Marcus Priya Tomasz Li Robert Sofía Jürgen Oluwaseun Yuki Ethan Gabriel Zoë Dana "
    "Chloé Daniel Hannah Nadia Björn Ravi Valentina Brent Sam Anika Jonas Helena Omar Claire "
    "Isabelle María Kenji Aisha Greta Patrick Mei Lucas Fatima Noah Olga Mateo Ingrid Kwame "
    "Leila Arjun"
)
LAST = _words(
    "Durand-Lefèvre O'Neill Raman Wiśniewski Wei Tanaka García Müller Adeyemi Sato Brooks "
    "Costa Kowalczyk Martin Okafor Schmidt Benali Eriksson Iyer Russo Hollis Whitaker Patel "
    "Weber Novak Farouk Dubois Fournier Fernández Lindqvist Doyle Rahman Nguyen Silva Kim "
    "Haddad Rossi Jansen"
)
COMPANIES = [
    "Quillon Robotics",
    "Pipeline Rocket, LLC",
    "Helix Bio Informatics",
    "Fernhill Bank",
    "Orbital Freight",
    "Tanaka & Sons Consulting",
    "Lumen Health",
    "Nordlicht Energie GmbH",
    "Tidewater Payments",
    "Kaizen Cloud",
    "ShipFast DevTools",
    "Independent",
    "Tulip Data B.V.",
    "",
]
POSITIONS = [
    "Senior Product Designer",
    "Founder | I help SaaS teams book 30+ demos/month",
    "Director of Data Science",
    "Engineering Manager",
    "Head of Platform",
    "Advisor, Fractional CTO",
    "UX Researcher",
    "Site Reliability Engineer",
    "Backend Engineer",
    "Developer Advocate",
    "Account Executive",
    "Freelance Go Developer",
    "Data Engineer",
    "",
]
WORDS = _words(
    "thanks great platform team talk meetup coffee call next week kubernetes migration "
    "preview environments data pipeline happy connect idea question follow up deck notes "
    "infra cost hiring role Berlin conference speaker panel draft review budget quarter "
    "roadmap"
)
SPONSORED = (
    '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%,</p><p>Join us at '
    "<strong>Stackwise Summit</strong> &amp; meet 2,000 engineers.</p><br><ul><li>Talks</li></ul>"
)


class Person:
    __slots__ = ("first", "last", "url", "company", "position", "connected")

    def __init__(self, rng: random.Random, index: int) -> None:
        first = rng.choice(FIRST)
        last = rng.choice(LAST)
        quirk = rng.random()
        if quirk < 0.03:
            last += ", PhD"
        elif quirk < 0.05:
            last += " (She/Her)"
        elif quirk < 0.06:
            last += " 🚀"
        elif quirk < 0.065:
            first = f'{first} "{rng.choice(FIRST)}"'
        elif quirk < 0.07:
            first += " "
        self.first, self.last = first, last
        slug = f"{first.strip()}-{last.split(',')[0].split(' (')[0]}".lower().replace(" ", "-")
        slug = quote(slug.replace('"', "").replace("🚀", "").strip("-"), safe="-")
        self.url = f"https://www.linkedin.com/in/{slug}-{index:08x}"
        self.company = rng.choice(COMPANIES)
        self.position = rng.choice(POSITIONS)
        self.connected: datetime | None = None

    @property
    def name(self) -> str:
        return f"{self.first.strip()} {self.last}"


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    text = " ".join(words).capitalize()
    if rng.random() < 0.3:
        text = text.replace(" ", ", ", 1)
    if rng.random() < 0.2:
        text = text.replace(" ", "  ", 1)  # LinkedIn flattens paragraphs into double spaces
    if rng.random() < 0.05:
        text += ' "quoted" 🙂'
    return text + rng.choice((".", "!", "?", " "))


def _us_time(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    return f"{moment.month}/{moment.day}/{moment:%y}, {hour}:{moment:%M} {half}"


def _conversation_id(rng: random.Random) -> str:
    raw = f"{uuid.UUID(int=rng.getrandbits(128))}_{rng.choice(('010', '100'))}"
    return "2-" + base64.b64encode(raw.encode()).decode()


def _csv(rows: list[list[str]], header: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def build(rng: random.Random) -> dict[str, str]:
    people = [Person(rng, i) for i in range(CONNECTIONS + INVITATIONS)]
    connections = people[:CONNECTIONS]
    span = (EXPORT_DAY - datetime(2012, 1, 1, tzinfo=UTC)).days
    days = sorted((rng.randint(0, span) for _ in connections), reverse=False)
    rows = []
    for person, back in zip(connections, days, strict=True):
        person.connected = (EXPORT_DAY - timedelta(days=back)).replace(hour=0, minute=0)
    for person in connections:
        if rng.random() < 0.015:
            rows.append(["", "", "", "", "", "", f"{person.connected:%d %b %Y}"])
            continue
        email = f"{person.first.strip().lower()}@example.com" if rng.random() < 0.03 else ""
        rows.append(
            [person.first, person.last, person.url, email, person.company, person.position,
             f"{person.connected:%d %b %Y}"]
        )  # fmt: skip
    owner_url = OWNER[2]
    owner_name = f"{OWNER[0]} {OWNER[1]}"
    connections_csv = PREAMBLE + _csv(
        rows,
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
    ).rstrip("\n")

    invitations = []
    recent = [p for p in connections if (EXPORT_DAY - p.connected).days < 300]
    strangers = people[CONNECTIONS:]
    for index in range(INVITATIONS):
        accepted = index % 3 != 0 and recent
        person = rng.choice(recent) if accepted else strangers[index % len(strangers)]
        base = person.connected if accepted else EXPORT_DAY - timedelta(days=rng.randint(0, 300))
        sent = base - timedelta(hours=rng.randint(1, 72), minutes=rng.randint(0, 59))
        incoming = rng.random() < 0.55
        note = _sentence(rng, 8, 40) if rng.random() < 0.06 else ""
        if incoming:
            row = [person.name, owner_name, _us_time(sent), note, "INCOMING", person.url, owner_url]
        else:
            row = [owner_name, person.name, _us_time(sent), note, "OUTGOING", owner_url, person.url]
        invitations.append((sent, row))
    invitations.sort(key=lambda item: item[0], reverse=True)
    invitations_csv = _csv(
        [row for _, row in invitations],
        ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"],
    )

    conversations = []
    left = MESSAGES
    while left > 0:
        size = min(left, max(1, int(rng.expovariate(1 / 8))))
        left -= size
        conversations.append(size)
    threads = []
    for size in conversations:
        kind = rng.random()
        person = rng.choice(connections)
        start = (person.connected or EXPORT_DAY) + timedelta(hours=rng.randint(2, 60))
        if start > EXPORT_DAY:
            start = EXPORT_DAY - timedelta(days=1)
        conversation = _conversation_id(rng)
        group = [rng.choice(connections) for _ in range(3)] if kind < 0.03 else None
        title = f"{rng.choice(WORDS).capitalize()} group" if group else ""
        folder = "SPAM" if kind > 0.995 else "ARCHIVE" if kind > 0.97 else "INBOX"
        gaps = [timedelta(minutes=rng.randint(1, 4000)) for _ in range(size)]
        # Never after the export was made: a long thread starts early enough to end before it.
        at = min(start, EXPORT_DAY - sum(gaps, timedelta()) - timedelta(hours=1))
        rows = []
        for number, gap in enumerate(gaps):
            at += gap
            from_owner = (number % 2 == 0) if kind > 0.05 else False
            if group:
                sender = rng.choice([*group, None])
                sender_name, sender_url = (
                    (sender.name, sender.url) if sender else (owner_name, owner_url)
                )
                others = [p for p in group if p is not sender]
                to_names = ", ".join([owner_name] * (sender is not None) + [p.name for p in others])
                to_urls = ",".join([owner_url] * (sender is not None) + [p.url for p in others])
                text = _sentence(rng, 2, 12)
            elif kind < 0.035:
                sender_name, sender_url, to_names, to_urls = (
                    "LinkedIn Member",
                    "",
                    owner_name,
                    owner_url,
                )
                text = _sentence(rng, 5, 25)
            elif kind < 0.045:
                sender_name, sender_url, to_names, to_urls = (
                    "Julia Brandt",
                    "",
                    owner_name,
                    owner_url,
                )
                text = SPONSORED
            elif from_owner:
                sender_name, sender_url, to_names, to_urls = (
                    owner_name,
                    owner_url,
                    person.name,
                    person.url,
                )
                text = (
                    f"Thanks for connecting, {person.first.strip()}! {_sentence(rng, 2, 12)}"
                    if number == 0
                    else _sentence(rng, 2, 14)
                )
            else:
                sender_name, sender_url, to_names, to_urls = (
                    person.name,
                    person.url,
                    owner_name,
                    owner_url,
                )
                text = _sentence(rng, 1, 14) if rng.random() > 0.03 else ""
            rows.append(
                [conversation, title, sender_name, sender_url, to_names, to_urls,
                 f"{at:%Y-%m-%d %H:%M:%S} UTC", title, text, folder, ""]
            )  # fmt: skip
        rows.reverse()  # newest first inside a conversation
        threads.append((at, rows))
    threads.sort(key=lambda item: item[0], reverse=True)
    messages_csv = _csv(
        [row for _, rows in threads for row in rows],
        ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
         "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS"],
    )  # fmt: skip
    profile_csv = _csv(
        [[OWNER[0], OWNER[1], "", "", "", "Staff Platform Engineer", "", "Software", "", "Berlin",
          "", "", ""]],
        ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary",
         "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers"],
    )  # fmt: skip
    return {
        "Connections.csv": connections_csv,
        "Invitations.csv": invitations_csv,
        "messages.csv": messages_csv,
        "Profile.csv": profile_csv,
    }


def write(out_dir: Path) -> tuple[Path, Path]:
    """Write `<out_dir>/export/` and `<out_dir>/Basic_LinkedInDataExport_10-20-2025.zip`."""
    files = build(random.Random(SEED))
    folder = out_dir / "export"
    folder.mkdir(parents=True, exist_ok=True)
    archive = out_dir / "Basic_LinkedInDataExport_10-20-2025.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            data = text.encode("utf-8")
            (folder / name).write_bytes(data)
            info = zipfile.ZipInfo(name, date_time=(2025, 10, 20, 8, 7, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return archive, folder


def main() -> None:
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/netinbox-heavy-export")
    archive, folder = write(out_dir)
    total = sum(p.stat().st_size for p in folder.iterdir())
    print(f"{archive} ({archive.stat().st_size / 1e6:.1f} MB)")
    print(f"{folder}/ ({total / 1e6:.1f} MB of CSV)")


if __name__ == "__main__":
    main()
