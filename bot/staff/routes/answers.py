"""Answers by topic with filters; one answer in every language; approve, flag, resolve."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.content import responses
from bot.i18n.catalogs import Catalogs
from bot.languages import LANGUAGES, SOURCE_LANGUAGE
from bot.staff import review
from bot.staff.serving import needs_approval
from bot.staff.web import Refused, Staff, engine_of, page, require, settings_of

router = APIRouter(prefix="/staff", include_in_schema=False)
STATES = {"": "all", "never": "never reviewed", "changed": "changed since approval",
          "approved": "approved", "flagged": "flagged"}
TRANSLATION = {"": "any", "missing": "missing", "draft": "draft", "either": "missing or draft"}


def _int(value: str, name: str) -> int:
    if not value.strip():
        return 0
    try:
        number = int(value)
    except ValueError:
        raise Refused(400, "Bad filter", f"{name} must be a whole number of days.") from None
    if not 0 <= number <= 10000:
        raise Refused(400, "Bad filter", f"{name} must be between 0 and 10000 days.")
    return number


def catalogs(request: Request) -> Catalogs:
    return request.app.state.renderer.catalogs


def known(name: str) -> None:
    if name not in responses():
        raise Refused(404, "No such answer", f"There is no answer called {name!r}.")


@router.get("/answers", response_class=HTMLResponse)
async def list_answers(request: Request, state: str = "", topic: str = "", older_than: str = "",
                       ending_within: str = "", language: str = "", translation: str = "",
                       staff: Staff = Depends(require())) -> Response:
    if state not in STATES or translation not in TRANSLATION or \
            (language and (language not in LANGUAGES or language == SOURCE_LANGUAGE)):
        raise Refused(400, "Bad filter", "Choose the filters from the form.")
    filters = review.Filters(state, topic, _int(older_than, "Checked longer ago than"),
                             _int(ending_within, "Validity ending within"), language, translation)
    all_answers = review.answer_states(engine_of(request), catalogs(request))
    today = dt.date.today()
    shown = [a for a in all_answers if filters.keep(a, today)]
    counts = {s: sum(1 for a in all_answers if a.state == s) for s in ("never", "changed", "approved")}
    counts["flagged"] = sum(1 for a in all_answers if a.open_flags)
    return page(request, "answers.html", staff, filters=filters, states=STATES,
                translation_choices=TRANSLATION, counts=counts, total=len(all_answers),
                groups=[(t, list(g)) for t, g in groupby(shown, key=lambda a: a.topic)],
                shown=len(shown), topics=sorted({a.topic for a in all_answers}),
                today=today, default_age=settings_of(request).content_max_age_days,
                older_than=older_than, ending_within=ending_within)


@router.get("/answers/{name}", response_class=HTMLResponse)
async def show_answer(request: Request, name: str, staff: Staff = Depends(require())) -> Response:
    known(name)
    cats = catalogs(request)
    answer = next(a for a in review.answer_states(engine_of(request), cats) if a.name == name)
    columns = []
    for code, lang in LANGUAGES.items():
        entries = cats.entries.get(code, {})
        texts = []
        for msgid in review.messages_of(answer.response):
            if code == SOURCE_LANGUAGE:
                texts.append((msgid, "source"))
            else:
                hit = entries.get((name, msgid))
                texts.append((hit[0], "draft" if hit[1] else "translated") if hit
                             else ("", "missing"))
        columns.append({"lang": lang, "status": answer.translations[code], "texts": texts})
    return page(request, "answer.html", staff, a=answer, columns=columns,
                history=review.history(engine_of(request), name),
                gated=needs_approval(answer.response),
                today=dt.date.today())


@router.post("/answers/{name}/approve")
async def approve(request: Request, name: str,
                  staff: Staff = Depends(require("reviewer"))) -> Response:
    known(name)
    review.approve(engine_of(request), staff.user, name)
    request.app.state.approved.refresh()  # approved-only serving sees it at once
    return RedirectResponse(f"/staff/answers/{name}?done=approved", 303)


@router.post("/answers/{name}/flag")
async def flag(request: Request, name: str, comment: str = Form(""), language: str = Form(""),
               staff: Staff = Depends(require("reviewer"))) -> Response:
    known(name)
    comment = comment.strip()
    if not comment or len(comment) > 2000:
        raise Refused(400, "Comment needed",
                      "Say what is wrong in the comment (at most 2000 characters).")
    if language and language not in LANGUAGES:
        raise Refused(400, "Unknown language", "Choose the language from the list.")
    review.flag(engine_of(request), staff.user, name, comment, language)
    return RedirectResponse(f"/staff/answers/{name}?done=flagged", 303)


@router.post("/flags/{flag_id}/resolve")
async def resolve(request: Request, flag_id: int,
                  staff: Staff = Depends(require("reviewer"))) -> Response:
    name = review.resolve_flag(engine_of(request), staff.user, flag_id)
    if name is None:
        raise Refused(404, "No open flag", "This flag does not exist or is already resolved.")
    return RedirectResponse(f"/staff/answers/{name}?done=resolved", 303)
