"""Runs inside the Rasa environment: tokenises and featurises sample texts with the
pipeline's own components and prints the tokens and word vocabulary as JSON."""

import json
import sys

from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.shared.utils.io import read_yaml_file

from engine.tokenizer import WegwijsTokenizer

texts = json.loads(sys.stdin.read())
config = read_yaml_file("config.yml")
word_cvf = next(c for c in config["pipeline"] if c["name"] == "CountVectorsFeaturizer")
tokenizer = WegwijsTokenizer(WegwijsTokenizer.get_default_config())
messages = [Message(data={"text": t}) for t in texts]
data = TrainingData(training_examples=messages)
tokenizer.process_training_data(data)

storage = LocalModelStorage(__import__("pathlib").Path(sys.argv[1]))
cvf_config = {**CountVectorsFeaturizer.get_default_config(),
              **{k: v for k, v in word_cvf.items() if k != "name"}}
cvf = CountVectorsFeaturizer(cvf_config, storage, Resource("cvf"),
                             ExecutionContext(None, "check"))
cvf.train(data)
print(json.dumps({
    "tokens": [[t.text for t in m.get("text_tokens")] for m in messages],
    "vocabulary": sorted(cvf.vectorizers["text"].vocabulary_),
}, ensure_ascii=False))
