"""Loads the content kept in the repository: responses, contact directory, routing, sources.

Shared by the NLG service (bot) and the action server (actions); no web framework here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.settings import ROOT

DOMAIN_DIR = ROOT / "domain"
CONTENT_DIR = ROOT / "content"
# Responses the gateway itself sends (never predicted by Rasa), same schema as the domain.
GATEWAY_RESPONSES = CONTENT_DIR / "gateway_responses.yml"
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Response:
    name: str
    text: str
    buttons: tuple[Button, ...]
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    source_file: str = ""
    line: int = 0

    @property
    def routes(self) -> list[str]:
        """Who this answer sends the person to: from the routing table, one place (the
        gateway's own texts, which Rasa never predicts, keep theirs in their metadata)."""
        return routes_by_response().get(self.name, list(self.metadata.get("routes") or []))

    @property
    def more(self) -> str | None:
        """The follow-up response a "More" button shows."""
        return self.metadata.get("more")

    @property
    def translate_buttons(self) -> bool:
        return bool(self.metadata.get("translate_buttons", True))

    @property
    def arguments(self) -> set[str]:
        """Placeholders the caller fills (the rest come from the contact directory)."""
        return set(self.metadata.get("arguments") or [])

    def placeholders(self) -> set[str]:
        return set(PLACEHOLDER.findall(self.text))


def response_files() -> list[Path]:
    return sorted(DOMAIN_DIR.glob("*.yml")) + [GATEWAY_RESPONSES]


def parse_responses(path: Path) -> dict[str, Response]:
    """Responses of one YAML file, with the line each starts on (for the extractor)."""
    raw = path.read_text(encoding="utf-8")
    data = yaml.safe_load(raw) or {}
    lines = raw.splitlines()
    out: dict[str, Response] = {}
    for name, variations in (data.get("responses") or {}).items():
        first = variations[0]
        line = next((i + 1 for i, l in enumerate(lines) if l.strip() == f"{name}:"), 0)
        out[name] = Response(
            name=name,
            text=first.get("text", ""),
            buttons=tuple(Button(b["title"], b["payload"]) for b in first.get("buttons") or []),
            metadata=first.get("metadata") or {},
            source_file=str(path.relative_to(ROOT)),
            line=line,
        )
    return out


@lru_cache
def responses() -> dict[str, Response]:
    out: dict[str, Response] = {}
    for path in response_files():
        out.update(parse_responses(path))
    return out


@lru_cache
def contacts() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((CONTENT_DIR / "contacts.yml").read_text(encoding="utf-8"))
    return data["contacts"]


def contact_values() -> dict[str, str]:
    """Placeholder values from the directory: {dtv_phone: "088 ...", vwn_web: "https://..."}."""
    values: dict[str, str] = {}
    for key, entry in contacts().items():
        for fld in ("phone", "web"):
            if entry.get(fld):
                values[f"{key.lower()}_{fld}"] = str(entry[fld])
    return values


# Keys of a routing row that are not conditions.
ROW_FIELDS = {"intent", "response", "routes", "note"}


@lru_cache
def routing_table() -> list[dict[str, Any]]:
    data = yaml.safe_load((CONTENT_DIR / "routing.yml").read_text(encoding="utf-8"))
    return data["routes"]


def conditions(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in ROW_FIELDS}


def valid_on(response: Response, day: dt.date) -> bool:
    """Whether a response's validity window (if it has one) includes the day."""
    start, end = response.metadata.get("valid_from"), response.metadata.get("valid_until")
    return (not start or dt.date.fromisoformat(str(start)) <= day) and \
        (not end or day <= dt.date.fromisoformat(str(end)))


def route(intent: str, situation: dict[str, Any] | None = None,
          today: dt.date | None = None) -> dict[str, Any]:
    """The routing row answering an intent in the person's situation.

    Rows are tried top to bottom; the first whose conditions all equal the situation's
    values, and whose response is valid today, wins. A row without conditions matches
    anything, so every intent ends with one.
    """
    situation = situation or {}
    today = today or dt.date.today()
    known = responses()
    for row in routing_table():
        if row["intent"] != intent:
            continue
        if any(situation.get(k) != v for k, v in conditions(row).items()):
            continue
        if row["response"] in known and not valid_on(known[row["response"]], today):
            continue
        return row
    raise LookupError(f"no route for intent {intent!r}")


@lru_cache
def routes_by_response() -> dict[str, list[str]]:
    """Each response's routes, from the first routing row that uses it."""
    out: dict[str, list[str]] = {}
    for row in routing_table():
        out.setdefault(row["response"], list(row.get("routes") or []))
    # A "More" follow-up sends people where its first part does.
    for response in responses().values():
        if response.more and response.name in out:
            out.setdefault(response.more, out[response.name])
    return out


@lru_cache
def source_registry() -> dict[str, Any]:
    return yaml.safe_load((CONTENT_DIR / "sources.yml").read_text(encoding="utf-8"))


def source_titles() -> dict[str, str]:
    return source_registry()["sources"]


def describe_source(ref: str) -> dict[str, str | None]:
    """A source reference as shown to people: a title, and a link when it is public."""
    if ref.startswith("seed:"):
        return {"title": source_titles().get(ref[5:], ref[5:]), "url": None}
    return {"title": re.sub(r"^https?://(www\.)?", "", ref).split("/")[0], "url": ref}
