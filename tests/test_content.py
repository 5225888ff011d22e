"""Content rules: every answer is sourced and dated, numbers come from the directory,
every contact has a source, every response is reachable, answers stay short."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from bot.content import contact_values, contacts, responses, routing_table
from bot.freshness import findings, reviewed_answers
from bot.settings import ROOT

PHONE_LIKE = re.compile(r"\+?\d[\d\s-]*\d")
ANSWERS = {r.name: r for r in reviewed_answers()}
# Answers about the conversation itself (greeting, menu, language) state no facts.
NO_FACTS = {"general", "language"}


def phone_numbers(text: str) -> list[str]:
    """Digit runs that look like phone numbers: 6+ digits, or an emergency number."""
    runs = (m.group() for m in PHONE_LIKE.finditer(text))
    return [r for r in runs if len(re.sub(r"\D", "", r)) >= 6 or r.strip() in {"112", "113"}]


def source_registry() -> set[str]:
    data = yaml.safe_load((ROOT / "content" / "sources.yml").read_text(encoding="utf-8"))
    return {f"seed:{k}" for k in data["sources"]} | set(data.get("public") or {})


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_every_answer_is_reviewable(name):
    """Topic, a checked date, sources from the registry, a note for translators."""
    meta = ANSWERS[name].metadata
    assert meta.get("topic"), name
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(meta.get("checked", ""))), name
    assert "translator_note" in meta, name
    if meta["topic"] not in NO_FACTS:
        assert meta.get("sources"), f"{name} states facts but cites no source"
    unknown = set(meta.get("sources") or []) - source_registry()
    assert not unknown, f"{name}: sources not in content/sources.yml: {unknown}"
    # Routes live in one place, the routing table; a copy here would drift.
    assert "routes" not in meta, name


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_validity_windows_are_dates_in_order(name):
    meta = ANSWERS[name].metadata
    start, end = meta.get("valid_from"), meta.get("valid_until")
    dates = [dt.date.fromisoformat(str(d)) for d in (start, end) if d]
    assert dates == sorted(dates), name


def test_no_phone_number_is_written_into_a_text():
    # Numbers come from the contact directory through placeholders, so they are
    # correct, in one place, and isolated inside right-to-left text.
    for name, r in responses().items():
        assert phone_numbers(r.text) == [], name
        assert all(phone_numbers(b.title) == [] for b in r.buttons), name


def test_every_placeholder_has_a_value():
    values = contact_values()
    for name, r in responses().items():
        missing = r.placeholders() - set(values) - r.arguments
        assert not missing, (name, missing)


def test_every_contact_has_a_source_and_date():
    registry = source_registry()
    for key, entry in contacts().items():
        assert entry.get("source") and entry.get("checked"), key
        assert entry["source"] in registry, (key, entry["source"])


def reachable() -> set[str]:
    """From a rule or story, the routing table, a "More" follow-up, or the gateway."""
    used = {row["response"] for row in routing_table()}
    for path in (ROOT / "data").rglob("*.yml"):
        data = yaml.safe_load(path.read_text())
        for block in (data.get("rules") or []) + (data.get("stories") or []):
            used |= {s["action"] for s in block["steps"] if "action" in s}
    changed = True
    while changed:
        more = {responses()[n].more for n in used if n in responses() and responses()[n].more}
        changed = not more <= used
        used |= more
    return used


def test_every_domain_response_is_reachable():
    assert set(ANSWERS) - reachable() == set()


def test_more_buttons_lead_somewhere():
    for name, r in responses().items():
        has_button = any(b.payload == "/show_more" for b in r.buttons)
        assert has_button == bool(r.more), f"{name}: a More button needs `more`, and back"
        if r.more:
            assert r.more in responses(), name


def test_button_payloads_name_known_intents():
    domain = yaml.safe_load((ROOT / "domain" / "core.yml").read_text())
    intents = set(domain["intents"])
    # Gateway texts may also carry channel payloads (e.g. "channel:consent").
    for name, r in {**ANSWERS, "utter_rate_buttons": responses()["utter_rate_buttons"]}.items():
        for b in r.buttons:
            intent = re.match(r"/(\w+)", b.payload)
            assert intent and intent.group(1) in intents, (name, b.payload)


def test_answers_stay_short():
    for name, r in responses().items():
        assert len(r.text) <= 600, name
        assert all(len(b.title) <= 40 for b in r.buttons), name


def test_crisis_answers_give_112_first_and_no_menu_of_topics():
    for name, r in ANSWERS.items():
        if r.metadata["topic"] == "crisis":
            assert "{emergency_phone}" in r.text, name
            assert len(r.buttons) <= 2 and not r.more, name


def test_stale_content_lists_old_checks_and_ended_windows():
    far = dt.date(2099, 1, 1)
    assert {f.response for f in findings(180, today=far)} == set(ANSWERS)
    assert findings(10_000, today=dt.date(2026, 11, 23)) == [] or all(
        "validity" in f.reason or "valid only" in f.reason
        for f in findings(10_000, today=dt.date(2026, 11, 23)))
    ended = [r.name for r in ANSWERS.values() if r.metadata.get("valid_until")]
    assert ended, "expected at least one answer with a validity window"
    late = {f.response: f.reason for f in findings(10_000, today=far)}
    assert all("validity ended" in late[n] for n in ended)


def test_stale_content_command_prints_the_findings():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "bot", "stale-content", "--max-age-days", "0",
                          "--today", "2027-01-01"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert "utter_procedure_overview" in out and "need a check" in out


def test_engine_knows_the_same_languages_as_the_registry():
    from bot.languages import LANGUAGES

    config = yaml.safe_load((ROOT / "config.yml").read_text())
    [component] = [c for c in config["pipeline"] if c["name"].endswith("MetadataLanguage")]
    assert set(component["languages"]) == set(LANGUAGES)
