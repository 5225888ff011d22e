"""The Rasa engine seen from our side: its environment, model fingerprint and commands."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from bot.settings import ROOT, Settings

RASA_VENV = ROOT / ".venv-rasa"
RASA_BIN = RASA_VENV / "bin" / "rasa"
# Everything the trained model depends on; a change to any of these means a new model.
TRAINING_INPUTS = ("config.yml", "domain", "data", "engine", "requirements/rasa.lock")


def fingerprint() -> str:
    digest = hashlib.sha256()
    for entry in TRAINING_INPUTS:
        path = ROOT / entry
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def model_path(settings: Settings) -> Path:
    return settings.models_dir / f"wegwijs-{fingerprint()}.tar.gz"


def engine_env(settings: Settings, serving: bool = False) -> dict[str, str]:
    """Environment for Rasa: endpoint URLs for endpoints.yml, no telemetry, quiet TF."""
    env = dict(os.environ)
    env.update({
        "WEGWIJS_ACTIONS_WEBHOOK": f"{settings.actions_url}/webhook",
        "WEGWIJS_NLG_URL": settings.nlg_url,
        "WEGWIJS_TRACKER_URL": settings.tracker_url,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONPATH": str(ROOT),
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    })
    if serving:
        # Inference runs tiny ops one message at a time: handing them to thread
        # pools costs more than it gains (see `make bench`). Training keeps both cores.
        for var in ("TF_INTER_OP_PARALLELISM_THREADS", "TF_INTRA_OP_PARALLELISM_THREADS"):
            env.setdefault(var, "1")
    return env


def check_engine_installed() -> None:
    if not RASA_BIN.exists():
        sys.exit("The Rasa environment is missing: run `make setup` first.")


def train(settings: Settings, force: bool = False) -> Path:
    """Train a model unless one for the current training data exists; return its path."""
    check_engine_installed()
    target = model_path(settings)
    if target.exists() and not force:
        print(f"Model up to date: {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        return target
    settings.models_dir.mkdir(parents=True, exist_ok=True)
    print("Training the model (a few minutes on 2 cores)...", flush=True)
    cmd = [str(RASA_BIN), "train", "--config", "config.yml", "--domain", "domain",
           "--data", "data", "--out", str(settings.models_dir),
           "--fixed-model-name", target.name.removesuffix(".tar.gz")]
    subprocess.run(cmd, cwd=ROOT, env=engine_env(settings), check=True)
    return target


def serve_command(settings: Settings, model: Path, index: int = 0) -> list[str]:
    """`rasa run` on 127.0.0.1 with no management API (--enable-api is never passed),
    started through engine.serve for its schema-validation cache."""
    return [str(RASA_VENV / "bin" / "python"), "-m", "engine.serve", "run", "-i", "127.0.0.1", "-p", str(settings.rasa_port + index),
            "-m", str(model), "--endpoints", "endpoints.yml",
            "--credentials", "credentials.yml", "--log-file",
            str(settings.data_dir / "logs" / f"rasa-{index}-debug.log")]
