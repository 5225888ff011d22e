"""The language registry and language detection."""

from __future__ import annotations

import pytest
from babel import Locale

from bot.detect import detect_language
from bot.languages import LANGUAGES, resolve
from bot.settings import ROOT

PACKS = ["ar", "ti", "tr", "kmr", "ckb", "prs", "fa", "so", "ps", "fr", "en", "nl"]


def test_registry_holds_the_twelve_packs():
    assert list(LANGUAGES) == PACKS


@pytest.mark.parametrize("code", PACKS)
def test_direction_and_plurals_agree_with_cldr(code):
    lang = LANGUAGES[code]
    locale = Locale.parse(lang.cldr)
    assert lang.direction == locale.text_direction
    assert lang.plural_forms.startswith("nplurals=")
    assert lang.native_name and all(f in LANGUAGES for f in lang.fallbacks)
    assert lang.fallbacks[-1:] == ("en",) or code == "en"
    if code != "en":
        assert (ROOT / "translations" / code / "LC_MESSAGES" / "messages.po").exists()


@pytest.mark.parametrize("alias, code", [("ar-SY", "ar"), ("fa-AF", "prs"), ("fa", "fa"),
                                         ("ku", "kmr"), ("ckb-IQ", "ckb"), ("ti_ER", "ti"),
                                         ("pt-BR", None), ("", None)])
def test_telegram_and_browser_codes_resolve(alias, code):
    lang = resolve(alias)
    assert (lang.code if lang else None) == code


def test_dari_falls_back_to_farsi_before_english():
    assert LANGUAGES["prs"].fallbacks == ("fa", "en")


@pytest.mark.parametrize("text, code", [
    ("مرحبا كيف حالك", "ar"),
    ("ሰላም ከመይ ኣለኹም", "ti"),
    ("merhaba ben avukat istiyorum", "tr"),
    ("silav ez alîkarî dixwazim", "kmr"),
    ("من دەمەوێت بگەڕێمەوە", "ckb"),
    ("سلام تشکر داکتر کجا است، من از افغانستان استم", "prs"),
    ("سلام، من وکیل میخوام و نمیدونم", "fa"),
    ("waxaan u baahanahay qareen fadlan", "so"),
    ("زه غواړم چې وکیل ولرم", "ps"),
    ("je veux un avocat pour moi", "fr"),
    ("I need a lawyer please", "en"),
    ("ik wil een advocaat", "nl"),
    # Too little to tell: the conversation keeps its language.
    ("hi", None), ("COA", None), ("سلام", None), ("ok", None),
])
def test_detection_by_script_letters_and_words(text, code):
    assert detect_language(text) == code
