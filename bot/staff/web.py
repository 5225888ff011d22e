"""Wiring of the staff pages into the app: database, templates, sign-in checks, error pages."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Awaitable, Callable

import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from bot.content import PLACEHOLDER
from bot.languages import LANGUAGES
from bot.settings import Settings
from bot.staff import accounts
from bot.staff.accounts import User
from bot.staff.migrate import upgrade
from bot.staff.serving import ApprovedAnswers
from bot.store import engine_for

HERE = Path(__file__).parent
COOKIE = "wegwijs_staff"
templates = Jinja2Templates(directory=HERE / "templates")


def placeholders(text: str) -> Markup:
    """Escaped text with each {placeholder} isolated, so it reads right inside RTL text."""
    out, last = [], 0
    for m in PLACEHOLDER.finditer(text):
        out += [escape(text[last:m.start()]), Markup('<bdi class="ph">{}</bdi>').format(m.group(0))]
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


templates.env.filters["placeholders"] = placeholders
templates.env.globals["LANGUAGES"] = LANGUAGES


@dataclass(frozen=True)
class Staff:
    """The signed-in person and their session's CSRF token."""

    user: User
    csrf: str


class SignInRequired(Exception):
    pass


class Refused(Exception):
    def __init__(self, status: int, title: str, message: str) -> None:
        self.status, self.title, self.message = status, title, message


def engine_of(request: Request) -> sa.Engine:
    return request.app.state.staff_engine


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def current(request: Request) -> Staff | None:
    token = request.cookies.get(COOKIE)
    found = accounts.session_user(engine_of(request), token) if token else None
    return Staff(*found) if found else None


def require(*roles: str) -> Callable[[Request], Awaitable[Staff]]:
    """A dependency: a signed-in person with one of the roles (admins pass every check);
    for a form (POST) also a valid CSRF token."""

    async def dependency(request: Request) -> Staff:
        staff = current(request)
        if staff is None:
            raise SignInRequired()
        if request.method == "POST":
            form = await request.form()
            sent = str(form.get("csrf_token") or "")
            if not secrets.compare_digest(sent.encode(), staff.csrf.encode()):
                raise Refused(403, "Form expired",
                              "This form was not sent from this page or has expired. "
                              "Go back, reload the page and try again.")
        if roles and not staff.user.can(*roles):
            raise Refused(403, "Not allowed",
                          f"Your role ({staff.user.role}) cannot do this. "
                          "Ask an administrator if you need it.")
        return staff

    return dependency


def page(request: Request, template: str, staff: Staff | None, status: int = 200,
         **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, {"staff": staff, **context},
                                      status_code=status)


def refused_page(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    return page(request, "message.html", current(request), status=status, title=title,
                message=message)


def install(app: FastAPI, settings: Settings) -> None:
    """Add the /staff pages; the database is migrated when the app starts (`startup`)."""
    from bot.staff.routes import answers, audit, auth, translations, tryit, users

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    app.state.staff_engine = engine_for(settings.staff_url)
    app.state.approved = ApprovedAnswers(app.state.staff_engine)
    for module in (auth, answers, audit, translations, tryit, users):
        app.include_router(module.router)
    app.mount("/staff/static", StaticFiles(directory=HERE / "static"), name="staff-static")

    @app.exception_handler(SignInRequired)
    async def sign_in(request: Request, _: SignInRequired) -> Response:
        if request.method == "GET":
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/staff/login?next={_quote(target)}", 303)
        return refused_page(request, 401, "Please sign in",
                            "Your session has ended. Sign in again and repeat what you did.")

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> Response:
        return refused_page(request, exc.status, exc.title, exc.message)

    @app.middleware("http")
    async def staff_headers(request: Request, call_next: Callable[..., Awaitable[Response]]) \
            -> Response:
        response = await call_next(request)
        if request.url.path.startswith("/staff"):
            # Review pages hold unpublished content: no caching, no framing, own scripts only.
            response.headers.setdefault("Cache-Control", "no-store")
            response.headers["X-Frame-Options"] = "DENY"
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["Referrer-Policy"] = "same-origin"
            response.headers["Content-Security-Policy"] = (
                "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                "script-src 'self'; form-action 'self'; frame-ancestors 'none'")
        return response


def startup(app: FastAPI) -> None:
    """Apply the review database's migrations and load the approved set."""
    upgrade(app.state.staff_engine)
    app.state.approved.refresh()


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")
