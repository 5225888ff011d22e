"""One form per word, whatever keyboard or script it was typed with.

Every classifier and the crisis guard read messages folded this way: lower case, Arabic
diacritics (harakat) and tatweel dropped, the Persian zero-width non-joiner removed so a
joined word stays one word, alef variants and keyboard variants (ي/ی, ك/ک, ة/ه) and
compatibility forms folded. Latin diacritics are dropped too (Turkish, Kurmanji, French,
Somali speakers often type without them): people rarely type diacritics, so the folded
form matches them better.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Text


# Arabic harakat, superscript alef, Quranic marks, and tatweel.
ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
JOINERS = re.compile("[\u200c\u200d]")
# Alef with hamza or madda is often typed as a bare alef on phones; and the same letter is
# typed in its Arabic or its Persian/Kurdish/Pashto form depending on the keyboard (ي/ی,
# ك/ک), ta marbuta as ha (ة/ه), alef maqsura as ya (ى/ی), Sorani ە as ه. One form each.
ALEF = str.maketrans({"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627",
                      "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9",
                      "\u0629": "\u0647", "\u06d5": "\u0647", "\u06c0": "\u0647",
                      "\u0624": "\u0648"})


# Turkish dotless i; everything else with a diacritic decomposes (NFKD) to a base letter.
DOTLESS = str.maketrans({"\u0131": "i"})


def strip_marks(word: Text) -> Text:
    """Latin letters without their marks: people type "sikayet" for "şikayet", "eleve" for
    "élève". Other scripts keep theirs (Sorani ئ, Arabic hamza forms are handled above)."""
    out = []
    for ch in word:
        if unicodedata.name(ch, "").startswith("LATIN") or unicodedata.combining(ch):
            out.extend(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        else:
            out.append(ch)
    return "".join(out)


def normalise(word: Text) -> Text:
    word = unicodedata.normalize("NFKC", word)
    word = ARABIC_MARKS.sub("", word)
    word = JOINERS.sub("", word).translate(ALEF).translate(DOTLESS)
    return unicodedata.normalize("NFC", strip_marks(word))


def fold(text: Text) -> Text:
    """Lower case, each word normalised, single spaces."""
    return " ".join(normalise(w) for w in text.lower().split())
