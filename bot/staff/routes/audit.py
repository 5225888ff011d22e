"""The audit log page and its CSV export."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from bot.staff import audit as log
from bot.staff.web import Staff, engine_of, page, require

router = APIRouter(prefix="/staff", include_in_schema=False)


@router.get("/audit", response_class=HTMLResponse)
async def show(request: Request, action: str = "", user: str = "",
               staff: Staff = Depends(require("reviewer"))) -> Response:
    return page(request, "audit.html", staff, entries=log.entries(engine_of(request), 500,
                                                                  action[:32], user[:64]),
                action=action, user=user)


@router.get("/audit.csv")
async def export(request: Request, staff: Staff = Depends(require("admin"))) -> Response:
    engine = engine_of(request)
    rows = log.entries(engine, None)
    log.log(engine, staff.user.username, "export_audit", detail=f"{len(rows)} entries")
    name = f"wegwijs-audit-{dt.date.today().isoformat()}.csv"
    return Response(log.to_csv(rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
