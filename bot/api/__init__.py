"""HTTP routers: chat API, health, NLG endpoint, languages."""
