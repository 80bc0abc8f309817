"""A genuine profile to vary one thing at a time, and the signals screening finds in it."""

from __future__ import annotations

from netinbox.screening import screen_profile


def person(**overrides: object) -> dict:
    """A coherent, quiet, genuine profile to vary one thing at a time."""
    profile = {
        "name": "Ana Silva",
        "headline": "Platform Engineer",
        "connections": 600,
        "followers": 640,
        "posts_90d": 1,
        "comments_90d": 4,
        "reactions_90d": 30,
        "first_job_year": 2014,
        "education": [
            {
                "school": "University of Porto",
                "degree": "BSc",
                "field": "Informatics",
                "end_year": 2013,
            }
        ],
        "experience": [
            {
                "title": "Software Engineer",
                "company": "Farfetch",
                "start_year": 2014,
                "end_year": 2019,
            },
            {
                "title": "Platform Engineer",
                "company": "Talkdesk",
                "start_year": 2019,
                "end_year": None,
            },
        ],
        "has_photo": True,
        "viewed_my_profile": True,
        "mutual_connections": 4,
        "invitation_note": (
            "Hi Robin, enjoyed your talk on golden paths at KubeCon. Would love to stay in touch."
        ),
    }
    profile.update(overrides)
    return profile


def signals_of(profile: dict) -> set[str]:
    return {r.signal for r in screen_profile(profile).reasons}
