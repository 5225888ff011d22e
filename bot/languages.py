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

    @property
    def plural_forms(self) -> str:
        """gettext's Plural-Forms header for this language, from Babel's CLDR data."""
        from babel.messages.plurals import get_plural

        return str(get_plural(self.cldr.replace("-", "_")))


# Order: how the language menu lists them (largest groups of applicants first, CBS
# 2023-2025; then French, English and Dutch). Dari and Farsi are separate packs: mixing
# them causes real problems in interviews, so Dari only falls back to Farsi when a text
# is missing, and detection never switches between the two.
LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("ar", "Arabic", "العربية", "rtl", ("en",),
                 ("ar-sy", "ar-iq", "ar-ye", "ar-sd", "ar-ma", "ar-eg", "ar-lb", "ar-jo")),
        Language("ti", "Tigrinya", "ትግርኛ", "ltr", ("en",), ("ti-er", "ti-et")),
        Language("tr", "Turkish", "Türkçe", "ltr", ("en",), ("tr-tr",)),
        Language("kmr", "Kurmanji Kurdish", "Kurdî (Kurmancî)", "ltr", ("en",),
                 ("ku", "ku-tr", "ku-sy", "ku-latn", "kmr-latn")),
        Language("ckb", "Sorani Kurdish", "کوردی (سۆرانی)", "rtl", ("en",),
                 ("ckb-iq", "ckb-ir", "ku-arab", "ku-iq")),
        Language("prs", "Dari", "دری", "rtl", ("fa", "en"), ("fa-af", "prs-af"),
                 cldr_locale="fa_AF"),
        Language("fa", "Farsi", "فارسی", "rtl", ("en",), ("fa-ir", "pes")),
        Language("so", "Somali", "Soomaali", "ltr", ("en",), ("so-so",)),
        Language("ps", "Pashto", "پښتو", "rtl", ("en",), ("ps-af", "pbt", "pus")),
        Language("fr", "French", "Français", "ltr", ("en",), ("fr-fr", "fr-be", "fr-ma")),
        Language("en", "English", "English", "ltr", (), ("en-gb", "en-us")),
        Language("nl", "Dutch", "Nederlands", "ltr", ("en",), ("nl-nl", "nl-be")),
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
