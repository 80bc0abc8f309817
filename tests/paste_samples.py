"""The shared sample pages (../shared/linkedin-pages/) as a parser reads them, built by hand: the
saving tests must not depend on the parsers. Dates are those of a paste at SAMPLE_NOW."""

from __future__ import annotations

from datetime import datetime, timedelta

from dateutil import tz

from netinbox.paste.model import (
    Activity,
    PastedInvitation,
    PastedMessage,
    PastedProfile,
    PastedRole,
    PastedSchool,
    PastedViewer,
    PasteResult,
)

# "Jan 2025 - Present · 11 mos": the samples were copied in December 2025.
SAMPLE_NOW = datetime(2025, 12, 1, 9, 0, tzinfo=tz.UTC)
HOUR, DAY = timedelta(hours=1), timedelta(days=1)

FAKE_DEGREE = PastedProfile(
    name="Brandon Hale",
    headline="Strategic Leader | Innovator | Harvard Business School",
    location="New York, New York, United States",
    followers=4217,
    connections=500,
    connections_at_least=True,
    mutual_connections=2,
    posts_90d=0,
    experience=(PastedRole("Director", "Self-employed", 2016, None),),
    education=(PastedSchool("Harvard Business School", "BSEE", "Electrical Engineering", 2015),),
    first_job_year=2016,
)
LIST_BUILDER = PastedProfile(
    name="Kayla Brooks",
    headline="Aspiring Sales Professional | Open to opportunities",
    location="Austin, Texas, United States",
    followers=27412,
    connections=500,
    connections_at_least=True,
    mutual_connections=310,
    posts_90d=0,
    experience=(
        PastedRole("Sales Development Representative", "Elevate Networking Academy", 2025, None),
    ),
    education=(PastedSchool("State University", "Bachelor of Arts - BA", "Communications", 2025),),
    first_job_year=2025,
)
GENUINE = PastedProfile(
    name="Amélie Durand-Lefèvre",
    headline="Senior Product Designer at Quillon Robotics",
    location="Berlin, Berlin, Germany",
    followers=1184,
    connections=500,
    connections_at_least=True,
    mutual_connections=1,
    activity=(
        Activity("post", SAMPLE_NOW - 3 * DAY),
        Activity("comment", SAMPLE_NOW - 7 * DAY),
        Activity("repost", SAMPLE_NOW - 30 * DAY),
    ),
    posts_90d=2,
    comments_90d=1,
    experience=(
        PastedRole("Senior Product Designer", "Quillon Robotics", 2022, None),
        PastedRole("Product Designer", "Kettle & Frame", 2018, 2022),
    ),
    education=(
        PastedSchool(
            "Université Lumière Lyon 2", "Master's degree", "Human-Computer Interaction", 2018
        ),
        PastedSchool(
            "École de Design Nantes Atlantique", "Bachelor's degree", "Interaction Design", 2016
        ),
    ),  # fmt: skip
    first_job_year=2018,
)

AMELIE_NOTE = (
    "Hi Robin, we met at the Berlin Platform Guild meetup on Thursday — loved your talk on "
    "ephemeral preview environments. Would be great to stay in touch!"
)


def invitations(now: datetime = SAMPLE_NOW) -> PasteResult:
    cards = (
        PastedInvitation("Kayla Brooks", LIST_BUILDER.headline, 310, now - 2 * HOUR),
        PastedInvitation("Brandon Hale", FAKE_DEGREE.headline, 2, now - 5 * HOUR),
        PastedInvitation("Amélie Durand-Lefèvre", GENUINE.headline, 1, now - DAY, AMELIE_NOTE),
        PastedInvitation(
            "Dominick Russo",
            "Founder @ GrowthBridge | Helping tech leaders 10x their pipeline",
            14,
            now - 2 * DAY,
            "Hi Robin, I would love to learn more about your world. Networking is very "
            "important. Let’s connect and see how we can help each other!",
        ),
        PastedInvitation(
            "Li Wei 🚀", "SRE at Fernhill Bank · Kubernetes · on-call survivor", 5, now - 3 * DAY
        ),
        PastedInvitation(
            "Anika Patel",
            "Computer Science student at TU München | Looking for a working-student role",
            None,
            now - 7 * DAY,
            "Hello Robin, I'm a final-year CS student and read your post on paved roads for "
            "product teams. Could I ask you two questions about platform teams at a 200-person "
            "company?",
        ),
        PastedInvitation(
            "Sven Lindqvist", "Account Executive at Pipeline Pro Institute", 213, now - 14 * DAY
        ),
    )
    return PasteResult("invitations", cards)


def viewers(now: datetime = SAMPLE_NOW) -> PasteResult:
    return PasteResult(
        "viewers",
        (
            PastedViewer("Kayla Brooks", LIST_BUILDER.headline, now - 2 * HOUR),
            PastedViewer("Anika Patel", None, now - 7 * DAY),
            PastedViewer(
                "Tomasz Wiśniewski", "Engineering Manager at Fernhill Bank", now - 3 * DAY
            ),
        ),  # fmt: skip
    )


def conversation(now: datetime = SAMPLE_NOW) -> PasteResult:
    today = now.replace(hour=7, minute=25)
    return PasteResult(
        "conversation",
        (
            PastedMessage(
                "Robin Castellano",
                datetime(2025, 10, 28, 7, 10, tzinfo=tz.UTC),
                "Dominick: Thanks for the invitation. It's good to meet electronically. "
                "Regards, Robin",
            ),
            PastedMessage(
                "Dominick Russo",
                today,
                "I would love to learn more about your world. Networking is very important. "
                "Let's talk to see how we can help each other. Please use this link "
                "www.calendly.com/dominick-gb to schedule a convenient time. It will provide a "
                "meeting request and conference call link.",
            ),
            PastedMessage(
                "Dominick Russo", today + timedelta(minutes=1), "It will only take 15 minutes!"
            ),
        ),  # fmt: skip
    )
