"""The staff review pages through the real app: sign-in, roles, CSRF, approvals, audit,
translators, approved-only serving."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import subprocess
import sys

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from bot.app import create_app
from bot.content import responses
from bot.settings import ROOT, Settings
from bot.staff import accounts, review
from bot.staff.migrate import current, upgrade
from bot.staff.serving import SAFE_ANSWER
from bot.staff.tables import approvals
from bot.store import engine_for
from tests.conftest import free_port

PASSWORD = "a-long-password-1"
ANSWER = "utter_procedure_overview"  # a domain answer with facts (held back until approved)
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    # Nothing listens on this port: "try it" has no assistant behind it here.
    settings = Settings(data_dir=tmp_path_factory.mktemp("var"), secret_key="k",
                        port=free_port())
    app = create_app(settings)
    with TestClient(app):  # runs start-up: the migrations
        engine = app.state.staff_engine
        accounts.add_user(engine, "admin1", PASSWORD, "admin")
        accounts.add_user(engine, "rev1", PASSWORD, "reviewer")
        accounts.add_user(engine, "tr1", PASSWORD, "translator", ["ar", "fa"])
        yield app


def client_for(app, username: str | None = None) -> TestClient:
    client = TestClient(app)
    if username:
        sign_in(client, username)
    return client


def sign_in(client: TestClient, username: str, password: str = PASSWORD,
            next_: str = "/staff/answers"):
    token = CSRF.search(client.get("/staff/login").text).group(1)
    return client.post("/staff/login", data={"username": username, "password": password,
                                             "csrf_token": token, "next": next_},
                       follow_redirects=False)


def csrf(client: TestClient, path: str = "/staff/try") -> str:
    return CSRF.search(client.get(path).text).group(1)


def staff_paths(app) -> list[tuple[str, str]]:
    """(method, path) of every /staff route, with sample values for path parameters."""
    from bot.staff.routes import answers, audit, auth, translations, tryit, users

    out = []
    for route in [r for m in (answers, audit, auth, translations, tryit, users)
                  for r in m.router.routes]:
        path = getattr(route, "path", "")
        if not path.startswith("/staff") or path.startswith("/staff/static") \
                or path == "/staff/login":
            continue
        sample = path.replace("{name}", ANSWER).replace("{flag_id}", "1") \
            .replace("{code}", "ar").replace("{username}", "rev1").replace("{action}", "disable")
        for method in route.methods:
            out.append((method, sample))
    return sorted(set(out))


def test_every_staff_route_refuses_an_anonymous_visitor(app):
    paths = staff_paths(app)
    assert len(paths) >= 15, paths
    client = client_for(app)
    for method, path in paths:
        resp = client.request(method, path, follow_redirects=False)
        if method == "GET":
            assert resp.status_code == 303, (path, resp.status_code)
            assert resp.headers["location"].startswith("/staff/login?next="), path
        else:
            assert resp.status_code == 401, (method, path, resp.status_code)
            assert "sign in" in resp.text.lower()


def test_sign_in_sets_a_safe_cookie_and_sign_out_ends_the_session(app):
    client = client_for(app)
    resp = sign_in(client, "rev1")
    assert resp.status_code == 303 and resp.headers["location"] == "/staff/answers"
    cookie = resp.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/staff" in cookie
    assert "secure" not in cookie  # local development (the default) serves plain HTTP
    token = client.cookies.get("wegwijs_staff")
    assert client.get("/staff/answers").status_code == 200
    resp = client.post("/staff/logout", data={"csrf_token": csrf(client)},
                       follow_redirects=False)
    assert resp.status_code == 303
    # The old token is dead on the server, not only forgotten by the browser.
    other = client_for(app)
    other.cookies.set("wegwijs_staff", token, path="/staff")
    assert other.get("/staff/answers", follow_redirects=False).status_code == 303


def test_cookie_is_secure_outside_local_development(tmp_path):
    settings = Settings(data_dir=tmp_path, secret_key="k", staff_local_dev=False)
    app = create_app(settings)
    with TestClient(app, base_url="https://testserver") as client:
        accounts.add_user(app.state.staff_engine, "rev2", PASSWORD, "reviewer")
        resp = sign_in(client, "rev2")
        assert resp.status_code == 303
        assert "secure" in resp.headers["set-cookie"].lower()


def test_wrong_password_and_disabled_account_are_refused(app):
    client = client_for(app)
    resp = sign_in(client, "rev1", "not-the-password")
    assert resp.status_code == 401 and "Wrong username or password" in resp.text
    assert sign_in(client, "nobody", PASSWORD).status_code == 401


def test_failed_sign_ins_are_rate_limited(app):
    client = client_for(app)
    accounts.add_user(app.state.staff_engine, "victim", PASSWORD, "reviewer")
    for _ in range(accounts.MAX_FAILS_PER_USER):
        assert sign_in(client, "victim", "guess-guess-guess").status_code == 401
    # Even the right password waits now: guessing gains nothing.
    resp = sign_in(client, "victim", PASSWORD)
    assert resp.status_code == 429
    assert "Too many failed sign-ins" in resp.text
    assert sign_in(client, "admin1").status_code == 303  # other accounts still work


def test_a_form_without_a_valid_csrf_token_is_rejected(app):
    client = client_for(app, "rev1")
    for data in ({}, {"csrf_token": "forged"}):
        resp = client.post(f"/staff/answers/{ANSWER}/approve", data=data)
        assert resp.status_code == 403 and "Form expired" in resp.text
        resp = client.post(f"/staff/answers/{ANSWER}/flag", data={**data, "comment": "x"})
        assert resp.status_code == 403
    with app.state.staff_engine.connect() as conn:
        assert conn.execute(sa.select(approvals).where(
            approvals.c.response == ANSWER)).first() is None
    # The sign-in form has one too (no session yet: a double-submit cookie).
    anon = client_for(app)
    resp = anon.post("/staff/login", data={"username": "rev1", "password": PASSWORD,
                                           "csrf_token": "forged"}, follow_redirects=False)
    assert resp.status_code == 403 and "wegwijs_staff=" not in resp.headers.get("set-cookie", "")


def test_a_reviewer_cannot_do_admin_actions(app):
    client = client_for(app, "rev1")
    token = csrf(client)
    assert client.get("/staff/users").status_code == 403
    assert client.get("/staff/audit.csv").status_code == 403
    resp = client.post("/staff/users", data={"csrf_token": token, "username": "evil",
                                             "password": PASSWORD, "role": "admin"})
    assert resp.status_code == 403
    assert accounts.get_user(app.state.staff_engine, "evil") is None
    assert client.post("/staff/users/admin1/disable",
                       data={"csrf_token": token}).status_code == 403
    assert not accounts.get_user(app.state.staff_engine, "admin1").disabled
    assert client.get("/staff/translations/ar/messages.po").status_code == 403


def test_a_translator_cannot_approve(app):
    client = client_for(app, "tr1")
    resp = client.post(f"/staff/answers/{ANSWER}/approve", data={"csrf_token": csrf(client)})
    assert resp.status_code == 403 and "translator" in resp.text


def test_admin_manages_users_through_the_pages(app):
    client = client_for(app, "admin1")
    token = csrf(client, "/staff/users")
    resp = client.post("/staff/users", data={"csrf_token": token, "username": "tr2",
                                             "password": PASSWORD, "role": "translator",
                                             "languages": ["so"]}, follow_redirects=False)
    assert resp.status_code == 303
    assert accounts.get_user(app.state.staff_engine, "tr2").languages == ("so",)
    resp = client.post("/staff/users", data={"csrf_token": token, "username": "x",
                                             "password": "short", "role": "reviewer"})
    assert resp.status_code == 400 and "at least 10 characters" in resp.text
    tr2 = client_for(app, "tr2")
    assert tr2.get("/staff/translations").status_code == 200
    client.post("/staff/users/tr2/disable", data={"csrf_token": token})
    # Disabling ends the sessions at once.
    assert tr2.get("/staff/translations", follow_redirects=False).status_code == 303


def test_answers_page_lists_every_answer_with_filters(app):
    client = client_for(app, "rev1")
    page = client.get("/staff/answers").text
    for name in list(responses())[:40]:
        assert f'href="/staff/answers/{name}"' in page
    ended = client.get("/staff/answers?ending_within=30").text
    assert "utter_work_before_pact" in ended  # its validity ended on 2026-06-11
    assert ANSWER not in ended  # no end date
    missing = client.get("/staff/answers?translation=draft&language=ar").text
    assert SAFE_ANSWER in missing  # its Arabic text is a machine draft
    resp = client.get("/staff/answers?older_than=soon")
    assert resp.status_code == 400 and "whole number" in resp.text
    assert client.get("/staff/answers?state=bogus").status_code == 400


def test_filters_on_dates():
    r = responses()[ANSWER]
    checked = dt.date.fromisoformat(str(r.metadata["checked"]))
    a = review.AnswerState(r, review.source_hash(r), None)
    assert review.Filters(older_than_days=10).keep(a, checked + dt.timedelta(days=11))
    assert not review.Filters(older_than_days=10).keep(a, checked + dt.timedelta(days=10))
    assert review.Filters(state="never").keep(a, checked)
    assert not review.Filters(state="approved").keep(a, checked)


def test_answer_page_shows_every_language_right_to_left_where_needed(app):
    client = client_for(app, "tr1")
    page = client.get(f"/staff/answers/{ANSWER}").text
    assert '<section class="lang-col" lang="ar" dir="rtl"' in page
    assert '<section class="lang-col" lang="fa" dir="rtl"' in page
    assert '<section class="lang-col" lang="tr" dir="ltr"' in page
    assert page.count('class="lang-col"') == 12
    urls = [s for s in responses()[ANSWER].metadata["sources"] if s.startswith("http")]
    assert urls and all(f'href="{u}"' in page for u in urls)  # sources as links
    assert "Approve this text" not in page  # translators see, reviewers act
    contact = client.get("/staff/answers/utter_contact_vwn").text
    assert '<bdi class="ph">{vwn_web}</bdi>' in contact  # placeholders isolated in RTL text


def test_approval_is_invalidated_when_the_source_text_changes(app):
    client = client_for(app, "rev1")
    token = csrf(client)
    name = "utter_contact_coa"
    resp = client.post(f"/staff/answers/{name}/approve", data={"csrf_token": token},
                       follow_redirects=False)
    assert resp.status_code == 303
    assert "approved</span>" in client.get(f"/staff/answers/{name}").text
    assert name in review.approved_names(app.state.staff_engine)
    original = responses()[name]
    try:
        # A new checked date is not a new text: the approval stands.
        responses()[name] = dataclasses.replace(
            original, metadata={**original.metadata, "checked": "2030-01-01"})
        assert name in review.approved_names(app.state.staff_engine)
        # Editing the text (or a button) needs a new approval.
        responses()[name] = dataclasses.replace(original, text=original.text + " New line.")
        assert name not in review.approved_names(app.state.staff_engine)
        assert "changed since approval" in client.get(f"/staff/answers/{name}").text
        assert name in client.get("/staff/answers?state=changed").text
        responses()[name] = dataclasses.replace(
            original, buttons=original.buttons[:1])
        assert name not in review.approved_names(app.state.staff_engine)
    finally:
        responses()[name] = original
    assert name in review.approved_names(app.state.staff_engine)


def test_flag_and_resolve_are_in_the_audit_log_and_its_csv(app):
    client = client_for(app, "rev1")
    token = csrf(client)
    resp = client.post(f"/staff/answers/{ANSWER}/flag", data={"csrf_token": token,
                                                              "comment": "   "})
    assert resp.status_code == 400 and "Comment needed" in resp.text
    client.post(f"/staff/answers/{ANSWER}/flag",
                data={"csrf_token": token, "comment": "=HYPERLINK(\"x\") wrong date",
                      "language": "ar"})
    page = client.get(f"/staff/answers/{ANSWER}").text
    assert "wrong date" in page and "1 flag" in page
    flag_id = re.search(r'action="/staff/flags/(\d+)/resolve"', page).group(1)
    client.post(f"/staff/flags/{flag_id}/resolve", data={"csrf_token": token})
    assert "1 flag" not in client.get(f"/staff/answers/{ANSWER}").text
    audit_page = client.get("/staff/audit").text
    assert "resolve_flag" in audit_page and "flag" in audit_page

    admin = client_for(app, "admin1")
    resp = admin.get("/staff/audit.csv")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    flagged = [r for r in rows if r["action"] == "flag" and r["response"] == ANSWER]
    assert flagged and flagged[-1]["username"] == "rev1" and flagged[-1]["language"] == "ar"
    assert flagged[-1]["detail"].startswith("'=")  # no formula runs in a spreadsheet
    assert {"sign_in", "sign_in_failed"} <= {r["action"] for r in rows}


def test_translator_sees_progress_downloads_po_and_drafts(app):
    client = client_for(app, "tr1")
    page = client.get("/staff/translations").text
    assert 'data-lang="ar"' in page and 'data-lang="fa"' in page
    assert 'data-lang="so"' not in page  # not assigned
    resp = client.get("/staff/translations/ar/messages.po")
    assert resp.status_code == 200 and 'msgctxt "utter_unapproved_fallback"' in resp.text
    assert client.get("/staff/translations/so/messages.po").status_code == 403
    assert client.get("/staff/translations/xx/drafts").status_code == 404
    drafts = client.get("/staff/translations/ar/drafts").text
    assert SAFE_ANSWER in drafts and 'dir="rtl"' in drafts


def nlg(client: TestClient, name: str, language: str = "en") -> dict:
    tracker = {"sender_id": "s", "slots": {"language": language},
               "latest_message": {"intent": {"name": "x", "confidence": 0.9}}}
    resp = client.post("/nlg", json={"response": name, "tracker": tracker})
    assert resp.status_code == 200
    return resp.json()["custom"]


def test_approved_only_mode_serves_a_safe_answer_until_approval(tmp_path):
    settings = Settings(data_dir=tmp_path, secret_key="k", serve_only_approved=True)
    app = create_app(settings)
    with TestClient(app) as client:
        accounts.add_user(app.state.staff_engine, "rev", PASSWORD, "reviewer")
        original = responses()[ANSWER]
        held = nlg(client, ANSWER, "ar")
        assert held["response"] == SAFE_ANSWER and held["replaces"] == ANSWER
        assert held["routes"][:2] == ["VWN", "COA"]
        assert set(original.routes) <= set(held["routes"])
        assert held["direction"] == "rtl" and held["language"] == "ar"
        # A person in crisis always reaches 112, approved or not.
        for crisis in ("utter_emergency", "utter_crisis_suicide"):
            assert nlg(client, crisis)["response"] == crisis
        assert nlg(client, "utter_greet")["response"] == "utter_greet"  # menus stay
        staff = client_for(app, "rev")
        staff.post(f"/staff/answers/{ANSWER}/approve", data={"csrf_token": csrf(staff)})
        assert nlg(client, ANSWER)["response"] == ANSWER  # at once: the cache refreshed


def test_try_it_reports_a_missing_assistant_clearly(app):
    client = client_for(app, "rev1")
    token = csrf(client)
    resp = client.post("/staff/try", data={"csrf_token": token, "text": "hello",
                                           "conversation": "abc"})
    assert resp.status_code == 503 and "did not answer" in resp.text
    resp = client.post("/staff/try", data={"csrf_token": token, "text": " "})
    assert resp.status_code == 400 and "Type a question" in resp.text


def test_migrations_and_the_cli_create_a_working_account(tmp_path):
    env = {"WEGWIJS_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    run = lambda *args, stdin="": subprocess.run(  # noqa: E731
        [sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, input=stdin,
        capture_output=True, text=True, timeout=60)
    done = run("staff-user", "add", "--username", "first", "--role", "admin",
               "--password-stdin", stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    bad = run("staff-user", "add", "--username", "first", "--role", "admin",
              "--password-stdin", stdin=PASSWORD + "\n")
    assert bad.returncode == 1 and "already exists" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert "first" in run("staff-user", "list").stdout
    engine = engine_for(f"sqlite:///{tmp_path / 'staff.db'}")
    assert current(engine) == "0001"
    upgrade(engine)  # idempotent
    app = create_app(Settings(data_dir=tmp_path, secret_key="k"))
    with TestClient(app) as client:
        assert sign_in(client, "first").status_code == 303
        assert client.get("/staff/users").status_code == 200
