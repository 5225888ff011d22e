"""Entities as a value chosen per intent, by the same kind of linear model as the intents.

Each of our entities belongs to one intent and names one value from a closed set: the
phase in `inform_phase` ("I just arrived" → arrival), the organisation in `ask_contact`,
the rating in `rate_answer` ("bravo" → helpful), the language in `choose_language`. The
training examples mark them as phrases that carry the meaning rather than as names to
copy, so this is a classification of the message, not a span to find: for every intent
with marked entities, a linear SVM over character and word n-grams learns the value
(or "none") from that intent's examples. It replaces DIET, which took most of the
training time and a TensorFlow call per message, and is more accurate on a held-out split
of the marked examples (README, "Entities").

The entity covers the whole message (there is one value per message), which is what the
slot mappings and actions read.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from engine import ngram_svm
from engine.folding import fold
from engine.model_files import read_pickle, write_pickle

MODEL_FILE = "entity_values.pkl"
NONE = "<none>"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True
)
class EntityValueClassifier(GraphComponent, EntityExtractorMixin):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"C": 0.7, "char_ngrams": [1, 4], "min_df": 1, "temperature": 10.0}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage,
                 resource: Resource, models: Optional[Dict[Text, Any]] = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self.model_storage = model_storage
        self.resource = resource
        # intent → (entity name, vectorizer, svm)
        self.models: Dict[Text, Any] = models or {}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext
               ) -> "EntityValueClassifier":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        synonyms = {k.lower(): v for k, v in training_data.entity_synonyms.items()}
        entity_of: Dict[Text, Text] = {}
        for message in training_data.entity_examples:
            for entity in message.get(ENTITIES) or []:
                entity_of.setdefault(message.get(INTENT), entity["entity"])
        examples: Dict[Text, List[tuple]] = defaultdict(list)
        for message in training_data.intent_examples:
            intent = message.get(INTENT)
            if intent not in entity_of or not message.get(TEXT):
                continue
            values = [e for e in message.get(ENTITIES) or [] if e["entity"] == entity_of[intent]]
            value = str(values[0].get("value")) if values else NONE
            examples[intent].append((fold(message.get(TEXT)), synonyms.get(value.lower(), value)))
        self.models = {}
        for intent, rows in examples.items():
            labels = [v for _, v in rows]
            if len(set(labels)) < 2:
                continue
            vectorizer, svm = ngram_svm.fit([t for t, _ in rows], labels, self.config["C"],
                                            self.config["char_ngrams"], self.config["min_df"])
            self.models[intent] = (entity_of[intent], vectorizer, svm)
        write_pickle(self.model_storage, self.resource, MODEL_FILE, self.models)
        return self.resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "EntityValueClassifier":
        return cls(config, model_storage, resource,
                   read_pickle(model_storage, resource, MODEL_FILE))

    def value(self, intent: Text, text: Text) -> Optional[Dict[Text, Any]]:
        entity, vectorizer, svm = self.models[intent]
        _, probabilities = ngram_svm.scores_and_probabilities(
            vectorizer, svm, [fold(text)], float(self.config["temperature"]))
        row = probabilities[0]
        best = int(np.argmax(row))
        label = str(svm.classes_[best])
        if label == NONE:
            return None
        return {"entity": entity, "value": label, "start": 0, "end": len(text),
                "confidence_entity": float(row[best])}

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            text = message.get(TEXT) or ""
            if intent not in self.models or not text:
                continue
            found = self.value(intent, text)
            if found:
                entities = self.add_extractor_name([found])
                message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
