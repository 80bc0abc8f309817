"""A heavy user's database, generated deterministically: 30,000 people, 12,000 invitations a year
(most decided, a few dozen pending), 6,000 thank-you notes, 100,000 messages.

    python benchmarks/heavy_data.py OUT.json [--people 30000] [--messages 100000]

`--people 300` gives the small database the benchmarks compare against. The same shapes as a
LinkedIn-format export come from `benchmarks/make_heavy_export.py`.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from netinbox.model import (
    Change,
    Direction,
    Education,
    Invitation,
    InvitationStatus,
    Message,
    Person,
    Reply,
    ReplyKind,
    ThankYouNote,
)
from netinbox.store import Store
from netinbox.store.codec import table_and_doc

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
FIRST = [
    "Ana",
    "Ben",
    "Chloé",
    "Dmitri",
    "Emeka",
    "Fatima",
    "Greta",
    "Hiro",
    "Ines",
    "Jonas",
    "Kayla",
    "Li",
    "Marta",
    "Noor",
    "Oskar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tariq",
    "Uma",
    "Zoë",
]
LAST = [
    "Silva",
    "Brooks",
    "Nakamura",
    "Okafor",
    "Schmidt",
    "Kowalska",
    "Raman",
    "O'Neill",
    "García",
    "Berg",
    "Haddad",
    "Lindqvist",
    "Rossi",
    "Weber",
    "Ivanova",
    "Mensah",
    "Dubois",
    "Costa",
]
COMPANIES = [
    "Ledgerline",
    "Frachtwerk",
    "Havnelys",
    "Cloudlean",
    "Quotaflow",
    "Buildkraft",
    "Kaskade",
]
TITLES = ["Platform Engineer", "Engineering Manager", "SDR", "Recruiter", "CTO", "Data Scientist"]


def _record(change_list: list[Change], record: object) -> None:
    table, key, doc = table_and_doc(record)  # type: ignore[arg-type]
    change_list.append(Change(table, key, None, doc))


def build(
    path: Path,
    people: int = 30_000,
    messages: int = 100_000,
    invitations: int = 12_000,
    seed: int = 7,
) -> dict[str, int]:
    rng = random.Random(seed)
    changes: list[Change] = []
    ids = []
    for n in range(people):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        pid = f"{first.lower()}-{last.lower().replace(chr(39), '')}-{n:08x}"
        ids.append(pid)
        company, title = rng.choice(COMPANIES), rng.choice(TITLES)
        connections = rng.choice([180, 450, 900, 2_400, 8_000, 27_000])
        _record(
            changes,
            Person(
                pid,
                first,
                last,
                headline=f"{title} at {company} | platform, tooling, people",
                company=company,
                position=title,
                location="Berlin, Germany",
                education=(
                    Education("Technische Universität Berlin", "M.Sc.", "Informatik", 2012),
                ),
                connections=connections,
                followers=connections + rng.randint(0, 300),
                posts_90d=rng.randint(0, 5),
                comments_90d=rng.randint(0, 20),
                reactions_90d=rng.randint(0, 90),
                first_job_year=rng.randint(1995, 2025),
                has_photo=True,
                mutual_connections=rng.randint(0, 300),
                viewed_my_profile=rng.random() < 0.3,
                profile_url=f"https://www.linkedin.com/in/{pid}",
                connected_at=NOW - timedelta(days=rng.randint(1, 3000)),
            ),
        )
    counts = {"people": people, "pending": 0, "notes": 0, "messages": messages}
    for n in range(invitations):
        pid = ids[n % people]
        received = NOW - timedelta(minutes=int(n * 43.8))  # ~12,000 over a year, newest first
        if n < 60:
            status, decided = InvitationStatus.PENDING, None
            counts["pending"] += 1
        else:
            status = InvitationStatus.ACCEPTED if n % 2 else InvitationStatus.DECLINED
            decided = received + timedelta(hours=rng.randint(1, 48))
        note = (
            ""
            if rng.random() < 0.6
            else "Hi Robin, I'd love to connect and see how we can help each other."
        )
        _record(
            changes,
            Invitation(f"inv-{n}", pid, received, Direction.INCOMING, note, status, decided),
        )
        if status is InvitationStatus.ACCEPTED:
            reply = None
            if rng.random() < 0.3:
                kind = rng.choice([ReplyKind.PERSONAL, ReplyKind.CANNED, ReplyKind.PITCH])
                reply = Reply(kind, "Thanks Robin!", decided + timedelta(days=2))
            _record(
                changes,
                ThankYouNote(
                    f"note-{n}",
                    pid,
                    f"Hi {pid.split('-')[0].title()}, thanks for connecting!",
                    decided,
                    decided + timedelta(hours=1),
                    reply,
                ),
            )
            counts["notes"] += 1
    for n in range(messages):
        pid = ids[(n * 7) % people]
        _record(
            changes,
            Message(
                f"msg-{n}",
                f"thread-{n // 4}",
                NOW - timedelta(minutes=n * 5),
                pid,
                "Sender Name",
                ("robin",),
                "",
                rng.choice(
                    [
                        "Hi Robin, thanks for connecting! Would you have 15 minutes next week? "
                        "calendly.com/x/15min",
                        "Thanks for the invitation, great to connect.",
                        "Loved your post on platform teams — how do you handle golden paths for "
                        "data services?",
                    ]
                )
                + " "
                + "lorem ipsum " * rng.randint(0, 20),
                "INBOX",
                n % 3 == 0,
            ),
        )
    path.unlink(missing_ok=True)
    with Store(path, purpose="benchmark generator") as store:
        store.write_records(
            changes, meta={"owner": {"first_name": "Robin", "last_name": "Castellano"}}
        )
        store.compact()
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--invitations", type=int, default=12_000)
    args = parser.parse_args(argv)
    counts = build(args.out, args.people, args.messages, args.invitations)
    size = args.out.stat().st_size / 1e6
    print(f"{args.out}: {counts} ({size:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
