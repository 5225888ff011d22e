"""Runs inside the Rasa environment: trains the entity value classifier on a small data set
through Rasa's own model storage, loads it back and prints a JSON report."""

import json
import tempfile
from pathlib import Path

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from engine.entity_values import EntityValueClassifier


def example(text, intent, entity=None, value=None):
    data = {TEXT: text, INTENT: intent}
    if entity:
        # Marked the way the YAML reader marks "[text]{"entity": ..., "value": ...}".
        data[ENTITIES] = [{"entity": entity, "value": value, "start": 0, "end": len(text)}]
    return Message(data=data)


TRAINING = [
    *(example(t, "inform_phase", "phase", "arrival") for t in
      ["i just arrived", "ik ben net aangekomen", "وصلت امبارح", "arrived yesterday in ter apel"]),
    *(example(t, "inform_phase", "phase", "dublin") for t in
      ["i am dublin", "ik heb dublin", "عندي دبلن", "they say dublin italy"]),
    *(example(t, "ask_contact", "organisation", "coa") for t in
      ["coa phone number", "nummer van het coa", "رقم الكوا", "how to call coa"]),
    *(example(t, "ask_contact", "organisation", "IND") for t in
      ["ind phone number", "nummer van de ind", "رقم الاي ان دي", "how to call ind"]),
    *(example(t, "ask_contact") for t in
      ["phone numbers please", "welke nummers zijn er", "ارقام التلفون", "who can i call"]),
    *(example(t, "greet") for t in ["hello", "hallo", "مرحبا", "hi"]),
]


def parse(component, text, intent):
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.9}})
    component.process([message])
    return message.get(ENTITIES) or []


with tempfile.TemporaryDirectory() as tmp:
    storage = LocalModelStorage(Path(tmp))
    resource = Resource("entity_values")
    context = ExecutionContext(GraphSchema({}), "test")
    config = EntityValueClassifier.get_default_config()
    trained = EntityValueClassifier.create(config, storage, resource, context)
    # "coa" → "COA": values come out as their synonyms say, like EntitySynonymMapper's.
    trained.train(TrainingData(TRAINING, entity_synonyms={"coa": "COA"}))
    loaded = EntityValueClassifier.load(config, storage, resource, context)
    cases = {"arrival": ("net aangekomen in ter apel", "inform_phase"),
             "dublin": ("dublin met italie", "inform_phase"),
             "coa": ("telefoon coa", "ask_contact"),
             "ind": ("ind nummer", "ask_contact"),
             "none": ("which numbers can i call", "ask_contact"),
             "other_intent": ("i just arrived", "greet")}
    report = {name: parse(loaded, text, intent) for name, (text, intent) in cases.items()}
    report["same_as_trained"] = all(parse(trained, t, i) == report[n]
                                    for n, (t, i) in cases.items())
    report["intents"] = sorted(loaded.models)
print(json.dumps(report, ensure_ascii=False))
