"""Sign-in, sign-out and the start page."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.staff import accounts, audit
from bot.staff.web import COOKIE, Staff, current, engine_of, page, require, settings_of

router = APIRouter(prefix="/staff", include_in_schema=False)
# Before sign-in there is no session: the form's CSRF token is a keyed hash of a random
# value in this cookie (double submit), so another site cannot post the form.
LOGIN_COOKIE = "wegwijs_staff_login"


def _login_token(request: Request, nonce: str) -> str:
    key = settings_of(request).key()
    return hmac.new(key, b"staff-login:" + nonce.encode(), hashlib.sha256).hexdigest()


def _safe_next(target: str) -> str:
    # Only our own pages: never an open redirect to another site.
    return target if target.startswith("/staff") and not target.startswith("//") else "/staff"


def _cookie_args(request: Request) -> dict[str, object]:
    return {"httponly": True, "samesite": "lax", "path": "/staff",
            "secure": not settings_of(request).staff_local_dev}


def _login_page(request: Request, next_: str, error: str = "", status: int = 200,
                username: str = "") -> HTMLResponse:
    nonce = secrets.token_urlsafe(16)
    response = page(request, "login.html", None, status=status, next=_safe_next(next_),
                    error=error, username=username, csrf_token=_login_token(request, nonce))
    response.set_cookie(LOGIN_COOKIE, nonce, max_age=3600, **_cookie_args(request))
    return response


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request, next: str = "/staff") -> Response:
    if current(request):
        return RedirectResponse(_safe_next(next), 303)
    return _login_page(request, next)


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, username: str = Form(""), password: str = Form(""),
                csrf_token: str = Form(""), next: str = Form("/staff")) -> Response:
    nonce = request.cookies.get(LOGIN_COOKIE, "")
    if not nonce or not secrets.compare_digest(csrf_token, _login_token(request, nonce)):
        return _login_page(request, next, "The sign-in form expired. Please try again.", 403,
                           username)
    engine = engine_of(request)
    client = request.client.host if request.client else "unknown"
    username = username.strip()[:64]
    if accounts.too_many_failures(engine, username, client):
        audit.log(engine, username or "-", "sign_in_blocked", detail=f"client {client}")
        return page(request, "message.html", None, status=429, title="Too many attempts",
                    message=f"Too many failed sign-ins. Wait "
                    f"{int(accounts.WINDOW.total_seconds() // 60)} minutes and try again, "
                    "or ask an administrator to check your account.")
    user = accounts.verify(engine, username, password)
    if user is None:
        accounts.record_failure(engine, username, client)
        audit.log(engine, username or "-", "sign_in_failed", detail=f"client {client}")
        return _login_page(request, next, "Wrong username or password.", 401, username)
    token = accounts.start_session(engine, user, settings_of(request).staff_session_hours)
    audit.log(engine, user.username, "sign_in", detail=f"client {client}")
    response = RedirectResponse(_safe_next(next), 303)
    response.set_cookie(COOKIE, token, max_age=settings_of(request).staff_session_hours * 3600,
                        **_cookie_args(request))
    response.delete_cookie(LOGIN_COOKIE, path="/staff")
    return response


@router.post("/logout")
async def logout(request: Request, staff: Staff = Depends(require())) -> Response:
    accounts.end_session(engine_of(request), request.cookies.get(COOKIE, ""))
    audit.log(engine_of(request), staff.user.username, "sign_out")
    response = RedirectResponse("/staff/login", 303)
    response.delete_cookie(COOKIE, path="/staff")
    return response


@router.get("")
@router.get("/")
async def home(staff: Staff = Depends(require())) -> Response:
    start = "/staff/translations" if staff.user.role == "translator" else "/staff/answers"
    return RedirectResponse(start, 303)
