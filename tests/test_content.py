"""Content rules: every answer is sourced and dated, numbers come from the directory,
the routing table points at real responses, routes use the fixed set."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.content import contact_values, contacts, responses, routing_table
from bot.settings import ROOT

ROUTES = {"VWN", "COA", "DTV", "IND", "IOM", "LAWYER", "NIDOS", "GZA", "EMERGENCY",
          "MUNICIPALITY", "DUO", "KINDERTELEFOON", "JURIDISCH_LOKET"}
PHONE_LIKE = re.compile(r"\+?\d[\d\s-]*\d")


def phone_numbers(text: str) -> list[str]:
    """Digit runs that look like phone numbers: 6+ digits, or an emergency number."""
    runs = (m.group() for m in PHONE_LIKE.finditer(text))
    return [r for r in runs if len(re.sub(r"\D", "", r)) >= 6 or r.strip() in {"112", "113"}]
ANSWERS = {n: r for n, r in responses().items() if r.routes}


def test_every_response_has_a_checked_date_and_known_routes():
    for name, r in responses().items():
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(r.metadata.get("checked", ""))), name
        assert set(r.routes) <= ROUTES, name


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_every_answer_has_sources(name):
    assert ANSWERS[name].metadata.get("sources"), f"{name} routes people but cites no source"


def test_no_phone_number_is_written_into_a_text():
    # Numbers come from the contact directory through placeholders, so they are
    # correct, in one place, and isolated inside right-to-left text.
    for name, r in responses().items():
        assert phone_numbers(r.text) == [], name


def test_every_placeholder_has_a_value():
    values = contact_values()
    for name, r in responses().items():
        missing = r.placeholders() - set(values) - r.arguments
        assert not missing, (name, missing)


def test_every_contact_has_a_source_and_date():
    for key, entry in contacts().items():
        assert key in ROUTES, key
        assert entry.get("source") and entry.get("checked"), key


def test_routing_table_points_at_existing_responses():
    for row in routing_table():
        assert row["response"] in responses(), row


def test_every_domain_response_is_reachable():
    """From a rule or story, or from the routing table that the actions read."""
    used = {row["response"] for row in routing_table()}
    for path in (ROOT / "data").rglob("*.yml"):
        data = yaml.safe_load(path.read_text())
        for block in (data.get("rules") or []) + (data.get("stories") or []):
            used |= {s["action"] for s in block["steps"] if "action" in s}
    domain = {n for n, r in responses().items() if r.source_file.startswith("domain/")}
    assert domain - used == set()


def test_answers_stay_short():
    for name, r in responses().items():
        assert len(r.text) <= 600, name
        assert all(len(b.title) <= 40 for b in r.buttons), name


def test_engine_knows_the_same_languages_as_the_registry():
    from bot.languages import LANGUAGES

    config = yaml.safe_load((ROOT / "config.yml").read_text())
    [component] = [c for c in config["pipeline"] if c["name"].endswith("MetadataLanguage")]
    assert set(component["languages"]) == set(LANGUAGES)
