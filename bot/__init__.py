"""Wegwijs: the gateway, NLG service, chat API and web chat (FastAPI + Babel)."""
