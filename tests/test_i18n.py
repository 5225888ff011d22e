"""Catalog checks CI relies on: the template is current, translations keep their
placeholders, add no phone numbers, and button titles fit Telegram."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from bot.content import PLACEHOLDER
from bot.languages import LANGUAGES, SOURCE_LANGUAGE
from bot.settings import ROOT

PO = {code: ROOT / "translations" / code / "LC_MESSAGES" / "messages.po"
      for code in LANGUAGES if code != SOURCE_LANGUAGE}


def test_messages_pot_is_up_to_date(tmp_path):
    out = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
                    "--no-location", "--sort-output", "--omit-header", "-o", str(out), "."],
                   cwd=ROOT, check=True, capture_output=True, env={"PYTHONPATH": str(ROOT)})
    committed = (ROOT / "translations" / "messages.pot").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed, "run `make i18n-update`"


def catalog(code):
    with PO[code].open("rb") as fh:
        return read_po(fh)


@pytest.mark.parametrize("code", sorted(PO))
def test_po_matches_the_template(code):
    with (ROOT / "translations" / "messages.pot").open("rb") as fh:
        template = {(m.context, m.id) for m in read_po(fh) if m.id}
    assert {(m.context, m.id) for m in catalog(code) if m.id} == template


@pytest.mark.parametrize("code", sorted(PO))
def test_translations_keep_placeholders_and_add_no_numbers(code):
    for m in catalog(code):
        if not m.id or not m.string:
            continue
        assert sorted(PLACEHOLDER.findall(m.string)) == sorted(PLACEHOLDER.findall(m.id)), m.context
        assert re.findall(r"\d{3,}", m.string) == re.findall(r"\d{3,}", m.id), m.context


@pytest.mark.parametrize("code", sorted(PO))
def test_no_markup_and_short_buttons(code):
    for m in catalog(code):
        if not m.id or not m.string:
            continue
        assert "<" not in m.string and ">" not in m.string, m.context
        if "button" in m.auto_comments:
            assert len(m.string) <= 40, (m.context, m.string)


def test_catalog_language_and_plural_headers():
    from babel import Locale

    for code in PO:
        cat = catalog(code)
        assert cat.locale == Locale.parse(LANGUAGES[code].cldr), code
        # As many plural forms as CLDR (through the registry) gives the language. (The
        # expression itself may differ: GNU gettext's Arabic rule is the correct one.)
        assert f"nplurals={cat.num_plurals};" == LANGUAGES[code].plural_forms.split()[0], code
