"""Runs inside the Rasa environment: checks the crisis guard against the training data
and a few constructed parse results; prints a JSON report."""

import json
from pathlib import Path

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from engine.crisis_guard import CRISIS_PREFIX, CrisisGuard

guard = CrisisGuard(CrisisGuard.get_default_config())
report = {"false_alarms": [], "caught": 0, "crisis_examples": 0, "files": []}
for lang_dir in sorted(Path("data/nlu").iterdir()):
    if not lang_dir.is_dir():
        continue
    for m in load_data(str(lang_dir)).intent_examples:
        intent, hit = m.get("intent"), guard.match(m.get("text"))
        if intent.startswith(CRISIS_PREFIX):
            report["crisis_examples"] += 1
            report["caught"] += hit is not None
        elif hit is not None and intent != "emergency":
            report["false_alarms"].append([lang_dir.name, intent, m.get("text"), hit])


def run(text, intent, ranking):
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.5},
                            INTENT_RANKING_KEY: ranking})
    guard.process([message])
    return message.get(INTENT)["name"]


report["cases"] = {
    "phrase_overrides_menu": run("I want to kill myself", "show_menu",
                                 [{"name": "show_menu", "confidence": 0.9}]),
    "ranked_crisis_overrides_fallback": run("xyz", "nlu_fallback",
                                            [{"name": "ask_health", "confidence": 0.4},
                                             {"name": "crisis_violence", "confidence": 0.3}]),
    "low_ranked_crisis_does_not": run("xyz", "ask_health",
                                      [{"name": "ask_health", "confidence": 0.9},
                                       {"name": "crisis_violence", "confidence": 0.05}]),
    "classifier_crisis_kept": run("my husband hits my child", "crisis_child",
                                  [{"name": "crisis_child", "confidence": 0.8}]),
    "folded_turkish_capital": run("İNTİHAR edeceğim", "greet", []),
    "emergency_number_in_any_language": run("112 now please", "inform_minor", []),
    "longer_number_is_not_112": run("my room is 1125", "ask_transfer", []),
    "persian_digits_112": run("زنگ زدم ۱۱۲", "ask_contact", []),
}
print(json.dumps(report, ensure_ascii=False))
