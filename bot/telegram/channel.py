"""The Telegram channel: python-telegram-bot's Application, built in one place.

Every update goes through `dispatch`: concurrent across chats, in order within a
chat (a lock per chat). Text and button presses go to the same Gateway as
/api/chat. Before the first answer a person chooses a language and accepts the
privacy notice; until then nothing is sent to the engine.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from collections import defaultdict
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator

from telegram import BotCommand, Chat, LinkPreviewOptions, Update, User
from telegram.ext import Application, ContextTypes, TypeHandler

from bot import languages
from bot.gateway import EngineUnavailable, Gateway, Reply, command_of
from bot.render import Renderer
from bot.settings import Settings
from bot.store import Store
from bot.telegram import render
from bot.telegram.buttons import payload_for
from bot.telegram.pacing import Pacer

logger = logging.getLogger(__name__)
COMMANDS = ("start", "menu", "language", "help", "privacy", "forget")
CHOOSE_LANGUAGE = "/choose_language"
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def non_text_kind(message: Any) -> str:
    """Which 'I cannot read this' answer fits a message without text."""
    if message.voice or message.audio or message.video_note:
        return "voice"
    if message.photo or message.video or message.animation:
        return "photo"
    if message.document:
        return "document"
    if message.location or message.venue or message.contact:
        return "location"
    return "sticker"


class TelegramChannel:
    def __init__(self, settings: Settings, gateway: Gateway, renderer: Renderer,
                 store: Store) -> None:
        self.settings, self.gateway, self.renderer, self.store = settings, gateway, renderer, store
        self.webhook = bool(settings.telegram_webhook_url)
        self.secret = settings.telegram_webhook_secret or hmac.new(
            settings.key(), b"telegram-webhook", hashlib.sha256).hexdigest()[:32]
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: defaultdict[int, int] = defaultdict(int)
        self.application = self._build()

    # -- life cycle ----------------------------------------------------------------------
    def _build(self) -> Application:
        builder = (Application.builder()
                   .token(self.settings.telegram_bot_token)
                   .base_url(self.settings.telegram_api_base_url)
                   .rate_limiter(Pacer(self.settings.telegram_messages_per_second,
                                       overall_burst_seconds=self.settings.telegram_burst_seconds))
                   .concurrent_updates(256))
        if self.webhook:
            builder = builder.updater(None)
        application = builder.build()
        application.add_handler(TypeHandler(Update, self.dispatch))
        application.add_error_handler(self.on_error)
        return application

    @property
    def mode(self) -> str:
        return "webhook" if self.webhook else "long polling"

    async def start(self) -> None:
        app = self.application
        await app.initialize()
        await self.set_commands()
        if self.webhook:
            await app.bot.set_webhook(self.settings.telegram_webhook_url, secret_token=self.secret,
                                      allowed_updates=Update.ALL_TYPES)
        else:
            await app.bot.delete_webhook()
            await app.updater.start_polling(allowed_updates=Update.ALL_TYPES)
        await app.start()
        logger.info("Telegram channel running (%s)", self.mode)

    async def stop(self) -> None:
        app = self.application
        if app.updater and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()

    async def set_commands(self) -> None:
        """The command menu in each language; English is Telegram's default."""
        for code in languages.LANGUAGES:
            commands = [BotCommand(name, self.renderer.render(f"utter_command_{name}", code)["text"])
                        for name in COMMANDS]
            await self.application.bot.set_my_commands(
                commands, language_code=None if code == languages.SOURCE_LANGUAGE else code)

    async def process_webhook(self, data: dict[str, Any]) -> None:
        await self.application.update_queue.put(Update.de_json(data, self.application.bot))

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log the failure without message content; the person is never left without a reply."""
        logger.error("Telegram update failed: %s", type(context.error).__name__,
                     exc_info=context.error)

    @asynccontextmanager
    async def chat_lock(self, chat_id: int) -> AsyncIterator[None]:
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        self._waiting[chat_id] += 1
        try:
            async with lock:
                yield
        finally:
            self._waiting[chat_id] -= 1
            if not self._waiting[chat_id]:
                self._locks.pop(chat_id, None)
                self._waiting.pop(chat_id, None)

    # -- one update ----------------------------------------------------------------------
    async def dispatch(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Route one update; the only handler."""
        chat, user = update.effective_chat, update.effective_user
        if chat is None or user is None or user.is_bot:
            return
        if update.callback_query:
            await update.callback_query.answer()  # acknowledged at once, before any work
        async with self.chat_lock(chat.id):
            await self._dispatch(update, chat, user)

    async def _dispatch(self, update: Update, chat: Chat, user: User) -> None:
        pseudonym = self.gateway.pseudonym("telegram", str(user.id))
        person = await self.store.person(pseudonym) or {}
        language = self._language(person, user)
        if chat.type != Chat.PRIVATE:
            if update.message:
                await self.say(chat.id, "utter_private_only", language)
                await self.application.bot.leave_chat(chat.id)
            return
        if update.edited_message:
            await self.say(chat.id, "utter_edited_message", language)
            return
        if update.callback_query:
            payload = payload_for(update.callback_query.data)
            if payload:
                await self.on_payload(chat.id, user, pseudonym, person, language, payload)
            return
        message = update.message
        if message is None:
            return
        if not message.text:
            await self.say(chat.id, f"utter_cannot_read_{non_text_kind(message)}", language)
            return
        text = message.text
        command = command_of(text) if text.startswith("/") else ""
        if command in ("start", "language"):
            await self.say(chat.id, "utter_choose_language", language)
        elif command == "help":
            await self.say(chat.id, "utter_help", language)
        elif command == "privacy":
            await self.say(chat.id, "utter_privacy_notice", language,
                           with_buttons=not person.get("consent_at"))
        elif command == "forget":
            await self.say(chat.id, "utter_forget_confirm", language)
        elif not person.get("consent_at"):
            await self.say(chat.id, "utter_privacy_notice", language)
        else:
            await self.converse(chat.id, user, pseudonym, person, language, text)

    async def on_payload(self, chat_id: int, user: User, pseudonym: str, person: dict[str, Any],
                         language: str, payload: str) -> None:
        consented = bool(person.get("consent_at"))
        if payload.startswith(CHOOSE_LANGUAGE):
            chosen = languages.resolve(json.loads(payload[len(CHOOSE_LANGUAGE):])["language"])
            await self.store.set_language(pseudonym, chosen.code)
            if consented:  # the engine sets its slot and confirms
                await self.converse(chat_id, user, pseudonym, {**person, "language": chosen.code},
                                    chosen.code, payload, chosen.code, is_payload=True)
            else:
                await self.say(chat_id, "utter_language_set", chosen.code, with_buttons=False)
                await self.say(chat_id, "utter_privacy_notice", chosen.code)
        elif payload == "channel:consent":
            await self.store.set_consent(pseudonym)
            await self.converse(chat_id, user, pseudonym, person, language,
                                "/greet", language, is_payload=True)
        elif payload == "channel:forget_yes":
            done = self.renderer.render("utter_forget_done", language)  # before the language goes
            deleted = await self.store.erase(pseudonym)
            logger.info("erased a Telegram conversation (%d events)", deleted)
            await self.send(chat_id, done)
        elif payload == "channel:forget_no":
            await self.say(chat_id, "utter_forget_cancelled", language)
        elif not consented:
            await self.say(chat_id, "utter_privacy_notice", language)
        else:
            await self.converse(chat_id, user, pseudonym, person, language,
                                payload, is_payload=True)

    async def converse(self, chat_id: int, user: User, pseudonym: str, person: dict[str, Any],
                       language: str, text: str, explicit: str | None = None,
                       is_payload: bool = False) -> None:
        """One turn with the engine through the gateway; the fallback message if it is down."""
        try:
            reply = await self.gateway.handle("telegram", str(user.id), text, explicit,
                                              payload=is_payload)
        except EngineUnavailable:
            reply = self.gateway.unavailable(language)
        if reply.language != person.get("language"):
            await self.store.set_language(pseudonym, reply.language)
        await self.send_reply(chat_id, reply)

    # -- sending -------------------------------------------------------------------------
    def _language(self, person: dict[str, Any], user: User) -> str:
        lang = languages.resolve(person.get("language")) or languages.resolve(user.language_code)
        return lang.code if lang else self.settings.default_language

    async def say(self, chat_id: int, response: str, language: str, with_buttons: bool = True) -> None:
        message = self.renderer.render(response, language)
        if not with_buttons:
            message["buttons"] = []
        await self.send(chat_id, message)

    async def send_reply(self, chat_id: int, reply: Reply) -> None:
        for message in reply.messages:
            await self.send(chat_id, message)

    async def send(self, chat_id: int, message: dict[str, Any]) -> None:
        for text, markup in render.parts(self.renderer, message, message["buttons"]):
            await self.application.bot.send_message(chat_id, text, reply_markup=markup,
                                                    link_preview_options=NO_PREVIEW)
