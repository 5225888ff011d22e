"""Recognises the language of a message from its script, letters and common words.

Only a clear signal counts: a short or mixed message returns None and the
conversation keeps its language. Dari and Farsi share a script and most words; only
words typical of one of them decide, otherwise None (never a switch between the two).
"""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Letters that only one language of the Arabic-script family uses.
PASHTO_LETTERS = set("ټډړږښګڼۍې")
SORANI_LETTERS = set("ڕڵۆێەڤ")
ARABIC_ONLY = set("ةىيك")  # Persian writes ی and ک instead of ي and ك
PERSIAN_LETTERS = set("پچژگیک")

# Frequent words that tell apart languages sharing a script.
MARKERS = {
    "nl": "ik je jij u het een de van niet wat hoe waar wie mijn heb ben kan wil met voor "
          "naar graag hallo goedemorgen goedendag bedankt dank advocaat hulp nodig terug "
          "wanneer waarom zijn er op dat die ook nog maar als om bij moet mag krijg welke "
          "procedure asielprocedure gratis taal nederlands",
    "en": "i you the a an of and not what how where who my have am can want with for to "
          "please hello hi thanks thank lawyer help need back go when why are there on that "
          "this also still but if do does me get which free language english phase",
    "fr": "je tu vous le la les est pas avec pour une des mon ma mes bonjour merci avocat "
          "aide comment quoi où que qui suis besoin aller veux peux dans sur mais français",
    "tr": "ben sen siz bir ve bu ne nasıl nasil nerede için icin var yok mi mı istiyorum "
          "merhaba selam teşekkür tesekkur avukat yardım yardim evet hayır hayir benim "
          "kim zaman neden türkçe turkce lütfen lutfen",
    "kmr": "ez tu hûn ji bi li û min te çi çawa kû ye na erê silav spas dixwazim heye "
           "kurdî kurmancî alîkarî parêzer dikarim nizanim",
    "so": "waxaan waa maxaa sidee halkee iyo ku ka aan haa maya mahadsanid salaan "
          "caawimaad qareen waxay miyaa dalka soomaali fadlan",
    "ar": "انا في من على هل ما شو ماذا كيف اريد بدي عندي الى هذا مرحبا شكرا محامي مساعدة "
          "ليش وين متى الاقامة اللجوء",
    "fa": "هستم میخوام می‌خوام نمیدونم ممنون مرسی دکتر بیمارستان تلفن هلند مدرسه ایران "
          "آره خوبی چطوری",
    "prs": "استم هستید استید میباشد تشکر داکتر شفاخانه تلیفون هالند مکتب افغانستان بلی "
           "نخیر شاروالی چطور جان وکیل‌مدافع",
}
MARKERS_SETS = {code: frozenset(words.split()) for code, words in MARKERS.items()}
LATIN = ("nl", "en", "fr", "tr", "kmr", "so")


def script_of(text: str) -> str | None:
    """The dominant script of the letters in text: 'arabic', 'latin', 'ethiopic' or None."""
    counts = {"arabic": 0, "latin": 0, "ethiopic": 0}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        for script in counts:
            if name.startswith(script.upper()):
                counts[script] += 1
    total = sum(counts.values())
    if not total:
        return None
    script, n = max(counts.items(), key=lambda kv: kv[1])
    return script if n / total >= 0.6 else None


def _by_words(text: str, candidates: tuple[str, ...]) -> str | None:
    words = [w.lower() for w in WORD.findall(text)]
    scores = {code: sum(w in MARKERS_SETS[code] for w in words) for code in candidates}
    ranked = sorted(scores.values(), reverse=True)
    best = max(scores, key=scores.__getitem__)
    runner_up = ranked[1] if len(ranked) > 1 else 0
    if scores[best] >= 2 and scores[best] >= 2 * runner_up + 1:
        return best
    return None


def _arabic_script(text: str) -> str | None:
    letters = set(text)
    if letters & PASHTO_LETTERS:
        return "ps"
    if letters & SORANI_LETTERS:
        return "ckb"
    arabic, persian = len(letters & ARABIC_ONLY), len(letters & PERSIAN_LETTERS)
    if arabic and not persian:
        return "ar"
    if persian and not arabic:
        return _by_words(text, ("prs", "fa"))
    # No telling letters: Arabic words without any Persian ones are enough ("مرحبا").
    words = {w for w in WORD.findall(text)}
    if words & MARKERS_SETS["ar"] and not words & (MARKERS_SETS["fa"] | MARKERS_SETS["prs"]):
        return "ar"
    return _by_words(text, ("ar", "prs", "fa"))


def detect_language(text: str) -> str | None:
    """A supported language code when the message clearly is in it, else None."""
    script = script_of(text)
    if script == "ethiopic":
        return "ti"
    if script == "arabic":
        return _arabic_script(text)
    if script == "latin":
        return _by_words(text, LATIN)
    return None
