"""The one registry of supported languages: code, names, script direction, fallbacks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    english_name: str
    native_name: str
    direction: str  # "ltr" or "rtl"
    fallbacks: tuple[str, ...]  # tried in order when a text is missing; English last
    aliases: tuple[str, ...] = ()  # Telegram / browser codes that map here
    cldr_locale: str = ""  # Babel/CLDR locale when it differs from the code (plural rules)

    @property
    def cldr(self) -> str:
        return self.cldr_locale or self.code


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("nl", "Dutch", "Nederlands", "ltr", ("en",), ("nl-nl", "nl-be")),
        Language("en", "English", "English", "ltr", (), ("en-gb", "en-us")),
        Language("ar", "Arabic", "العربية", "rtl", ("en",), ("ar-sy", "ar-iq", "ar-ye")),
    )
}

SOURCE_LANGUAGE = "en"


def resolve(code: str | None) -> Language | None:
    """Map a language code or alias (any case, '-' or '_') to a supported language."""
    if not code:
        return None
    norm = code.strip().lower().replace("_", "-")
    if norm in LANGUAGES:
        return LANGUAGES[norm]
    for lang in LANGUAGES.values():
        if norm in lang.aliases:
            return lang
    base = norm.split("-")[0]
    return LANGUAGES.get(base)
