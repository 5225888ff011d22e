"""The web chat in a real headless browser, in the five right-to-left languages.

Talks to the real stack (engine, action server, app). Screenshots go to
tests/artifacts/screenshots/webchat-<lang>.png.
"""

from __future__ import annotations

import pytest

from bot.languages import LANGUAGES
from tests.test_staff_browser import browser, shot  # noqa: F401  (the browser fixture)

LRI, PDI = "\u2066", "\u2069"
PHONE = {"width": 412, "height": 915}
# The first and last digit groups of the first isolated number that has several groups.
NUMBER_READS_LEFT_TO_RIGHT = """e => {
  const node = e.firstChild, s = node.data;
  const start = s.indexOf("\u2066088"), end = s.indexOf("\u2069", start);
  if (start < 0 || end < 0) return false;
  const number = s.slice(start + 1, end), last = number.lastIndexOf(" ") + 1;
  const rect = (i, n) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + n);
                           return r.getBoundingClientRect(); };
  const a = rect(start + 1, 3), b = rect(start + 1 + last, number.length - last);
  return Math.abs(a.top - b.top) < 2 ? a.left < b.left : a.top < b.top;
}"""
IDLE_AFTER_QUESTION = """() => {
  const log = document.getElementById("log");
  return log.getAttribute("aria-busy") === "false" && document.querySelectorAll(".msg.user").length >= 3
      && log.lastElementChild.classList.contains("bot");
}"""
# "I need a doctor" as people type it; the answer names the GZA line (a phone number).
HEALTH_QUESTION = {
    "ar": "محتاج دكتور",
    "ckb": "پێویستم بە دکتۆرە",
    "prs": "به داکتر ضرورت دارم",
    "fa": "به دکتر نیاز دارم",
    "ps": "ډاکټر ته اړتیا لرم",
}


@pytest.mark.engine
@pytest.mark.parametrize("code", sorted(HEALTH_QUESTION))
def test_web_chat_reads_right_to_left(browser, stack, code: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    assert LANGUAGES[code].direction == "rtl"
    context = browser.new_context(viewport=PHONE, locale=code)
    page = context.new_page()
    page.set_default_timeout(60000)
    try:
        page.goto(f"http://127.0.0.1:{stack.settings.port}/")
        page.locator(f"#language option[value='{code}']").wait_for(state="attached")
        page.select_option("#language", code)
        page.fill("#text", HEALTH_QUESTION[code])
        page.press("#text", "Enter")
        # The chat sends in order; once nothing is in flight the last message answers ours.
        page.wait_for_function(IDLE_AFTER_QUESTION)
        reply = page.locator(".msg.bot").last
        assert reply.get_attribute("lang") == code
        assert reply.evaluate("e => getComputedStyle(e).direction") == "rtl"
        text = reply.locator(".text").inner_text()
        # Numbers inside right-to-left text are isolated so they read left to right.
        assert LRI in text and PDI in text, text
        # ... and the browser really shows the phone number's groups in order, left to right
        # (on one line, or on consecutive lines when it wraps).
        assert reply.locator(".text").evaluate(NUMBER_READS_LEFT_TO_RIGHT), text
        # The sources line stays left to right; buttons carry the language's titles.
        assert reply.locator(".meta").evaluate("e => getComputedStyle(e).direction") == "ltr"
        assert reply.locator(".buttons button").count() >= 2
        assert shot(page, f"webchat-{code}").stat().st_size > 5_000
    finally:
        context.close()


@pytest.mark.engine
def test_browser_language_picks_the_pack(browser, stack) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """A browser set to Afghan Persian (fa-AF) opens the chat in Dari, not Farsi."""
    context = browser.new_context(viewport=PHONE, locale="fa-AF")
    page = context.new_page()
    page.set_default_timeout(60000)
    try:
        page.goto(f"http://127.0.0.1:{stack.settings.port}/")
        page.wait_for_function("() => document.querySelectorAll('.msg.bot').length > 0"
                               " && document.getElementById('log').getAttribute('aria-busy') === 'false'")
        assert page.evaluate("navigator.language").lower() == "fa-af"
        assert page.input_value("#language") == "prs"
        first = page.locator(".msg.bot").first
        assert first.get_attribute("lang") in {"prs", "fa"}  # Dari, or Farsi where Dari has no text
        assert first.get_attribute("dir") == "rtl"
    finally:
        context.close()
