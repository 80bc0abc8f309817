"""Time a full rescreen: 12,000 invitations (profile + note) and 100,000 messages in one batch.

    python benchmarks/screening_bench.py [--profiles N] [--messages N] [--seed S]

The data is synthetic and generated here (fixed seed): messages mix pitches, canned replies and
personal notes in several languages, with names swapped in, templates repeated by many senders and
a long tail of unique texts; profiles mix genuine people, list-builders and fakes with timestamps
so bursts are found too. Not run by pytest. The target is <= 20 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, datetime, timedelta

from netinbox.screening import screen_batch

FIRST = [
    "Ana",
    "Robin",
    "Jonas",
    "Mira",
    "Sam",
    "Priya",
    "Tomasz",
    "Lucía",
    "Claire",
    "Rahul",
    "Kai",
]
LAST = ["Silva", "Weber", "Nowak", "Okafor", "Chen", "Rossi", "Dubois", "Iyer", "Kim", "Larsen"]
OPENERS = [
    "Hi {r},",
    "Hello {r}!",
    "Hey {r} -",
    "Hallo {r},",
    "Hola {r},",
    "Bonjour {r},",
    "{r},",
    "",
]
PITCH = [
    "I help {t} cut their cloud bill by {n}% without code changes. Open to a quick chat next week?",
    "we run managed {p} for {n}+ companies and could save your team months. Worth 15 minutes?",
    "our platform automates {p} for teams your size. Here's my calendar: calendly.com/{u}/20min",
    "we're hosting a dinner for engineering leaders on the {n}th, sponsored by {c}. Can I save you a seat?",
    "wir unterstützen Unternehmen bei {p}. Hätten Sie 15 Minuten für ein kurzes Gespräch?",
    "ayudamos a empresas a reducir costes un {n}%. ¿Te vendría bien una llamada?",
]
CANNED = [
    "Thanks for connecting!",
    "Likewise!",
    "👍",
    "It's my pleasure",
    "Danke für die Vernetzung!",
    "¡Gracias por conectar!",
    "Merci pour l'invitation !",
    "Dzięki za zaproszenie!",
    "Thanks ji 🙏",
    "Great to connect, {r}.",
    "Happy to connect, all the best!",
]
PERSONAL = [
    "we met at {e} last month, I asked about {p}. Did your migration go well?",
    "your post on {p} saved my weekend. How did you handle the rollback?",
    "I'm a student writing my thesis on {p}; could I ask you three questions?",
    "loved your talk at {e}, especially the slide about {p}. Are the slides online?",
    "fellow maintainer here: your PR #{n} fixed our {p} bug, thanks!",
]
TOPICS = [
    "Kubernetes",
    "Terraform",
    "on-call",
    "Postgres vacuum",
    "feature flags",
    "Backstage",
    "CI caching",
]
EVENTS = ["FOSDEM", "KubeCon", "a Rust meetup", "PyCon", "DevOpsDays", "the reading group"]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Brightlane Career Lab"]
SCHOOLS = ["TU Berlin", "INSEAD", "University of Leeds", "Stanford University", "LBS", "IIT Bombay"]


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        r=rng.choice(FIRST), t=rng.choice(["data teams", "founders", "CTOs", "fintechs"]),
        n=rng.randint(2, 90), p=rng.choice(TOPICS), u=rng.choice(LAST).lower(),
        c=rng.choice(COMPANIES), e=rng.choice(EVENTS),
    )  # fmt: skip


def message(rng: random.Random, i: int) -> dict:
    roll = rng.random()
    pool = PITCH if roll < 0.4 else CANNED if roll < 0.7 else PERSONAL
    body = _fill(rng, rng.choice(pool))
    if pool is not CANNED:
        body = f"{_fill(rng, rng.choice(OPENERS))} {body}".strip()
        if rng.random() < 0.5:  # a unique tail, so most texts are not exact copies
            body += f" {' '.join(rng.choice(TOPICS + EVENTS) for _ in range(rng.randint(1, 12)))}."
    return {
        "id": f"m{i}",
        "kind": rng.choice(["invitation_note", "reply_to_thanks", "inmail"]),
        "recipient_first_name": rng.choice(FIRST),
        "sender_name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
        "text": body,
    }


def profile(rng: random.Random, i: int, start: datetime) -> dict:
    first_job = rng.randint(1995, 2025)
    connections = rng.choice(
        [rng.randint(50, 3000), rng.randint(3000, 9000), rng.randint(15000, 30000)]
    )
    active = rng.random() < 0.6
    company = rng.choice(COMPANIES)
    return {
        "id": f"p{i}",
        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "headline": f"{rng.choice(['Engineer', 'SDR', 'Recruiter', 'Head of Data', 'Student'])} at {company}",
        "connections": connections,
        "followers": connections + rng.randint(0, 500),
        "posts_90d": rng.randint(0, 20) if active else 0,
        "comments_90d": rng.randint(0, 60) if active else 0,
        "reactions_90d": rng.randint(0, 300) if active else rng.randint(0, 3),
        "first_job_year": first_job,
        "education": [
            {
                "school": rng.choice(SCHOOLS),
                "degree": rng.choice(["BSc", "MBA", "PhD", "BEng"]),
                "field": rng.choice(["Computer Science", "Electrical Engineering", "Business", ""]),
                "end_year": first_job - rng.randint(0, 2),
            }
        ],  # fmt: skip
        "experience": [
            {
                "title": rng.choice(["Engineer", "Director", "VP Sales", "Analyst"]),
                "company": company,
                "start_year": first_job,
                "end_year": None,
            }
        ],  # fmt: skip
        "has_photo": rng.random() < 0.9,
        "viewed_my_profile": rng.random() < 0.5,
        "mutual_connections": rng.randint(0, 90),
        "invitation_note": message(rng, i)["text"] if rng.random() < 0.7 else "",
        "received_at": (start + timedelta(minutes=rng.randint(0, 60 * 24 * 30))).isoformat(),
    }


def build(profiles: int, messages: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    return [profile(rng, i, start) for i in range(profiles)] + [
        message(rng, i) for i in range(messages)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=12_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    items = build(args.profiles, args.messages, args.seed)
    started = time.perf_counter()
    verdicts = screen_batch(items)
    elapsed = time.perf_counter() - started
    labels: dict[str, int] = {}
    for verdict in verdicts:
        key = type(verdict).__name__ if isinstance(verdict, Exception) else verdict.label
        labels[key] = labels.get(key, 0) + 1
    print(f"screened {len(items):,} items ({args.profiles:,} profiles, {args.messages:,} messages)")
    print(f"in {elapsed:.2f} s  ({len(items) / elapsed:,.0f} items/s)")
    print("labels:", ", ".join(f"{k} {v:,}" for k, v in sorted(labels.items())))


if __name__ == "__main__":
    main()
