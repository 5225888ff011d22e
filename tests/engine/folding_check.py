"""Runs inside the Rasa environment: folds sample texts the way every classifier and the
crisis guard read them (engine/folding.py) and builds the classifiers' word vocabulary
from them (engine/ngram_svm.py); prints both as JSON."""

import json
import sys

from engine.folding import fold
from engine.ngram_svm import word_vectorizer

texts = json.loads(sys.stdin.read())
words = word_vectorizer()
words.fit([fold(t) for t in texts])
print(json.dumps({
    "tokens": [fold(t).split() for t in texts],
    "vocabulary": sorted(words.vocabulary_),
}, ensure_ascii=False))
