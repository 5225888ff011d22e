"""NLU quality per language: held-out test set, or cross-validation on the training data.

Runs inside the Rasa environment (`make nlu-report`, `make nlu-cv`). Training data lives in
data/nlu/<lang>/ (data/nlu/*.yml directly are shared by every language); the held-out test
sets, written independently of the training data, in tests/nlu/<lang>.yml.

  python scripts/nlu_report.py heldout --model models/x.tar.gz [--json out.json]
  python scripts/nlu_report.py cv --folds 3 [--json out.json]

Prints per language: examples, intent accuracy, macro F1, crisis recall (crisis_* and
emergency messages that got exactly their intent), and the most frequent confusions.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)
logging.disable(logging.WARNING)
os.environ.setdefault("LOG_LEVEL", "WARNING")

CRISIS = lambda name: name.startswith("crisis_") or name == "emergency"  # noqa: E731


def load(path: Path) -> list[tuple[str, str]]:
    """(text, intent) pairs of a Rasa NLU YAML file or directory."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    return [(m.get("text"), m.get("intent")) for m in data.intent_examples]


def metrics(gold: list[str], pred: list[str]) -> dict:
    from sklearn.metrics import f1_score

    crisis = [(g, p) for g, p in zip(gold, pred, strict=True) if CRISIS(g)]
    confusions = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
    return {
        "examples": len(gold),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / max(len(gold), 1), 4),
        "macro_f1": round(float(f1_score(gold, pred, average="macro", zero_division=0)), 4),
        "crisis_examples": len(crisis),
        "crisis_recall": round(sum(g == p for g, p in crisis) / len(crisis), 4) if crisis else None,
        "crisis_answered_as_crisis": round(sum(CRISIS(p) for _, p in crisis) / len(crisis), 4)
        if crisis else None,
        # Non-crisis messages answered with a crisis response (the price of recall first).
        "crisis_false_alarms": sum(1 for g, p in zip(gold, pred, strict=True)
                                   if CRISIS(p) and not CRISIS(g)),
        "confusions": [{"gold": g, "predicted": p, "count": n}
                       for (g, p), n in confusions.most_common()],
    }


TOP = {}  # text → best intent other than nlu_fallback (how much the fallback costs)
ENTITIES = {}  # text → {(entity, value)} found (the gateway's conversation_language left out)


async def predict(model: Path, texts: list[str]) -> list[str]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    out = []
    for text in texts:
        result = await agent.parse_message(text)
        out.append(result["intent"]["name"] if result.get("intent") else "nlu_fallback")
        ranked = [r["name"] for r in result.get("intent_ranking") or [] if r["name"] != "nlu_fallback"]
        TOP[text] = ranked[0] if ranked else out[-1]
        ENTITIES[text] = {(e["entity"], str(e["value"])) for e in result.get("entities") or []
                          if e["entity"] != "conversation_language"}
    return out


def languages() -> list[str]:
    return sorted(p.name for p in (ROOT / "data" / "nlu").iterdir() if p.is_dir())


# Crisis sets written later and apart from the first (their README.md says how), reported
# beside it: crisis messages and near misses that share words with a crisis.
CRISIS_SETS = {"second_set": ROOT / "tests" / "nlu_second", "third_set": ROOT / "tests" / "nlu_third"}


def heldout(model: Path) -> dict:
    report = {}
    for lang in languages():
        path = ROOT / "tests" / "nlu" / f"{lang}.yml"
        if not path.exists():
            report[lang] = {"examples": 0, "missing": str(path.relative_to(ROOT))}
            continue
        extra = {}
        for name, folder in CRISIS_SETS.items():
            if (folder / f"{lang}.yml").exists():
                pairs = load(folder / f"{lang}.yml")
                extra[name] = metrics([g for _, g in pairs],
                                      asyncio.run(predict(model, [t for t, _ in pairs])))
        pairs = load(path)
        pred = asyncio.run(predict(model, [t for t, _ in pairs]))
        report[lang] = metrics([g for _, g in pairs], pred)
        top = [TOP[t] for t, _ in pairs]
        report[lang]["accuracy_without_fallback"] = metrics([g for _, g in pairs], top)["accuracy"]
        report[lang].update(extra)
    return report


def nlu_config(folder: Path) -> Path:
    """config.yml without the dialogue policies: the NLU pipeline alone, seconds per fold."""
    import yaml

    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    config.pop("policies", None)
    path = folder / "config-nlu.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def cross_validation(folds: int) -> dict:
    from rasa.model_training import train_nlu
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter
    from rasa.shared.nlu.training_data.loading import load_data
    from rasa.shared.nlu.training_data.training_data import TrainingData
    from sklearn.model_selection import StratifiedKFold

    shared = [load_data(str(p)) for p in sorted((ROOT / "data" / "nlu").glob("*.yml"))]
    per_lang = {lang: load_data(str(ROOT / "data" / "nlu" / lang)) for lang in languages()}
    splits = {}
    for lang, data in per_lang.items():
        examples = data.intent_examples
        labels = [m.get("intent") for m in examples]
        k = min(folds, min(Counter(labels).values()))
        splits[lang] = list(StratifiedKFold(n_splits=k, shuffle=True, random_state=2026)
                            .split(examples, labels))
    gold, pred = defaultdict(list), defaultdict(list)
    synonyms = {k.lower(): v for d in [*shared, *per_lang.values()] for k, v in d.entity_synonyms.items()}
    # Messages with a marked entity whose intent came out right: was the value right too?
    values = defaultdict(lambda: [0, 0])
    with tempfile.TemporaryDirectory() as tmp:
        config = nlu_config(Path(tmp))
        for fold in range(folds):
            train, test = [], {}
            for lang, data in per_lang.items():
                examples = data.intent_examples
                if fold >= len(splits[lang]):
                    train += examples
                    continue
                train_idx, test_idx = splits[lang][fold]
                train += [examples[i] for i in train_idx]
                test[lang] = [examples[i] for i in test_idx]
            merged = TrainingData(training_examples=train).merge(*shared)
            nlu_file = Path(tmp) / f"fold{fold}.yml"
            nlu_file.write_text(RasaYAMLWriter().dumps(merged), encoding="utf-8")
            print(f"fold {fold + 1}/{folds}: training on {len(merged.intent_examples)} examples",
                  file=sys.stderr, flush=True)
            model = train_nlu(str(config), str(nlu_file), tmp, fixed_model_name=f"fold{fold}",
                              domain="domain")
            for lang, examples in test.items():
                gold[lang] += [m.get("intent") for m in examples]
                predicted = asyncio.run(predict(Path(model), [m.get("text") for m in examples]))
                pred[lang] += predicted
                for m, p in zip(examples, predicted, strict=True):
                    if m.get("entities") and p == m.get("intent"):
                        want = {(e["entity"], synonyms.get(str(e["value"]).lower(), str(e["value"])))
                                for e in m.get("entities")}
                        values[lang][0] += 1
                        values[lang][1] += want <= ENTITIES[m.get("text")]
    report = {lang: metrics(gold[lang], pred[lang]) for lang in per_lang}
    for lang, (n, right) in values.items():
        report[lang]["entity_examples"] = n
        report[lang]["entity_value_accuracy"] = round(right / n, 4) if n else None
    return report


def print_report(title: str, report: dict) -> None:
    print(f"\n{title}")
    print(f"{'language':<9}{'examples':>9}{'accuracy':>10}{'macro F1':>10}{'crisis recall':>15}"
          f"{'false alarms':>14}{'acc. w/o fallback':>19}")
    rows = [(lang, r) for lang, r in report.items() if r.get("examples")]
    for lang, r in rows:
        recall = "-" if r["crisis_recall"] is None else f"{r['crisis_recall']:.3f}"
        nofb = f"{r['accuracy_without_fallback']:.3f}" if "accuracy_without_fallback" in r else "-"
        print(f"{lang:<9}{r['examples']:>9}{r['accuracy']:>10.3f}{r['macro_f1']:>10.3f}{recall:>15}"
              f"{r['crisis_false_alarms']:>14}{nofb:>19}")
    total = sum(r["examples"] for _, r in rows)
    if total:
        overall = sum(r["accuracy"] * r["examples"] for _, r in rows) / total
        print(f"{'overall':<9}{total:>9}{overall:>10.3f}")
    for lang, r in report.items():
        if r.get("missing"):
            print(f"{lang:<9} no test set ({r['missing']})")
    entity = [(lang, r) for lang, r in rows if r.get("entity_examples")]
    if entity:
        print("\nEntity values (phase, organisation, rating, language) right, of the marked "
              "messages whose intent was right:")
        print("  " + "  ".join(f"{lang} {r['entity_value_accuracy']:.3f} ({r['entity_examples']})"
                               for lang, r in entity))
        n = sum(r["entity_examples"] for _, r in entity)
        right = sum(r["entity_value_accuracy"] * r["entity_examples"] for _, r in entity)
        print(f"  overall {right / n:.3f} ({n})")
    for name, folder in CRISIS_SETS.items():
        extra = [(lang, r[name]) for lang, r in rows if r.get(name)]
        if not extra:
            continue
        print(f"\n{name.replace('_', ' ').capitalize()} ({folder.relative_to(ROOT)}/): crisis "
              "messages answered as a crisis, exact crisis intent, near misses answered as one")
        for lang, r in extra:
            near = r["examples"] - r["crisis_examples"]
            print(f"  {lang:<7}{r['crisis_answered_as_crisis']:>7.3f}{r['crisis_recall']:>7.3f}"
                  f"{r['crisis_false_alarms']:>5} of {near}")
    print("\nMost frequent confusions (gold → predicted):")
    for lang, r in rows:
        top = ", ".join(f"{c['gold']}→{c['predicted']} ×{c['count']}" for c in r["confusions"][:8])
        print(f"  {lang}: {top or 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="mode", required=True)
    held = sub.add_parser("heldout")
    held.add_argument("--model", required=True, type=Path)
    held.add_argument("--json", type=Path)
    cv = sub.add_parser("cv")
    cv.add_argument("--folds", type=int, default=3)
    cv.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.mode == "heldout":
        report = heldout(args.model)
        print_report(f"Held-out NLU test set (tests/nlu/), model {args.model.name}", report)
    else:
        report = cross_validation(args.folds)
        print_report(f"NLU cross-validation, {args.folds} folds per language", report)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
