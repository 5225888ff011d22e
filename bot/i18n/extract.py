"""Babel extractor for Rasa responses (registered in babel.cfg).

Yields each response's text and its button titles with the response name as msgctxt
and the translator note as an extracted comment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO, Iterator

from bot.content import parse_responses


def extract_responses(
    fileobj: BinaryIO, keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extraction method: (lineno, funcname, (context, msgid), comments)."""
    for response in parse_responses(Path(fileobj.name).resolve()).values():
        note = str(response.metadata.get("translator_note") or "").strip()
        comments = [note] if note else []
        if response.text:
            yield response.line, "pgettext", (response.name, response.text), comments
        if response.translate_buttons:
            for button in response.buttons:
                yield response.line, "pgettext", (response.name, button.title), ["button"]
