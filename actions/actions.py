"""Custom actions. They pick responses and fill arguments; they never write user text."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.content import route
from bot.languages import resolve


class ActionExtractLanguage(Action):
    """Fill the language slot from an explicit choice or the gateway's message metadata."""

    def name(self) -> str:
        return "action_extract_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        metadata = tracker.latest_message.get("metadata") or {}
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        # An explicit choice ("Arabic please") beats the detected script of the same
        # message; a language named in any other message does not switch.
        chosen = next(tracker.get_latest_entity_values("language"), None) \
            if intent == "choose_language" else None
        for candidate in (chosen, metadata.get("language")):
            lang = resolve(candidate) if isinstance(candidate, str) else None
            if lang:
                if lang.code != tracker.get_slot("language"):
                    return [SlotSet("language", lang.code)]
                return []
        return []


class RoutedAction:
    """Mixin: answer a topic with the response the routing table gives for the person's situation.

    Not an Action itself, so rasa-sdk does not register it.
    """

    topic = ""

    def situation(self, tracker: Tracker) -> dict[str, Any]:
        return {"phase": tracker.get_slot("phase"), "minor": bool(tracker.get_slot("minor"))}

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(response=route(self.topic, **self.situation(tracker)))
        return []


class ActionExplainPhase(RoutedAction, Action):
    topic = "phase"

    def name(self) -> str:
        return "action_explain_phase"

    def situation(self, tracker: Tracker) -> dict[str, Any]:
        return {"phase": tracker.get_slot("phase")}


class ActionRouteLegalAid(RoutedAction, Action):
    topic = "legal_aid"

    def name(self) -> str:
        return "action_route_legal_aid"


class ActionRouteReturn(RoutedAction, Action):
    topic = "return"

    def name(self) -> str:
        return "action_route_return"


class ActionGiveContact(RoutedAction, Action):
    topic = "contact"

    def name(self) -> str:
        return "action_give_contact"

    def situation(self, tracker: Tracker) -> dict[str, Any]:
        organisation = next(tracker.get_latest_entity_values("organisation"), None)
        return {"organisation": organisation.upper() if isinstance(organisation, str) else None}
