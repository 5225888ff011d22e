"""Recognises the language of a message from its script and common words.

Only a clear signal counts: a short or mixed message returns None and the
conversation keeps its language.
"""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Frequent words that are not shared between the two Latin-script languages.
MARKERS = {
    "nl": frozenset(
        "ik je jij u het een de van niet wat hoe waar wie mijn heb ben kan wil met voor "
        "naar graag hallo goedemorgen goedendag bedankt dank advocaat hulp nodig terug "
        "wanneer waarom zijn er op dat die ook nog maar als om bij moet mag krijg welke "
        "procedure asielprocedure gratis taal nederlands".split()
    ),
    "en": frozenset(
        "i you the a an of and not what how where who my have am can want with for to "
        "please hello hi thanks thank lawyer help need back go when why are there on that "
        "this also still but if do does me get which free language english phase".split()
    ),
}


def script_of(text: str) -> str | None:
    """The dominant script of the letters in text: 'arabic', 'latin' or None."""
    counts = {"arabic": 0, "latin": 0}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("ARABIC"):
            counts["arabic"] += 1
        elif name.startswith("LATIN"):
            counts["latin"] += 1
    total = sum(counts.values())
    if not total:
        return None
    script, n = max(counts.items(), key=lambda kv: kv[1])
    return script if n / total >= 0.6 else None


def detect_language(text: str) -> str | None:
    """A supported language code when the message clearly is in it, else None."""
    script = script_of(text)
    if script == "arabic":
        return "ar"
    if script != "latin":
        return None
    words = [w.lower() for w in WORD.findall(text)]
    scores = {code: sum(w in markers for w in words) for code, markers in MARKERS.items()}
    best = max(scores, key=scores.__getitem__)
    other = min(scores.values())
    if scores[best] >= 2 and scores[best] >= 2 * other + 1:
        return best
    return None
