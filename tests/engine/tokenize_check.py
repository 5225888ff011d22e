"""Runs inside the Rasa environment: tokenises sample texts with the pipeline's tokenizer
and builds the classifiers' word vocabulary from them (engine/linear_intent.py: folded
text, words as the TF-IDF vectorizer splits them); prints both as JSON."""

import json
import sys

from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from engine.linear_intent import fold, word_vectorizer
from engine.tokenizer import WegwijsTokenizer

texts = json.loads(sys.stdin.read())
tokenizer = WegwijsTokenizer(WegwijsTokenizer.get_default_config())
messages = [Message(data={"text": t}) for t in texts]
tokenizer.process_training_data(TrainingData(training_examples=messages))

words = word_vectorizer()
words.fit([fold(t) for t in texts])
print(json.dumps({
    "tokens": [[t.text for t in m.get("text_tokens")] for m in messages],
    "vocabulary": sorted(words.vocabulary_),
}, ensure_ascii=False))
