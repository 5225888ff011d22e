"""The Telegram channel, built on python-telegram-bot; it talks to the same gateway as /api/chat."""
