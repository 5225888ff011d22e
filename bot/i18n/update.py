"""Merge translations/messages.pot into every language's .po (creating missing ones).

pybabel's own `update` takes the locale from the directory name, and Babel/CLDR has no
locale for some of our codes (Dari, `prs`); so we merge with Babel's API and each
language's CLDR locale from the registry (plural rules come from there).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from bot.settings import ROOT

TRANSLATIONS = ROOT / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"


def po_path(code: str) -> Path:
    return TRANSLATIONS / code / "LC_MESSAGES" / "messages.po"


def merge(code: str, cldr_locale: str, template: Catalog) -> str:
    """Update (or create) one language's catalog; returns what happened."""
    path = po_path(code)
    if path.exists():
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=cldr_locale)
        action = "updated"
    else:
        catalog = Catalog(locale=cldr_locale, project="wegwijs", version="1",
                          msgid_bugs_address="-", language_team=f"Wegwijs {code}",
                          last_translator="nobody yet")
        action = "created"
    catalog.update(template, no_fuzzy_matching=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, catalog, ignore_obsolete=True, width=76)
    return action


def compile_mo(code: str, cldr_locale: str, use_fuzzy: bool = True) -> int:
    """Build messages.mo beside the .po (drafts included, as they are served by default)."""
    path = po_path(code)
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=cldr_locale)
    with path.with_suffix(".mo").open("wb") as fh:
        write_mo(fh, catalog, use_fuzzy=use_fuzzy)
    return sum(1 for m in catalog if m.id and m.string)


def languages() -> list[tuple[str, str]]:
    from bot.languages import LANGUAGES, SOURCE_LANGUAGE

    return [(c, lang.cldr) for c, lang in LANGUAGES.items() if c != SOURCE_LANGUAGE]


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "update"
    if command == "update":
        with TEMPLATE.open("rb") as fh:
            template = read_po(fh)
        for code, cldr in languages():
            print(f"{merge(code, cldr, template)} {po_path(code).relative_to(ROOT)}")
    elif command == "compile":
        for code, cldr in languages():
            print(f"compiled {po_path(code).with_suffix('.mo').relative_to(ROOT)}: "
                  f"{compile_mo(code, cldr)} messages")
    else:
        sys.exit(f"unknown command {command!r}: update or compile")


if __name__ == "__main__":
    main()
