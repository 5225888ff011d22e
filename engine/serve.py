"""Entry point for the Rasa engine: `python -m engine.serve run ...` is `rasa run ...`
with the schema-validation cache (engine.schema_cache) and the SQLite WAL journal
(engine.sqlite_wal) installed."""

from engine import schema_cache, sqlite_wal

schema_cache.install()
sqlite_wal.install()

if __name__ == "__main__":
    from rasa.__main__ import main

    main()
