"""A whitespace tokenizer that keeps words whole across scripts.

Rasa's WhitespaceTokenizer splits with the `regex` module, but the
CountVectorsFeaturizer re-splits the joined tokens with `re`, whose \\w does not
match Arabic diacritics (harakat) or the Persian zero-width non-joiner, so
"مُحَمَّد" became four one-letter "words". We normalise each token's text (not its
offsets, which entity extraction needs): diacritics and tatweel dropped, ZWNJ
removed so a joined Persian word stays one token, alef variants and
compatibility forms folded.
Latin diacritics are dropped too (Turkish, Kurmanji, French, Somali speakers often type
without them). People rarely type diacritics, so the normalised form matches them better.
"""

from __future__ import annotations

import re
import unicodedata
from typing import List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

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


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class WegwijsTokenizer(WhitespaceTokenizer):
    """WhitespaceTokenizer whose token texts are normalised for every script."""

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        tokens = super().tokenize(message, attribute)
        for token in tokens:
            # The featurizers read `lemma` (by default the original text) as well.
            token.text = normalise(token.text)
            token.lemma = normalise(token.lemma or token.text)
        return [t for t in tokens if t.text] or tokens
