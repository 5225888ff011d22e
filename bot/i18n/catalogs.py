"""Translation catalogs loaded from translations/<lang>/LC_MESSAGES/messages.po.

The .po files are read directly (Babel's reader) so drafts can be told apart from
confirmed translations; a draft is gettext's fuzzy flag.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from bot.languages import LANGUAGES, SOURCE_LANGUAGE
from bot.settings import ROOT

logger = logging.getLogger(__name__)
TRANSLATIONS_DIR = ROOT / "translations"


@dataclass(frozen=True)
class Lookup:
    text: str
    language: str  # the language the text is actually in
    status: str  # "source", "translated", "draft" or "fallback"


class Catalogs:
    """All languages' catalogs, with a count of texts that fell back to another language."""

    def __init__(self, directory: Path = TRANSLATIONS_DIR, serve_drafts: bool = True) -> None:
        self.serve_drafts = serve_drafts
        self.entries: dict[str, dict[tuple[str, str], tuple[str, bool]]] = {}
        self.fallbacks: Counter[str] = Counter()
        for code in LANGUAGES:
            path = directory / code / "LC_MESSAGES" / "messages.po"
            self.entries[code] = self._read(path) if path.exists() else {}

    @staticmethod
    def _read(path: Path) -> dict[tuple[str, str], tuple[str, bool]]:
        with path.open("rb") as fh:
            catalog = read_po(fh)
        return {
            (m.context or "", m.id): (m.string, m.fuzzy)
            for m in catalog
            if m.id and isinstance(m.id, str) and m.string
        }

    def _find(self, code: str, context: str, msgid: str) -> Lookup | None:
        if code == SOURCE_LANGUAGE:
            return Lookup(msgid, code, "source")
        hit = self.entries.get(code, {}).get((context, msgid))
        if hit is None:
            return None
        text, fuzzy = hit
        if fuzzy and not self.serve_drafts:
            return None
        return Lookup(text, code, "draft" if fuzzy else "translated")

    def lookup(self, code: str, context: str, msgid: str) -> Lookup:
        """Translate through the language's fallback chain; English source text last."""
        found = self._find(code, context, msgid)
        if found:
            return found
        # Counted per language so the review pages and health check can show gaps.
        self.fallbacks[code] += 1
        logger.warning("missing %s translation for %s", code, context)
        for fallback in LANGUAGES[code].fallbacks:
            found = self._find(fallback, context, msgid)
            if found:
                return Lookup(found.text, found.language, "fallback")
        return Lookup(msgid, SOURCE_LANGUAGE, "fallback")
