"""Settings, read from the environment (prefix WEGWIJS_). Every field is listed in the README."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """All configuration of the gateway, NLG service, action server and process stack."""

    model_config = SettingsConfigDict(env_prefix="WEGWIJS_", extra="ignore",
                                      populate_by_name=True)

    host: str = "127.0.0.1"
    port: int = Field(8000, description="Port of the web chat, chat API and NLG service.")
    rasa_port: int = Field(5005, description="Port of the first engine; engine i uses rasa_port + i.")
    engines: int = Field(2, ge=1, le=8, description="Rasa engine processes; each conversation "
                         "always goes to the same one (a hash of its pseudonym).")
    actions_port: int = 5055
    data_dir: Path = ROOT / "var"
    models_dir: Path = ROOT / "models"
    database_url: str = Field(
        "", description="Tracker store URL; empty means SQLite at <data_dir>/tracker.db."
    )
    secret_key: str = Field(
        "", description="Key for pseudonymous ids and signed buttons; generated into data_dir if empty."
    )
    default_language: str = "en"
    serve_drafts: bool = Field(True, description="Serve machine-drafted (fuzzy) translations.")
    max_message_chars: int = 1000
    content_max_age_days: int = Field(
        180, description="An answer checked longer ago than this is listed as stale.")
    engine_timeout: float = Field(5.0, description="Seconds to wait for the Rasa server.")
    log_messages: bool = Field(False, description="Log message text (debugging only).")
    app_database_url: str = Field(
        "", description="Our own store (consent, language per Telegram person); empty means "
        "SQLite at <data_dir>/wegwijs.db.")
    staff_database_url: str = Field(
        "", description="Review state of the staff pages; empty means SQLite at "
        "<data_dir>/staff.db.")
    staff_local_dev: bool = Field(
        True, description="Local development: the staff session cookie is sent over plain "
        "HTTP. Set false behind HTTPS so the cookie is Secure.")
    staff_session_hours: int = Field(12, ge=1, description="A staff sign-in lasts this long.")
    serve_only_approved: bool = Field(
        False, description="Serve only answers approved for their current text; others get "
        "the safe 'ask VWN / your COA desk' answer (crisis answers are always served).")

    # Telegram (names without the WEGWIJS_ prefix, as Telegram's own docs use them).
    telegram_bot_token: str = Field(
        "", validation_alias=AliasChoices("TELEGRAM_BOT_TOKEN", "WEGWIJS_TELEGRAM_BOT_TOKEN"))
    telegram_api_base_url: str = Field(
        "https://api.telegram.org/bot",
        validation_alias=AliasChoices("TELEGRAM_API_BASE_URL", "WEGWIJS_TELEGRAM_API_BASE_URL"))
    telegram_webhook_url: str = Field(
        "", description="Public HTTPS URL of /telegram/webhook; empty means long polling.",
        validation_alias=AliasChoices("TELEGRAM_WEBHOOK_URL", "WEGWIJS_TELEGRAM_WEBHOOK_URL"))
    telegram_webhook_secret: str = Field(
        "", description="Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token; derived "
        "from the secret key if empty.",
        validation_alias=AliasChoices("TELEGRAM_WEBHOOK_SECRET", "WEGWIJS_TELEGRAM_WEBHOOK_SECRET"))
    telegram_messages_per_second: float = Field(
        30, gt=0, le=1000, description="Overall pace of messages sent to Telegram (its "
        "broadcast limit is about 30 per second; per chat it stays about 1 per second).")
    telegram_burst_seconds: float = Field(
        3, ge=1, le=10, description="How many seconds' worth of the overall pace may be sent "
        "at once; the average stays at the pace.")

    @property
    def rasa_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{self.rasa_port + i}" for i in range(self.engines)]

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}"

    @property
    def nlg_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/nlg"

    @property
    def tracker_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'tracker.db'}"

    @property
    def staff_url(self) -> str:
        return self.staff_database_url or f"sqlite:///{self.data_dir / 'staff.db'}"

    @property
    def store_url(self) -> str:
        return self.app_database_url or f"sqlite:///{self.data_dir / 'wegwijs.db'}"

    def key(self) -> bytes:
        """The secret key; created once in data_dir so ids stay stable across restarts."""
        if self.secret_key:
            return self.secret_key.encode()
        path = self.data_dir / "secret_key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_hex(32))
            path.chmod(0o600)
        return path.read_text().strip().encode()


@lru_cache
def get_settings() -> Settings:
    return Settings()
