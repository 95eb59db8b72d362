"""The officers' console under /console: login, the office's queue, a conversation (summary,
transcript, reply), live updates by server-sent events, and the supervisors' pages (officers, audit).

Every form carries the session's CSRF token (403 without it); every page needs a session (a redirect
to /console/login without one); an officer sees only the office's conversations (404 otherwise);
ID and phone numbers are masked unless the officer deliberately reveals them (audited).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hmac
import json
import secrets
import uuid
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response, StreamingResponse
from fastapi.templating import Jinja2Templates

from channels.console.accounts import AccountError, Accounts, Officer, Session
from channels.models import Reply
from channels.routing import rating_buttons
from handoff import messages as handoff_messages
from handoff.model import REASON_VI, Handoff, HandoffConflict, State
from privacy.masking import mask
from storage.database import run_sync

router = APIRouter(prefix="/console")
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
COOKIE = "console_session"
LOGIN_CSRF_COOKIE = "console_login_csrf"
VIETNAM = dt.timezone(dt.timedelta(hours=7))
CHANNEL_VI = {"telegram": "Telegram", "zalo_oa": "Zalo OA", "zalo_bot": "Zalo Bot", "web": "Web"}
STATE_VI = {State.WAITING: "Đang chờ", State.WITH_OFFICER: "Cán bộ đang trả lời", State.CLOSED: "Đã đóng",
            State.BOT: "Trợ lý ảo"}
MAX_REPLY = 4_000


class LoginRequired(Exception):
    """No valid session: the app answers with a redirect to the login page."""


def _gateway(request: Request):
    return request.app.state.gateway


async def current_session(request: Request) -> Session:
    session = await run_sync(_gateway(request).engine, _gateway(request).accounts.session, request.cookies.get(COOKIE))
    if session is None:
        raise LoginRequired()
    return session


SessionDep = Annotated[Session, Depends(current_session)]


async def checked_session(request: Request, session: SessionDep) -> Session:
    """A session whose form carries its CSRF token (every POST of the console)."""
    form = await request.form()
    given = str(form.get("csrf") or request.headers.get("X-CSRF-Token") or "")
    if not hmac.compare_digest(given.encode(), session.csrf.encode()):
        raise HTTPException(status_code=403, detail="Thiếu hoặc sai mã bảo vệ biểu mẫu (CSRF).")
    return session


PostSessionDep = Annotated[Session, Depends(checked_session)]


def _local(moment: dt.datetime | None) -> str:
    return moment.astimezone(VIETNAM).strftime("%H:%M %d/%m") if moment else ""


def _waited(handoff: Handoff) -> str:
    minutes = int((dt.datetime.now(dt.timezone.utc) - handoff.opened_at).total_seconds() // 60)
    return f"{minutes} phút" if minutes < 120 else f"{minutes // 60} giờ {minutes % 60} phút"


def _render(request: Request, name: str, session: Session | None, status: int = 200, **context: Any) -> HTMLResponse:
    response = templates.TemplateResponse(request, name, {"session": session, "channel_vi": CHANNEL_VI,
                                                          "state_vi": STATE_VI, "reason_vi": REASON_VI,
                                                          "local": _local, "waited": _waited, "mask": mask,
                                                          **context},
                                          status_code=status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    return response


async def _db(request: Request, function, *args):
    return await run_sync(_gateway(request).engine, function, *args)


async def _own_handoff(request: Request, session: Session, handoff_id: int) -> Handoff:
    """The handoff, if it belongs to the officer's office; 404 otherwise (guessing ids shows nothing)."""
    handoff = await _db(request, _gateway(request).router.handoffs.get, handoff_id)
    if handoff is None or handoff.office != session.officer.office:
        raise HTTPException(status_code=404, detail="Không có cuộc trò chuyện này trong đơn vị của bạn.")
    return handoff


# -- logging in and out ----------------------------------------------------------------------------
@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request, error: str = "") -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    response = _render(request, "login.html", None, csrf=token, error=error[:200])
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=_secure(request),
                        path="/console")
    return response


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


@router.post("/login")
async def log_in(request: Request, username: Annotated[str, Form(max_length=64)] = "",
                 password: Annotated[str, Form(max_length=256)] = "", csrf: Annotated[str, Form()] = "") -> Response:
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    if not cookie or not hmac.compare_digest(cookie.encode(), csrf.encode()):
        raise HTTPException(status_code=403, detail="Thiếu hoặc sai mã bảo vệ biểu mẫu (CSRF).")
    accounts = _gateway(request).accounts
    address = request.client.host if request.client else "unknown"
    result = await _db(request, accounts.log_in, username, password, address)
    if result is None:
        locked = await _db(request, accounts.locked, username.strip().lower()[:64], address)
        error = ("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút." if locked
                 else "Tên đăng nhập hoặc mật khẩu không đúng.")
        return _render(request, "login.html", None, csrf=cookie, error=error, status=401)
    token, session = result
    await _db(request, accounts.audit, session.officer, "login")
    response = RedirectResponse("/console", status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=_secure(request), path="/console",
                        max_age=int(12 * 3600))
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/console")
    return response


@router.post("/logout")
async def log_out(request: Request, session: PostSessionDep) -> Response:
    await _db(request, _gateway(request).accounts.log_out, request.cookies.get(COOKIE) or "")
    response = RedirectResponse("/console/login", status_code=303)
    response.delete_cookie(COOKIE, path="/console")
    return response


# -- the queue ------------------------------------------------------------------------------------
@router.get("", response_class=HTMLResponse)
@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def queue_page(request: Request, session: SessionDep) -> HTMLResponse:
    return _render(request, "queue.html", session, **await _queue_context(request, session))


@router.get("/queue", response_class=HTMLResponse)
async def queue_fragment(request: Request, session: SessionDep) -> HTMLResponse:
    """The queue's table alone, which the page reloads on each live event."""
    return _render(request, "queue_table.html", session, **await _queue_context(request, session))


async def _queue_context(request: Request, session: Session) -> dict[str, Any]:
    gateway = _gateway(request)
    handoffs = await _db(request, gateway.router.handoffs.queue, session.officer.office)
    office = gateway.offices.get(session.officer.office)
    return {"handoffs": handoffs, "office_name": office.name if office else session.officer.office}


# -- a conversation -------------------------------------------------------------------------------
@router.get("/conversations/{handoff_id}", response_class=HTMLResponse)
async def conversation_page(request: Request, session: SessionDep, handoff_id: int,
                            q: Annotated[str, Query(max_length=300)] = "") -> HTMLResponse:
    """The conversation; ``q`` searches the procedure catalog for a card to insert into the reply."""
    handoff = await _own_handoff(request, session, handoff_id)
    await _db(request, _gateway(request).accounts.audit, session.officer, "view", handoff.id)
    context = await _conversation_context(request, session, handoff)
    context["query"] = q
    context["cards"] = await _gateway(request).catalog.afind(q) if q.strip() else []
    return _render(request, "conversation.html", session, **context)


@router.get("/conversations/{handoff_id}/transcript", response_class=HTMLResponse)
async def transcript_fragment(request: Request, session: SessionDep, handoff_id: int) -> HTMLResponse:
    handoff = await _own_handoff(request, session, handoff_id)
    return _render(request, "transcript.html", session, **await _conversation_context(request, session, handoff))


async def _conversation_context(request: Request, session: Session, handoff: Handoff,
                                revealed: bool = False) -> dict[str, Any]:
    gateway = _gateway(request)
    lines = await _db(request, gateway.router.handoffs.transcript, handoff.conversation)
    offices = [office for office in gateway.offices.values() if office.id != handoff.office]
    canned = await _db(request, gateway.accounts.canned, session.officer.office)
    return {"handoff": handoff, "lines": lines, "show": (lambda text: text or "") if revealed else
            (lambda text: mask(text or "")), "revealed": revealed, "offices": offices, "canned": canned,
            "query": "", "cards": [],
            "mine": handoff.held_by(session.officer.username)}


@router.post("/conversations/{handoff_id}/reveal", response_class=HTMLResponse)
async def reveal(request: Request, session: PostSessionDep, handoff_id: int) -> HTMLResponse:
    """Shows the numbers unmasked, once, in this response; written to the audit log."""
    handoff = await _own_handoff(request, session, handoff_id)
    await _db(request, _gateway(request).accounts.audit, session.officer, "reveal", handoff.id)
    context = await _conversation_context(request, session, handoff, revealed=True)
    return _render(request, "conversation.html", session, **context)


@router.post("/conversations/{handoff_id}/claim")
async def claim(request: Request, session: PostSessionDep, handoff_id: int) -> Response:
    return await _move(request, session, handoff_id, "claim")


@router.post("/conversations/{handoff_id}/release")
async def release(request: Request, session: PostSessionDep, handoff_id: int) -> Response:
    return await _move(request, session, handoff_id, "release")


@router.post("/conversations/{handoff_id}/transfer")
async def transfer(request: Request, session: PostSessionDep, handoff_id: int,
                   office: Annotated[str, Form(max_length=64)] = "") -> Response:
    if office not in _gateway(request).offices:
        raise HTTPException(status_code=400, detail="Không có đơn vị này.")
    return await _move(request, session, handoff_id, "transfer", office)


@router.post("/conversations/{handoff_id}/snooze")
async def snooze(request: Request, session: PostSessionDep, handoff_id: int,
                 minutes: Annotated[int, Form(ge=5, le=7 * 24 * 60)] = 60,
                 reason: Annotated[str, Form(max_length=200)] = "") -> Response:
    if not reason.strip():
        raise HTTPException(status_code=400, detail="Cần ghi lý do tạm hoãn.")
    until = dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=minutes)
    return await _move(request, session, handoff_id, "snooze", until, reason)


@router.post("/conversations/{handoff_id}/resolve")
async def resolve(request: Request, session: PostSessionDep, handoff_id: int) -> Response:
    gateway = _gateway(request)
    handoff = await _own_handoff(request, session, handoff_id)
    try:
        closed = await _db(request, gateway.router.handoffs.resolve, handoff.id, session.officer.username)
    except HandoffConflict:
        raise HTTPException(status_code=409, detail="Bạn không giữ cuộc trò chuyện này.") from None
    question = Reply(text=handoff_messages.CLOSED_BY_OFFICER, buttons=rating_buttons(closed.id))
    await gateway.push(closed.channel, closed.sender, [question], key=f"handoff-closed:{closed.id}")
    await _db(request, gateway.router.handoffs.record, closed.conversation, "system", "Cán bộ đã kết thúc")
    await _db(request, gateway.accounts.audit, session.officer, "resolve", closed.id)
    gateway.live.publish(closed.office, {"kind": "queue", "handoff": closed.id})
    return RedirectResponse("/console", status_code=303)


async def _move(request: Request, session: Session, handoff_id: int, action: str, *args: Any) -> Response:
    gateway = _gateway(request)
    handoff = await _own_handoff(request, session, handoff_id)
    store = gateway.router.handoffs
    moves = {"claim": store.claim, "release": store.release, "transfer": store.transfer, "snooze": store.snooze}
    try:
        moved = await _db(request, moves[action], handoff.id, session.officer.username, *args)
    except HandoffConflict:
        raise HTTPException(status_code=409, detail="Cuộc trò chuyện đã được cán bộ khác nhận hoặc đã đóng.") from None
    detail = " ".join(str(arg) for arg in args)
    await _db(request, gateway.accounts.audit, session.officer, action, handoff.id, detail)
    gateway.live.publish(handoff.office, {"kind": "queue", "handoff": handoff.id})
    if moved.office != handoff.office:
        gateway.live.publish(moved.office, {"kind": "queue", "handoff": handoff.id})
    target = f"/console/conversations/{handoff.id}" if action == "claim" else "/console"
    return RedirectResponse(target, status_code=303)


@router.post("/conversations/{handoff_id}/reply")
async def reply(request: Request, session: PostSessionDep, handoff_id: int,
                text: Annotated[str, Form(max_length=MAX_REPLY)] = "") -> Response:
    gateway = _gateway(request)
    handoff = await _own_handoff(request, session, handoff_id)
    if not handoff.held_by(session.officer.username):
        raise HTTPException(status_code=409, detail="Hãy nhận cuộc trò chuyện trước khi trả lời.")
    if not text.strip():
        return RedirectResponse(f"/console/conversations/{handoff.id}", status_code=303)
    key = f"officer-reply:{uuid.uuid4().hex}"
    await _db(request, gateway.router.handoffs.record, handoff.conversation, "officer", text.strip(),
              session.officer.username, key)
    replies = [Reply(text=text.strip())]
    if await _db(request, gateway.router.handoffs.take_notify, handoff.id):  # asked to be told: a heading first
        office = gateway.offices.get(handoff.office)
        heading = handoff_messages.ANSWERED_AFTER_HOURS.format(office=office.name if office else "")
        replies = [Reply(text=f"{heading}\n{text.strip()}")]
    await gateway.push(handoff.channel, handoff.sender, replies, key=key)
    await _db(request, gateway.accounts.audit, session.officer, "reply", handoff.id)
    gateway.live.publish(handoff.office, {"kind": "conversation", "handoff": handoff.id})
    return RedirectResponse(f"/console/conversations/{handoff.id}", status_code=303)


MAX_ATTACHMENT = 10_000_000


@router.post("/conversations/{handoff_id}/attach")
async def attach(request: Request, session: PostSessionDep, handoff_id: int) -> Response:
    """A PDF for the citizen, sent on their channel as a document behind a link that expires."""
    gateway = _gateway(request)
    handoff = await _own_handoff(request, session, handoff_id)
    if not handoff.held_by(session.officer.username):
        raise HTTPException(status_code=409, detail="Hãy nhận cuộc trò chuyện trước khi gửi tài liệu.")
    upload = (await request.form()).get("file")
    content = await upload.read(MAX_ATTACHMENT + 1) if upload is not None and hasattr(upload, "read") else b""
    if not content.startswith(b"%PDF-") or len(content) > MAX_ATTACHMENT:
        raise HTTPException(status_code=400, detail="Chỉ gửi được tệp PDF, tối đa 10 MB.")
    token, name = await _db(request, gateway.files.share, content, upload.filename or "tai-lieu.pdf",
                            "application/pdf", gateway.settings.shared_file_hours)
    base = (gateway.settings.public_base_url or str(request.base_url)).rstrip("/")
    key = f"officer-reply:{uuid.uuid4().hex}"
    text = f"Cán bộ gửi bạn tài liệu: {name}"
    await _db(request, gateway.router.handoffs.record, handoff.conversation, "officer", f"[PDF] {name}",
              session.officer.username, key)
    await gateway.push(handoff.channel, handoff.sender, [Reply(text=text, document=f"{base}/files/{token}/{name}")],
                       key=key)
    await _db(request, gateway.accounts.audit, session.officer, "attach", handoff.id, name)
    gateway.live.publish(handoff.office, {"kind": "conversation", "handoff": handoff.id})
    return RedirectResponse(f"/console/conversations/{handoff.id}", status_code=303)


@router.post("/conversations/{handoff_id}/note")
async def note(request: Request, session: PostSessionDep, handoff_id: int,
               text: Annotated[str, Form(max_length=MAX_REPLY)] = "") -> Response:
    """A private note: in the transcript for officers, never sent to the citizen."""
    gateway = _gateway(request)
    handoff = await _own_handoff(request, session, handoff_id)
    if text.strip():
        await _db(request, gateway.router.handoffs.record, handoff.conversation, "note", text.strip(),
                  session.officer.username)
        await _db(request, gateway.accounts.audit, session.officer, "note", handoff.id)
        gateway.live.publish(handoff.office, {"kind": "conversation", "handoff": handoff.id})
    return RedirectResponse(f"/console/conversations/{handoff.id}", status_code=303)


# -- live updates ---------------------------------------------------------------------------------
@router.get("/events")
async def events(request: Request, session: SessionDep) -> StreamingResponse:
    """Server-sent events for the officer's office: "queue" and "conversation" changes."""
    live = _gateway(request).live

    async def stream():
        with live.subscribe(session.officer.office) as queue:
            yield "retry: 3000\n\n"
            while not await request.is_disconnected():
                try:
                    event = await asyncio.wait_for(queue.get(), timeout=15)
                except TimeoutError:
                    yield ": keep-alive\n\n"
                    continue
                yield f"event: {event['kind']}\ndata: {json.dumps(event)}\n\n"

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


# -- supervisors ----------------------------------------------------------------------------------
def _supervisor(session: Session) -> Officer:
    if not session.officer.is_supervisor:
        raise HTTPException(status_code=403, detail="Chỉ trưởng bộ phận được dùng chức năng này.")
    return session.officer


@router.get("/officers", response_class=HTMLResponse)
async def officers_page(request: Request, session: SessionDep, error: str = "", created: str = "") -> HTMLResponse:
    officer = _supervisor(session)
    people = await _db(request, _gateway(request).accounts.in_office, officer.office)
    return _render(request, "officers.html", session, people=people, error=error[:200], created=created[:64])


@router.post("/officers")
async def add_officer(request: Request, session: PostSessionDep, username: Annotated[str, Form(max_length=64)] = "",
                      password: Annotated[str, Form(max_length=256)] = "",
                      role: Annotated[str, Form(max_length=16)] = "officer") -> Response:
    supervisor = _supervisor(session)
    accounts = _gateway(request).accounts
    try:
        officer = await _db(request, accounts.add, username, password, role, supervisor.office)
    except AccountError as error:
        people = await _db(request, accounts.in_office, supervisor.office)
        reason = "exists" if "exists" in str(error) else str(error).split(":")[0]
        return _render(request, "officers.html", session, people=people, created="", status=400,
                       error=ACCOUNT_ERRORS_VI.get(reason, "Không tạo được tài khoản."))
    await _db(request, accounts.audit, supervisor, "add_officer", None, officer.username)
    return RedirectResponse(f"/console/officers?created={officer.username}", status_code=303)


ACCOUNT_ERRORS_VI = {
    "username": "Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.",
    "password": "Mật khẩu cần ít nhất 10 ký tự.",
    "role must be one of officer, supervisor": "Vai trò không hợp lệ.",
    "exists": "Tên đăng nhập này đã có người dùng.",
}


@router.get("/replies", response_class=HTMLResponse)
async def canned_page(request: Request, session: SessionDep, error: str = "") -> HTMLResponse:
    officer = _supervisor(session)
    canned = await _db(request, _gateway(request).accounts.canned, officer.office)
    return _render(request, "replies.html", session, canned=canned, error=error[:200])


@router.post("/replies")
async def add_canned(request: Request, session: PostSessionDep, title: Annotated[str, Form(max_length=100)] = "",
                     text: Annotated[str, Form(max_length=MAX_REPLY)] = "") -> Response:
    officer = _supervisor(session)
    accounts = _gateway(request).accounts
    try:
        await _db(request, accounts.add_canned, officer.office, title, text)
    except AccountError:
        canned = await _db(request, accounts.canned, officer.office)
        return _render(request, "replies.html", session, canned=canned, status=400,
                       error="Câu trả lời mẫu cần có tiêu đề và nội dung.")
    await _db(request, accounts.audit, officer, "add_canned", None, title[:100])
    return RedirectResponse("/console/replies", status_code=303)


@router.post("/replies/{reply_id}/delete")
async def delete_canned(request: Request, session: PostSessionDep, reply_id: int) -> Response:
    officer = _supervisor(session)
    await _db(request, _gateway(request).accounts.delete_canned, officer.office, reply_id)
    await _db(request, _gateway(request).accounts.audit, officer, "delete_canned", None, str(reply_id))
    return RedirectResponse("/console/replies", status_code=303)


@router.get("/audit", response_class=HTMLResponse)
async def audit_page(request: Request, session: SessionDep) -> HTMLResponse:
    officer = _supervisor(session)
    rows = await _db(request, _gateway(request).accounts.audit_log, officer.office, 500)
    return _render(request, "audit.html", session, rows=rows,
                   at=lambda seconds: dt.datetime.fromtimestamp(seconds, VIETNAM).strftime("%H:%M:%S %d/%m/%Y"))


@router.get("/audit.csv")
async def audit_export(request: Request, session: SessionDep) -> PlainTextResponse:
    officer = _supervisor(session)
    text = await _db(request, _gateway(request).accounts.audit_csv, officer.office)
    await _db(request, _gateway(request).accounts.audit, officer, "export_audit")
    return PlainTextResponse(text, media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="nhat-ky-thao-tac.csv"'})
