"""A whitespace tokenizer that keeps words whole across scripts.

Rasa's WhitespaceTokenizer splits with the `regex` module, but the
CountVectorsFeaturizer re-splits the joined tokens with `re`, whose \\w does not
match Arabic diacritics (harakat) or the Persian zero-width non-joiner, so
"مُحَمَّد" became four one-letter "words". We normalise each token's text (not its
offsets, which entity extraction needs): diacritics and tatweel dropped, ZWNJ
removed so a joined Persian word stays one token, alef variants and
compatibility forms folded.
People rarely type diacritics, so the normalised form also matches them better.
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
# Alef with hamza or madda is often typed as a bare alef on phones.
ALEF = str.maketrans({"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627"})


def normalise(word: Text) -> Text:
    word = unicodedata.normalize("NFKC", word)
    word = ARABIC_MARKS.sub("", word)
    return JOINERS.sub("", word).translate(ALEF)


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
