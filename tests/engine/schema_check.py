"""Runs inside the Rasa environment: the cached validator accepts and rejects exactly
what jsonschema.validate does, for Rasa's own action and NLG response schemas."""

import json
import sys
import time

import jsonschema

from engine import schema_cache
from rasa.core.actions.action import RemoteAction
from rasa.core.nlg.callback import nlg_response_format_spec

cases = [
    (RemoteAction.action_response_format_spec(), {"events": [], "responses": [{"response": "utter_x"}]}),
    (RemoteAction.action_response_format_spec(), {"events": [{"event": "slot", "name": "a", "value": 1}], "responses": []}),
    (RemoteAction.action_response_format_spec(), {"events": "not a list", "responses": []}),
    (RemoteAction.action_response_format_spec(), {"events": [{"no_event_key": 1}], "responses": []}),
    (nlg_response_format_spec(), {"custom": {"text": "x"}}),
    (nlg_response_format_spec(), {"text": 5}),
    (nlg_response_format_spec(), {"buttons": "x"}),
]


def outcome(fn, instance, schema):
    try:
        fn(instance, schema)
        return "ok"
    except jsonschema.ValidationError as e:
        return "invalid: " + e.message


original = [outcome(jsonschema.validate, i, s) for s, i in cases]
schema_cache.install()
start = time.perf_counter()
cached = [outcome(jsonschema.validate, i, s) for s, i in cases * 20]
per_call_ms = (time.perf_counter() - start) / (len(cases) * 20) * 1000
print(json.dumps({"original": original, "cached": cached[: len(cases)], "per_call_ms": per_call_ms}))
sys.exit(0)
