"""Validate JSON against a schema with a validator compiled once per schema.

Rasa 3.6 calls `jsonschema.validate` on every custom-action result and every NLG
reply. That function first checks the schema itself against the meta-schema, which
costs about 15 ms per call on these machines: most of a turn's CPU. This drop-in
keeps the same semantics (schema checked once, same errors raised) and caches
the compiled validator by the schema's content.
"""

from __future__ import annotations

import json
from typing import Any, Dict

import jsonschema
from jsonschema.exceptions import best_match

_validators: Dict[str, Any] = {}


def validate(instance: Any, schema: Dict[str, Any], cls: Any = None, *args: Any, **kwargs: Any) -> None:
    key = json.dumps(schema, sort_keys=True, default=str)
    validator = _validators.get(key)
    if validator is None:
        cls = cls or jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        validator = _validators[key] = cls(schema, *args, **kwargs)
    error = best_match(validator.iter_errors(instance))
    if error is not None:
        raise error


def install() -> None:
    """Rasa imports `validate` from the jsonschema module at call time, so this reaches it."""
    jsonschema.validate = validate
