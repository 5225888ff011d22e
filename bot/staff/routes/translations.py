"""Translators: progress per language, their .po file, their drafts."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from bot.content import responses
from bot.i18n.status import status_table
from bot.i18n.update import po_path
from bot.languages import LANGUAGES, SOURCE_LANGUAGE
from bot.staff import audit
from bot.staff.review import messages_of
from bot.staff.web import Refused, Staff, engine_of, page, require

router = APIRouter(prefix="/staff", include_in_schema=False)


def _language(staff: Staff, code: str) -> str:
    """A language this person works on (translators only their assigned ones)."""
    if code not in LANGUAGES or code == SOURCE_LANGUAGE:
        raise Refused(404, "Unknown language", f"There is no translation language {code!r}.")
    if staff.user.role == "translator" and code not in staff.user.work_languages:
        raise Refused(403, "Not your language",
                      "You are not assigned to this language; ask an administrator.")
    return code


@router.get("/translations", response_class=HTMLResponse)
async def progress(request: Request, staff: Staff = Depends(require("translator"))) -> Response:
    mine = set(staff.user.work_languages) if staff.user.role == "translator" else None
    rows = [dict(r, lang=LANGUAGES[str(r["language"])]) for r in status_table()
            if mine is None or r["language"] in mine]
    for row in rows:
        row["percent"] = round(100 * int(row["translated"]) / max(1, int(row["total"])))
    return page(request, "translations.html", staff, rows=rows)


@router.get("/translations/{code}/messages.po")
async def download(request: Request, code: str,
                   staff: Staff = Depends(require("translator"))) -> Response:
    _language(staff, code)
    audit.log(engine_of(request), staff.user.username, "download_po", language=code)
    return FileResponse(po_path(code), media_type="text/x-gettext-translation; charset=utf-8",
                        filename=f"wegwijs-{code}.po")


@router.get("/translations/{code}/drafts", response_class=HTMLResponse)
async def drafts(request: Request, code: str,
                 staff: Staff = Depends(require("translator"))) -> Response:
    _language(staff, code)
    entries = request.app.state.renderer.catalogs.entries.get(code, {})
    items = []
    for r in responses().values():
        for msgid in messages_of(r):
            hit = entries.get((r.name, msgid))
            if hit is None or hit[1]:
                items.append({"name": r.name, "source": msgid,
                              "text": hit[0] if hit else "", "status": "draft" if hit else "missing",
                              "note": r.metadata.get("translator_note") or ""})
    items.sort(key=lambda i: (i["status"] != "missing", i["name"]))
    return page(request, "drafts.html", staff, lang=LANGUAGES[code], items=items)
