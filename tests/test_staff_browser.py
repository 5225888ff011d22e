"""The staff pages in a real headless browser (Playwright driving Debian's chromium).

Screenshots go to tests/artifacts/screenshots/. Chromium missing fails these tests
(`make chromium` installs it); they never download a browser.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from bot.settings import ROOT
from bot.staff import accounts
from bot.staff.migrate import upgrade
from bot.store import engine_for
from tests.conftest import free_port

PASSWORD = "a-long-password-1"
SHOTS = ROOT / "tests" / "artifacts" / "screenshots"
ANSWER = "utter_procedure_overview"
LAPTOP = {"width": 1366, "height": 900}
TABLET = {"width": 820, "height": 1180}


def chromium_path() -> str:
    path = os.environ.get("WEGWIJS_CHROMIUM") or shutil.which("chromium") or \
        shutil.which("chromium-browser")
    if not path:
        pytest.fail("Debian's chromium is missing: run `make chromium` "
                    "(apt-get install chromium) or set WEGWIJS_CHROMIUM.")
    return path


def add_users(staff_url: str) -> None:
    engine = engine_for(staff_url)
    upgrade(engine)
    for name, role in (("admin1", "admin"), ("rev1", "reviewer"), ("tr1", "translator")):
        if accounts.get_user(engine, name) is None:
            accounts.add_user(engine, name, PASSWORD, role)
    engine.dispose()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app alone (no engine) under uvicorn on a free 127.0.0.1 port."""
    data = tmp_path_factory.mktemp("var")
    port = free_port()
    add_users(f"sqlite:///{data / 'staff.db'}")
    env = {**os.environ, "WEGWIJS_PORT": str(port), "WEGWIJS_DATA_DIR": str(data),
           "WEGWIJS_SECRET_KEY": "browser-test", "TELEGRAM_BOT_TOKEN": "",
           "WEGWIJS_TELEGRAM_BOT_TOKEN": "", "PYTHONPATH": str(ROOT)}
    log = open(data / "app.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "bot.app"], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(f"{base}/staff/login", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, (data / "app.log").read_text()
            time.sleep(0.2)
        else:
            pytest.fail("the app did not start: " + (data / "app.log").read_text())
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=LAPTOP, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def shot(page, name: str, full_page: bool = True) -> Path:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def sign_in(page, base: str, username: str, target: str = "/staff/answers") -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}{target}")
    assert "/staff/login" in page.url  # anonymous: sent to sign in first
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}{target}")


def test_sign_in_and_sign_out(page, server):  # type: ignore[no-untyped-def]
    page.goto(f"{server}/staff/login")
    page.get_by_label("Username").fill("rev1")
    page.get_by_label("Password").fill("wrong-password-here")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text() == "Wrong username or password."
    shot(page, "staff-sign-in-wrong-password", full_page=False)
    sign_in(page, server, "rev1")
    assert page.get_by_role("heading", level=1).inner_text() == "Answers"
    assert page.locator(".who").inner_text() == "rev1 · reviewer"
    shot(page, "staff-answers-list", full_page=False)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{server}/staff/login")
    page.goto(f"{server}/staff/answers")
    assert "/staff/login" in page.url


def test_approving_an_answer(page, server):  # type: ignore[no-untyped-def]
    sign_in(page, server, "rev1", f"/staff/answers/{ANSWER}")
    assert page.locator("h1 .badge").first.inner_text() == "never reviewed"
    page.get_by_role("button", name="Approve this text").click()
    page.wait_for_url(f"{server}/staff/answers/{ANSWER}?done=approved")
    assert page.get_by_role("status").inner_text() == "Done: approved."
    assert page.locator("h1 .badge").first.inner_text() == "approved"
    assert page.get_by_role("button", name="Approved").is_disabled()
    assert "Approved by rev1" in page.locator(".history").inner_text()
    shot(page, "staff-approved")
    page.goto(f"{server}/staff/answers?state=approved")
    assert page.get_by_role("link", name=ANSWER).is_visible()


def test_flagging_an_answer(page, server):  # type: ignore[no-untyped-def]
    sign_in(page, server, "rev1", "/staff/answers/utter_contact_coa")
    page.get_by_label("What is wrong?").fill("The COA website moved; please check the link.")
    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Flag", exact=True).click()
    page.wait_for_url(f"{server}/staff/answers/utter_contact_coa?done=flagged")
    flags = page.locator(".flags")
    assert "The COA website moved" in flags.inner_text() and "(Arabic)" in flags.inner_text()
    assert page.locator("h1 .badge.bad").inner_text() == "1 flag"
    shot(page, "staff-flagged")
    page.get_by_role("link", name="Audit log").click()
    assert "flag" in page.locator("table.audit tbody tr").first.inner_text()


def test_arabic_column_reads_right_to_left(page, server):  # type: ignore[no-untyped-def]
    sign_in(page, server, "tr1", "/staff/answers/utter_contact_vwn")
    column = page.locator('section.lang-col[data-lang="ar"]')
    assert column.get_attribute("dir") == "rtl" and column.get_attribute("lang") == "ar"
    text = column.locator("p.text")
    assert text.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # The first line starts at the right edge of the column and not at the left.
    edges = text.evaluate("""e => {
        const r = document.createRange(); r.selectNodeContents(e);
        const rects = [...r.getClientRects()], box = e.getBoundingClientRect();
        const cs = getComputedStyle(e);  // the text's box: inside padding and border
        const inner = box.right - parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth);
        const top = Math.min(...rects.map(x => x.top));
        const line = rects.filter(x => Math.abs(x.top - top) < 3);
        return {right: inner - Math.max(...line.map(x => x.right)),
                left: Math.min(...line.map(x => x.left)) - box.left};
    }""")
    assert edges["right"] < 4, edges
    # The placeholder keeps reading left to right inside the Arabic text.
    placeholder = column.locator("bdi.ph").first
    assert placeholder.inner_text() == "{vwn_web}"
    english = page.locator('section.lang-col[data-lang="en"] p.text')
    assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
    path = shot(page, "staff-answers-ar")
    page.set_viewport_size(TABLET)
    shot(page, "staff-answers-ar-tablet")
    assert path.stat().st_size > 10_000


@pytest.mark.engine
def test_try_it_shows_intent_confidence_answer_and_routes(browser, stack):  # type: ignore[no-untyped-def]
    add_users(stack.settings.staff_url)
    base = f"http://127.0.0.1:{stack.settings.port}"
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    page.set_default_timeout(60000)
    try:
        sign_in(page, base, "rev1", "/staff/try")
        page.get_by_label("Question").fill("I need a free lawyer")
        page.get_by_label("Language").select_option("en")
        page.get_by_role("button", name="Ask").click()
        result = page.locator("#result")
        result.wait_for()
        assert page.locator(".intent").inner_text() == "ask_legal_aid"
        assert 0.3 <= float(page.locator(".confidence").inner_text()) <= 1.0
        assert "lawyer" in result.locator("p.text").first.inner_text().lower()
        assert "LAWYER" in result.locator(".routes").first.inner_text()
        shot(page, "staff-try-it")
        # Arabic, in the same panel: the answer is shown right to left.
        page.get_by_label("Question").fill("أحتاج محامي مجاني")
        page.get_by_label("Language").select_option("ar")
        page.get_by_role("button", name="Ask").click()
        result.wait_for()
        reply = result.locator("p.text").first
        assert reply.get_attribute("dir") == "rtl"
        assert page.locator(".intent").inner_text() == "ask_legal_aid"
        shot(page, "staff-try-it-ar")
    finally:
        context.close()
