"""Custom actions. They pick responses and fill arguments; they never write user text.

Which response answers a question comes from the routing table (content/routing.yml),
given the person's situation: the phase and minor slots, the organisation or rating the
message names, and the answer they saw last.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.content import contacts, responses, route

logger = logging.getLogger(__name__)

# Responses that are about the conversation itself, never "the answer" people react to.
NOT_ANSWERS = {"utter_rate_buttons", "utter_feedback_thanks", "utter_feedback_sorry",
               "utter_default", "utter_menu", "utter_greet"}
# "Who can help me?" after an answer shows at most this many contact cards.
MAX_CONTACT_CARDS = 3


def last_answer(tracker: Tracker) -> str | None:
    """The response name of the assistant's latest message, when that was an answer.

    Only the latest: after a greeting or the menu, "who can help me?" is a new question,
    not one about an answer further back.
    """
    for event in reversed(tracker.events):
        if event.get("event") == "session_started":
            return None
        if event.get("event") == "bot":
            name = (event.get("metadata") or {}).get("utter_action")
            return name if name in responses() and name not in NOT_ANSWERS else None
    return None


def entity(tracker: Tracker, name: str) -> str | None:
    value = next(tracker.get_latest_entity_values(name), None)
    return value if isinstance(value, str) and value else None


def situation(tracker: Tracker) -> dict[str, Any]:
    """What the routing table's conditions may look at."""
    organisation = entity(tracker, "organisation") or organisation_in_text(
        tracker.latest_message.get("text") or "")
    return {
        "phase": tracker.get_slot("phase"),
        "minor": bool(tracker.get_slot("minor")),
        "organisation": organisation.upper() if organisation else None,
        "rating": entity(tracker, "rating"),
    }


def organisation_in_text(text: str) -> str | None:
    """A directory key named in the text (its key or an alias), when NLU found no entity."""
    words = set(re.findall(r"\w+", text.lower()))
    for key, entry in contacts().items():
        names = {key.lower()} | {a.lower() for a in entry.get("aliases") or []}
        if words & names:
            return key
    return None


class ActionAnswerQuestion(Action):
    """Answers the latest intent with the routing table's response for the person's situation."""

    def name(self) -> str:
        return "action_answer_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name") or "nlu_fallback"
        try:
            row = route(intent, situation(tracker))
        except LookupError:
            logger.warning("no route for intent %s; answering with the default", intent)
            row = route("nlu_fallback")
        dispatcher.utter_message(response=row["response"])
        return []


class ActionGiveContact(Action):
    """Contact cards: the organisation asked for, else the ones the last answer routed to."""

    def name(self) -> str:
        return "action_give_contact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        known = responses()
        current = situation(tracker)
        if current["organisation"]:
            dispatcher.utter_message(response=route("ask_contact", current)["response"])
            return []
        previous = last_answer(tracker)
        cards = []
        for organisation in (known[previous].routes if previous else []):
            card = route("ask_contact", {"organisation": organisation})["response"]
            if card != "utter_contact_overview" and card not in cards:
                cards.append(card)
        for card in cards[:MAX_CONTACT_CARDS] or ["utter_contact_overview"]:
            dispatcher.utter_message(response=card)
        return []


class ActionShowMore(Action):
    """The "More" part of the last answer; the menu when it has none."""

    def name(self) -> str:
        return "action_show_more"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        previous = last_answer(tracker)
        more = responses()[previous].more if previous else None
        dispatcher.utter_message(response=more if more in responses() else "utter_menu")
        return []


class ActionRecordFeedback(Action):
    """Stores a rating of the last answer (response name, language, rating: no text, no person)."""

    def name(self) -> str:
        return "action_record_feedback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        current = situation(tracker)
        rating = current["rating"] if current["rating"] in ("helpful", "not_helpful") else None
        answer = last_answer(tracker)
        if rating and answer:
            from actions.feedback import record

            await record(answer, tracker.get_slot("language") or "", rating)
        dispatcher.utter_message(response=route("rate_answer", current)["response"])
        return []
