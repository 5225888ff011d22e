"""Our components' own files inside Rasa's model archive."""

from __future__ import annotations

import pickle
from typing import Any, Optional, Text

from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


def write_pickle(model_storage: ModelStorage, resource: Resource, name: Text, obj: Any) -> None:
    with model_storage.write_to(resource) as directory:
        (directory / name).write_bytes(pickle.dumps(obj))


def read_pickle(model_storage: ModelStorage, resource: Resource, name: Text) -> Optional[Any]:
    """What write_pickle stored, or None when the component was never trained."""
    try:
        with model_storage.read_from(resource) as directory:
            # Our own file, written by our train() into the model archive we built.
            return pickle.loads((directory / name).read_bytes())
    except (ValueError, FileNotFoundError):
        return None
