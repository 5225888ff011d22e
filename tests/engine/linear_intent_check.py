"""Runs inside the Rasa environment: trains the linear intent classifier on a small data
set through Rasa's own model storage, loads it back and prints a JSON report."""

import json
import tempfile
from pathlib import Path

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from engine.linear_intent import LinearIntentClassifier

EXAMPLES = {
    "ask_legal_aid": ["i need a free lawyer", "ik wil een advocaat", "أريد محامي مجاني",
                      "free lawyer please", "how do i get a lawyer", "advocaat gratis"],
    "ask_health": ["i am sick", "ik ben ziek", "انا مريض", "i need a doctor",
                   "ik heb een dokter nodig", "احتاج دكتور"],
    "greet": ["hello", "hallo", "مرحبا", "hi there", "goedemorgen", "السلام عليكم"],
}


def parse(component, text):
    message = Message(data={TEXT: text})
    component.process([message])
    return message


with tempfile.TemporaryDirectory() as tmp:
    storage = LocalModelStorage(Path(tmp))
    resource = Resource("linear_intent")
    context = ExecutionContext(GraphSchema({}), "test")
    config = LinearIntentClassifier.get_default_config()
    trained = LinearIntentClassifier.create(config, storage, resource, context)
    trained.train(TrainingData([Message(data={TEXT: t, INTENT: i})
                                for i, texts in EXAMPLES.items() for t in texts]))
    # Three intents and eighteen examples score everything higher than the full data does;
    # a stricter floor stands in for the real one here.
    loaded = LinearIntentClassifier.load({**config, "min_score": 0.3}, storage, resource, context)
    report = {}
    for name, text in {"en": "I need a lawyer, free", "nl": "ben ziek, dokter nodig",
                       "ar": "مرحبا", "unknown": "qwxz vbnm plk"}.items():
        message = parse(loaded, text)
        ranking = message.get(INTENT_RANKING_KEY)
        report[name] = {"intent": message.get(INTENT)["name"],
                        "confidence": message.get(INTENT)["confidence"],
                        "ranking": [r["name"] for r in ranking],
                        "sum": sum(r["confidence"] for r in ranking),
                        "same_as_trained": parse(trained, text).get(INTENT)["name"]
                        == message.get(INTENT)["name"],
                        "top_score": float(loaded.model["svm"].decision_function(
                            loaded.model["vectorizer"].transform([text])).max())}
    empty = Message(data={})
    loaded.process([empty])
    report["no_text_untouched"] = empty.get(INTENT) is None
print(json.dumps(report, ensure_ascii=False))
