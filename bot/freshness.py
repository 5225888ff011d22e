"""Which answers need a new check: checked too long ago, or outside their validity window.

`make stale-content` prints them; the staff review pages use the same functions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.content import Response, responses

# Gateway texts (commands, footers) carry no facts; only domain answers are reviewed.
REVIEWED_FILES = "domain/"


@dataclass(frozen=True)
class Finding:
    response: str
    reason: str
    checked: str
    valid_from: str
    valid_until: str


def reviewed_answers() -> list[Response]:
    return [r for r in responses().values() if r.source_file.startswith(REVIEWED_FILES)]


def findings(max_age_days: int, today: dt.date | None = None,
             ending_within_days: int = 30) -> list[Finding]:
    """Answers whose check is older than max_age_days, or whose validity ended or ends soon."""
    today = today or dt.date.today()
    out = []
    for response in reviewed_answers():
        meta = response.metadata
        reasons = []
        checked = _date(meta.get("checked"))
        if checked is None:
            reasons.append("no checked date")
        elif (today - checked).days > max_age_days:
            reasons.append(f"checked {(today - checked).days} days ago")
        until, start = _date(meta.get("valid_until")), _date(meta.get("valid_from"))
        if until and until < today:
            reasons.append(f"validity ended on {until}")
        elif until and (until - today).days <= ending_within_days:
            reasons.append(f"validity ends on {until}")
        if start and start > today:
            reasons.append(f"valid only from {start}")
        if reasons:
            out.append(Finding(response.name, "; ".join(reasons), str(meta.get("checked") or ""),
                               str(meta.get("valid_from") or ""), str(meta.get("valid_until") or "")))
    return out


def _date(value: object) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
