"""A profile's Experience and Education sections. Date ranges are the anchors: a role is the lines
just before its range, read from the range backwards, so a description or a location of the role
before it is never taken for a title. Several roles at one company sit under the company's name and
its total time ("Full-time · 5 yrs 2 mos")."""

from __future__ import annotations

from netinbox.paste.ages import Span, is_duration, span
from netinbox.paste.lines import has_letters, is_chrome, see_more
from netinbox.paste.model import PastedRole, PastedSchool
from netinbox.paste.words import Words, fold


def _logo(w: Words, line: str) -> str | None:
    folded = fold(line)
    for suffix in w.get("logo_suffix"):
        if folded.endswith(suffix) and len(line) > len(suffix):
            return line[: len(line) - len(suffix)].strip()
    return None


def _content(w: Words, lines: list[str]) -> list[str]:
    kept = []
    for line in lines:
        line = see_more(w, line)
        if line and (has_letters(line) or span(w, line)) and not is_chrome(w, line):
            kept.append(line)
    return kept


def _company_and_type(w: Words, line: str) -> tuple[str, bool]:
    """'Quillon Robotics · Full-time' is the company; a bare 'Full-time' is no company at all."""
    head, sep, tail = line.rpartition(" · ")
    if sep and fold(tail.strip()) in w.get("employment_types"):
        return head.strip(), True
    return line, fold(line) in w.get("employment_types")


def experience(w: Words, lines: list[str]) -> tuple[PastedRole, ...]:
    roles: list[PastedRole] = []
    block: list[str] = []
    group: str | None = None  # the company whose roles are listed under it
    for line in _content(w, lines):
        when = span(w, line)
        if when is None or when.start_year is None:
            block.append(line)
            continue
        role, group = _role(w, block, when, group)
        if role is not None:
            roles.append(role)
        block = []
    return tuple(roles)


def _role(
    w: Words, block: list[str], when: Span, group: str | None
) -> tuple[PastedRole | None, str | None]:
    # A logo starts a new company: the block's earlier lines belong to the previous role.
    logo_at = max((i for i, ln in enumerate(block) if _logo(w, ln) is not None), default=None)
    if logo_at is not None:
        group = None
        block = block[logo_at + 1 :]
    for i, line in enumerate(block):
        if is_duration(w, line) and i > 0:
            group, block = block[i - 1], block[i + 1 :]
            break
    block = [ln for ln in block if not is_duration(w, ln)]
    end = None if when.ongoing else when.end_year
    if not block:
        return None, group
    last = block[-1]
    before = block[-2] if len(block) >= 2 else None
    company, typed = _company_and_type(w, last)
    if company != last:  # "Quillon Robotics · Full-time": a role of its own
        return PastedRole(before, company, when.start_year, end), None
    if typed:  # a bare "Full-time" under a company, or "Self-employed" standing for one
        return PastedRole(before, group or last, when.start_year, end), group
    if group is not None:
        return PastedRole(last, group, when.start_year, end), group
    if before is None:
        return PastedRole(last, None, when.start_year, end), None
    return PastedRole(before, last, when.start_year, end), None


def _degree(line: str) -> tuple[str | None, str | None]:
    degree, sep, field = line.partition(", ")
    return degree.strip() or None, (field.strip() or None) if sep else None


def education(w: Words, lines: list[str]) -> tuple[PastedSchool, ...]:
    schools: list[PastedSchool] = []
    block: list[str] = []

    def close(when: Span | None) -> None:
        entry = [ln for ln in block if _logo(w, ln) is None]
        logos = [i for i, ln in enumerate(block) if _logo(w, ln) is not None]
        if logos:  # the school whose logo comes last is this entry's
            entry = [ln for ln in block[logos[-1] + 1 :]]
        if not entry:
            return
        if when is None and not logos:
            return
        # From the dates backwards: the degree line, then the school.
        if len(entry) >= 2:
            school, (degree, field) = entry[-2], _degree(entry[-1])
            if logos:
                school, (degree, field) = entry[0], _degree(entry[1])
        else:
            school, degree, field = entry[0], None, None
        schools.append(PastedSchool(school, degree, field, None if when is None else when.end_year))

    for line in _content(w, lines):
        when = span(w, line)
        if when is None:
            block.append(line)
            continue
        close(when)
        block = []
    close(None)
    return tuple(schools)
