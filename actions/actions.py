"""Custom actions. They pick responses and fill arguments; they never write user text."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.content import route


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
