"""Folding (engine/folding.py) keeps words whole in every script we serve, as the
classifiers see them."""

import json
import subprocess

import pytest

from bot.engine import RASA_VENV, engine_env
from bot.settings import ROOT, Settings

SAMPLES = {
    "arabic_diacritics": "أُرِيدُ مُحَامِيًا مَجَّانِيًّا",  # "I want a free lawyer", vowelled
    "persian_zwnj": "می‌خواهم با وکیل صحبت کنم",  # mi-khaham joined by a ZWNJ
    "geez": "ሰላም ጠበቃ ይደልየኒ እየ።",  # Tigrinya in Ge'ez script
    "one_letter": "u a ik",
    "keyboard_variants": "مدرسة مدرسه كيف کیف şikayet sikayet",
}


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    proc = subprocess.run(
        [str(RASA_VENV / "bin" / "python"), "tests/engine/folding_check.py",
         str(tmp_path_factory.mktemp("storage"))],
        input=json.dumps(list(SAMPLES.values())), capture_output=True, text=True,
        cwd=ROOT, env=engine_env(Settings()), timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return dict(zip(SAMPLES, data["tokens"], strict=True)), set(data["vocabulary"])


def test_arabic_words_with_diacritics_stay_whole(result):
    tokens, vocabulary = result
    # Diacritics dropped, and ي folded to its Persian form ی (keyboards differ).
    assert tokens["arabic_diacritics"] == ["ارید", "محامیا", "مجانیا"]
    assert {"ارید", "محامیا", "مجانیا"} <= vocabulary


def test_persian_word_joined_by_zwnj_is_one_token(result):
    tokens, vocabulary = result
    assert tokens["persian_zwnj"][0] == "میخواهم"
    assert len(tokens["persian_zwnj"]) == 5
    assert "میخواهم" in vocabulary


def test_geez_script_words(result):
    tokens, vocabulary = result
    assert tokens["geez"][:3] == ["ሰላም", "ጠበቃ", "ይደልየኒ"]
    assert {"ሰላም", "ጠበቃ", "ይደልየኒ"} <= vocabulary


def test_one_letter_words_are_kept(result):
    tokens, vocabulary = result
    assert tokens["one_letter"] == ["u", "a", "ik"]
    assert {"u", "a", "ik"} <= vocabulary


def test_keyboard_variants_of_a_letter_are_one_word(result):
    tokens, _ = result
    a, b, c, d, e, f = tokens["keyboard_variants"]
    assert (a, c, e) == (b, d, f)
