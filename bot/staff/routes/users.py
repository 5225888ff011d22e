"""User management for administrators: list, add, disable and enable accounts."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.staff import accounts, audit
from bot.staff.web import Refused, Staff, engine_of, page, require

router = APIRouter(prefix="/staff", include_in_schema=False)


@router.get("/users", response_class=HTMLResponse)
async def list_users(request: Request, staff: Staff = Depends(require("admin"))) -> Response:
    return page(request, "users.html", staff, users=accounts.list_users(engine_of(request)),
                roles=accounts.ROLES, error="")


@router.post("/users", response_class=HTMLResponse)
async def add(request: Request, username: str = Form(""), password: str = Form(""),
              role: str = Form(""), languages: list[str] = Form([]),
              staff: Staff = Depends(require("admin"))) -> Response:
    engine = engine_of(request)
    try:
        user = accounts.add_user(engine, username, password, role, languages)
    except accounts.AccountError as exc:
        return page(request, "users.html", staff, status=400, users=accounts.list_users(engine),
                    roles=accounts.ROLES, error=str(exc))
    audit.log(engine, staff.user.username, "add_user",
              detail=f"{user.username} as {user.role} {','.join(user.languages)}".strip())
    return RedirectResponse("/staff/users", 303)


@router.post("/users/{username}/{action}")
async def switch(request: Request, username: str, action: str,
                 staff: Staff = Depends(require("admin"))) -> Response:
    if action not in ("disable", "enable"):
        raise Refused(404, "Unknown action", "Use disable or enable.")
    if username == staff.user.username and action == "disable":
        raise Refused(400, "Not yourself", "You cannot disable your own account.")
    try:
        accounts.set_disabled(engine_of(request), username, action == "disable")
    except accounts.AccountError as exc:
        raise Refused(404, "No such user", str(exc)) from None
    audit.log(engine_of(request), staff.user.username, f"{action}_user", detail=username)
    return RedirectResponse("/staff/users", 303)
