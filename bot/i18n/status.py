"""Per-language counts of translated, draft (fuzzy) and missing texts."""

from __future__ import annotations

from bot.content import responses
from bot.i18n.catalogs import Catalogs
from bot.languages import LANGUAGES, SOURCE_LANGUAGE


def source_messages() -> list[tuple[str, str]]:
    """(context, msgid) of every translatable text, as the extractor yields them."""
    out = []
    for r in responses().values():
        if r.text:
            out.append((r.name, r.text))
        if r.translate_buttons:
            out += [(r.name, b.title) for b in r.buttons]
    return out


def status_table() -> list[dict[str, object]]:
    catalogs = Catalogs(serve_drafts=True)
    messages = source_messages()
    rows = []
    for code in LANGUAGES:
        if code == SOURCE_LANGUAGE:
            continue
        entries = catalogs.entries[code]
        found = [entries.get(m) for m in messages]
        rows.append({
            "language": code,
            "total": len(messages),
            "translated": sum(1 for f in found if f and not f[1]),
            "draft": sum(1 for f in found if f and f[1]),
            "missing": sum(1 for f in found if not f),
        })
    return rows
