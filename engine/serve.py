"""Entry point for the Rasa engine: `python -m engine.serve run ...` is `rasa run ...`
with the schema-validation cache installed (see engine.schema_cache)."""

from engine import schema_cache

schema_cache.install()

if __name__ == "__main__":
    from rasa.__main__ import main

    main()
