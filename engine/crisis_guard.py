"""A safety net for crisis messages: a phrase list that overrides the classifier.

The model recognises crisis messages well, but "well" is not enough for a message
about suicide, violence, trafficking or a child in danger: missing one sends a menu
to a person in danger. When a message contains a phrase from content/crisis_terms/
and the classifier chose anything but a crisis intent, this component puts the
crisis intent first with confidence 1.0 (and says so in the parse result), so the
crisis rule answers at once. Phrases are matched on normalised text (same folding as
engine/folding.py), as whole words at the start.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List, Text

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from engine.folding import fold

CRISIS_PREFIX = "crisis_"
ALWAYS_FIRST = {"emergency"}


def load_terms(path: Path) -> List[tuple]:
    """(compiled pattern, intent) pairs from every <lang>.yml in the folder; longest first."""
    pairs = []
    for file in sorted(path.glob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        for intent, phrases in data.items():
            for phrase in phrases or []:
                folded = fold(str(phrase))
                if folded:
                    pairs.append((folded, intent))
    pairs.sort(key=lambda p: -len(p[0]))
    # A number matches only whole ("112", not "1125").
    return [(re.compile(r"(?<!\w)" + re.escape(p) + (r"(?!\d)" if p[-1].isdigit() else "")), i)
            for p, i in pairs]


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class CrisisGuard(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # min_confidence: a crisis intent the classifier ranked at least this high wins over
        # a non-crisis first choice or a fallback (recall first; see `make nlu-report`).
        return {"terms": "content/crisis_terms", "min_confidence": 0.2}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.patterns = load_terms(Path(config["terms"]))
        self.min_confidence = float(config.get("min_confidence", 0.2))

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "CrisisGuard":
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def match(self, text: Text) -> Text | None:
        folded = fold(text)
        for pattern, intent in self.patterns:
            if pattern.search(folded):
                return intent
        return None

    def ranked_crisis(self, ranking: List[Dict[Text, Any]]) -> Text | None:
        for candidate in ranking:
            name = candidate.get("name") or ""
            if (name.startswith(CRISIS_PREFIX) or name in ALWAYS_FIRST) and \
                    (candidate.get("confidence") or 0) >= self.min_confidence:
                return name
        return None

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            predicted = (message.get(INTENT) or {}).get("name") or ""
            if predicted.startswith(CRISIS_PREFIX) or predicted in ALWAYS_FIRST:
                continue
            intent = self.match(message.get(TEXT) or "")
            if intent is None:
                intent = self.ranked_crisis(message.get(INTENT_RANKING_KEY) or [])
            if intent is None:
                continue
            message.set(INTENT, {"name": intent, "confidence": 1.0, "crisis_guard": True},
                        add_to_output=True)
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
            message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 1.0}] + ranking,
                        add_to_output=True)
        return messages
