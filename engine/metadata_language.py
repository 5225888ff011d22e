"""Turns the gateway's message metadata {"language": code} into an entity.

The language slot then fills through a plain `from_entity` mapping inside Rasa,
instead of a round trip to the action server (with the whole tracker and domain)
on every message. Only supported codes pass; the gateway already resolved them.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

ENTITY = "conversation_language"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False
)
class MetadataLanguage(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"languages": []}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.languages = set(config.get("languages") or [])

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "MetadataLanguage":
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            metadata = message.get("metadata") or {}
            code = metadata.get("language") if isinstance(metadata, dict) else None
            if code in self.languages:
                entity = {"entity": ENTITY, "value": code, "start": 0, "end": 0,
                          "extractor": self.__class__.__name__}
                message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)
        return messages
