"""The officers' console: login and its protections, each office's queue, claiming, replying through
the citizen's channel, closing with the satisfaction question, masking and the audit log."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest

from channels.console.accounts import Accounts
from handoff.model import State
from handoff.store import Handoffs

PASSWORD = "mat-khau-rat-dai-2026"
CITIZEN = "citizen-web-0001"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def console(gateway_client):
    with gateway_client() as client:
        accounts = Accounts(client.gateway.engine)
        accounts.add("truong.bp", PASSWORD, "supervisor", "mot-cua")
        accounts.add("can.bo.an", PASSWORD, "officer", "mot-cua")
        accounts.add("can.bo.xa.khac", PASSWORD, "officer", "xa-khac")
        yield client


def csrf_in(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def log_in(client, username: str, password: str = PASSWORD):
    page = client.get("/console/login")
    return client.post("/console/login", data={"username": username, "password": password, "csrf": csrf_in(page.text)},
                       follow_redirects=False)


def logged_in(client, username: str) -> str:
    """Logs in and returns the session's CSRF token."""
    assert log_in(client, username).status_code == 303
    return csrf_in(client.get("/console").text)


def citizen_asks_for_an_officer(client, text: str = "sổ đỏ nhà tôi ghi sai diện tích, sđt tôi 0912345678") -> int:
    client.post("/api/web/messages", json={"sender": CITIZEN, "text": text})
    client.post("/api/web/messages", json={"sender": CITIZEN, "text": "Chuyển cho cán bộ", "payload": "/handoff"})
    return Handoffs(client.gateway.engine).live(f"web:{CITIZEN}").id


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/console"), ("get", "/console/conversations/1"), ("get", "/console/events"), ("get", "/console/audit"),
    ("post", "/console/conversations/1/claim"), ("post", "/console/conversations/1/reply"),
])
def test_without_a_session_every_page_redirects_to_the_login(console, method, path):
    response = getattr(console, method)(path, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/console/login"


def test_the_login_form_has_the_contract_fields_and_a_wrong_password_is_refused_politely(console):
    page = console.get("/console/login")
    assert 'name="username"' in page.text and 'name="password"' in page.text and page.status_code == 200
    refused = log_in(console, "can.bo.an", "sai-mat-khau-roi")
    assert refused.status_code == 401 and "không đúng" in refused.text


def test_the_session_cookie_is_http_only_and_same_site(console):
    response = log_in(console, "can.bo.an")
    cookie = response.headers["set-cookie"]
    assert "console_session=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_a_login_without_its_csrf_token_is_forbidden(console):
    response = console.post("/console/login", data={"username": "can.bo.an", "password": PASSWORD})
    assert response.status_code == 403


def test_repeated_wrong_passwords_lock_the_login_even_with_the_right_one(console):
    for _ in range(5):
        log_in(console, "can.bo.an", "doan-mo-mat-khau")
    locked = log_in(console, "can.bo.an")
    assert locked.status_code == 401 and "quá nhiều lần" in locked.text


def test_passwords_never_reach_the_log(console, caplog):
    with caplog.at_level(logging.DEBUG):
        log_in(console, "can.bo.an", "sai-mat-khau-bi-mat-123")
        log_in(console, "can.bo.an")
    assert "sai-mat-khau-bi-mat-123" not in caplog.text and PASSWORD not in caplog.text


def test_an_officer_claims_replies_on_the_citizen_s_channel_and_closes_with_the_satisfaction_question(console, rasa):
    handoff_id = citizen_asks_for_an_officer(console)
    csrf = logged_in(console, "can.bo.an")
    queue = console.get("/console").text
    assert "sổ đỏ nhà tôi ghi sai diện tích" in queue and "Nhận" in queue

    assert console.post(f"/console/conversations/{handoff_id}/claim", data={}).status_code == 403  # no CSRF
    claimed = console.post(f"/console/conversations/{handoff_id}/claim", data={"csrf": csrf}, follow_redirects=False)
    assert claimed.status_code == 303
    assert Handoffs(console.gateway.engine).get(handoff_id).state == State.WITH_OFFICER

    asked_rasa = len([r for r in rasa.requests if r[1] == "/webhooks/rest/webhook"])
    console.post(f"/console/conversations/{handoff_id}/reply", data={"csrf": csrf, "text": "Chào anh, tôi kiểm tra ngay."})
    console.drain()
    pushed = console.get(f"/api/web/updates?sender={CITIZEN}").json()["replies"]
    assert [reply["text"] for reply in pushed] == ["Chào anh, tôi kiểm tra ngay."]
    console.post("/api/web/messages", json={"sender": CITIZEN, "text": "cảm ơn chị"})
    assert len([r for r in rasa.requests if r[1] == "/webhooks/rest/webhook"]) == asked_rasa  # Rasa heard nothing
    page = console.get(f"/console/conversations/{handoff_id}").text
    assert "cảm ơn chị" in page and "Đã gửi" in page

    console.post(f"/console/conversations/{handoff_id}/resolve", data={"csrf": csrf})
    console.drain()
    closing = console.get(f"/api/web/updates?sender={CITIZEN}").json()["replies"]
    assert "Bạn thấy cán bộ hỗ trợ thế nào?" in closing[0]["text"]
    assert [b["title"] for b in closing[0]["buttons"]] == ["😊 Hài lòng", "😐 Bình thường", "☹️ Chưa hài lòng"]
    assert Handoffs(console.gateway.engine).state_of(f"web:{CITIZEN}") == State.BOT


def test_an_officer_cannot_open_or_take_another_office_s_conversation_by_guessing_its_id(console):
    handoff_id = citizen_asks_for_an_officer(console)
    csrf = logged_in(console, "can.bo.xa.khac")
    assert "sổ đỏ" not in console.get("/console").text
    assert console.get(f"/console/conversations/{handoff_id}").status_code == 404
    assert console.post(f"/console/conversations/{handoff_id}/claim", data={"csrf": csrf}).status_code == 404
    assert Handoffs(console.gateway.engine).get(handoff_id).state == State.WAITING


def test_numbers_are_masked_until_revealed_and_the_reveal_is_audited(console):
    handoff_id = citizen_asks_for_an_officer(console)
    csrf = logged_in(console, "can.bo.an")
    for page in (console.get("/console").text, console.get(f"/console/conversations/{handoff_id}").text):
        assert "0912345678" not in page
    assert "******5678" in console.get(f"/console/conversations/{handoff_id}").text
    revealed = console.post(f"/console/conversations/{handoff_id}/reveal", data={"csrf": csrf})
    assert "0912345678" in revealed.text
    actions = [row["action"] for row in Accounts(console.gateway.engine).audit_log("mot-cua")]
    assert "reveal" in actions and "view" in actions and "login" in actions


def test_a_held_conversation_cannot_be_answered_by_another_officer(console):
    handoff_id = citizen_asks_for_an_officer(console)
    csrf = logged_in(console, "can.bo.an")
    console.post(f"/console/conversations/{handoff_id}/claim", data={"csrf": csrf})
    console.cookies.clear()
    other = logged_in(console, "truong.bp")
    assert console.post(f"/console/conversations/{handoff_id}/claim", data={"csrf": other}).status_code == 409
    assert console.post(f"/console/conversations/{handoff_id}/reply", data={"csrf": other, "text": "x"}).status_code == 409


def test_supervisors_add_officers_to_their_office_and_read_the_audit_log_officers_cannot(console):
    csrf = logged_in(console, "can.bo.an")
    assert console.get("/console/officers").status_code == 403 and console.get("/console/audit").status_code == 403
    console.cookies.clear()
    csrf = logged_in(console, "truong.bp")
    created = console.post("/console/officers", data={"csrf": csrf, "username": "can.bo.binh", "password": "mot-mat-khau-dai",
                                                      "role": "officer"})
    assert "Đã tạo tài khoản can.bo.binh" in created.text
    assert Accounts(console.gateway.engine).get("can.bo.binh").office == "mot-cua"
    short = console.post("/console/officers", data={"csrf": csrf, "username": "can.bo.c", "password": "ngan", "role": "officer"})
    assert short.status_code == 400 and "ít nhất 10 ký tự" in short.text
    export = console.get("/console/audit.csv")
    assert export.status_code == 200 and "add_officer" in export.text and "login" in export.text


def test_the_command_creates_the_first_supervisor_reading_the_password_from_standard_input(tmp_path):
    database = f"sqlite:///{tmp_path / 'app.db'}"
    done = subprocess.run([sys.executable, "-m", "channels", "officers", "add", "--username", "truong.bp",
                           "--role", "supervisor", "--office", "mot-cua"], input=f"{PASSWORD}\n", text=True,
                          capture_output=True, env={"DATABASE_URL": database, "PATH": "/usr/bin:/bin"}, cwd=ROOT,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert PASSWORD not in done.stdout + done.stderr
    from storage.database import make_engine

    assert Accounts(make_engine(database)).get("truong.bp").is_supervisor


def test_the_same_handoff_works_for_a_zalo_oa_citizen_whose_buttons_come_back_as_text(gateway_client, rasa):
    from tests.channels.test_zalo_oa import APP_ID, SECRET, USER, event, post
    from tests.fakes.zalo import FakeZaloOA

    with FakeZaloOA("access-0", "refresh-0") as zalo, gateway_client(
            zalo_app_id=APP_ID, zalo_oa_secret_key=SECRET, zalo_oa_access_token="access-0",
            zalo_oa_refresh_token="refresh-0", zalo_oa_api_base_url=zalo.url, zalo_oa_oauth_base_url=zalo.url) as client:
        Accounts(client.gateway.engine).add("can.bo.an", PASSWORD, "officer", "mot-cua")
        post(client, event("hồ sơ đất của tôi trễ hẹn 3 tuần", msg_id="z1"))
        post(client, event("/handoff", msg_id="z2"))
        client.drain()
        assert "hàng chờ" in zalo.sent()[-1]["message"]["text"]
        handoff = Handoffs(client.gateway.engine).live(f"zalo_oa:{USER}")
        assert handoff.summary.question == "hồ sơ đất của tôi trễ hẹn 3 tuần" and handoff.summary.channel == "zalo_oa"
        csrf = logged_in(client, "can.bo.an")
        client.post(f"/console/conversations/{handoff.id}/claim", data={"csrf": csrf})
        client.post(f"/console/conversations/{handoff.id}/reply", data={"csrf": csrf, "text": "Tôi đã báo phòng đất đai."})
        client.drain()
        assert zalo.sent()[-1] == {"recipient": {"user_id": USER}, "message": {"text": "Tôi đã báo phòng đất đai."}}
        asked = len([r for r in rasa.requests if r[1] == "/webhooks/rest/webhook"])
        post(client, event("dạ cảm ơn", msg_id="z3"))
        client.drain()
        assert len([r for r in rasa.requests if r[1] == "/webhooks/rest/webhook"]) == asked
        assert "dạ cảm ơn" in client.get(f"/console/conversations/{handoff.id}").text


def test_a_reply_the_channel_refuses_shows_as_not_delivered_in_the_console(gateway_client):
    from tests.fakes.telegram_api import TOKEN

    with gateway_client(telegram_bot_token=TOKEN, telegram_api_base_url="http://127.0.0.1:9",
                        worker_max_attempts=1) as client:
        Accounts(client.gateway.engine).add("can.bo.an", PASSWORD, "officer", "mot-cua")
        store = Handoffs(client.gateway.engine)
        from handoff.model import Summary

        handoff, _ = store.open("telegram:555", "mot-cua", Summary(channel="telegram", question="alo"))
        csrf = logged_in(client, "can.bo.an")
        client.post(f"/console/conversations/{handoff.id}/claim", data={"csrf": csrf})
        client.post(f"/console/conversations/{handoff.id}/reply", data={"csrf": csrf, "text": "Chào anh"})
        client.drain()
        assert "Chưa gửi được tới người dân" in client.get(f"/console/conversations/{handoff.id}").text


def test_officers_find_a_procedure_in_the_same_catalog_and_use_their_office_s_canned_replies(console):
    handoff_id = citizen_asks_for_an_officer(console)
    csrf = logged_in(console, "truong.bp")
    console.post("/console/replies", data={"csrf": csrf, "title": "Giờ làm việc",
                                           "text": "Bộ phận một cửa làm việc từ 7:30 đến 17:00, thứ Hai đến thứ Sáu."})
    assert console.post("/console/replies", data={"csrf": csrf, "title": "", "text": "x"}).status_code == 400
    console.cookies.clear()
    csrf = logged_in(console, "can.bo.an")
    console.post(f"/console/conversations/{handoff_id}/claim", data={"csrf": csrf})
    page = console.get(f"/console/conversations/{handoff_id}", params={"q": "làm hộ chiếu phổ thông"}).text
    assert "hộ chiếu" in page.lower() and "Chèn vào trả lời" in page and "Nguồn:" in page
    assert "Bộ phận một cửa làm việc từ 7:30 đến 17:00" in page
    console.cookies.clear()
    logged_in(console, "can.bo.xa.khac")
    assert console.get("/console/replies").status_code == 403


def test_an_officer_sends_a_pdf_that_the_citizen_downloads_through_a_link(console):
    handoff_id = citizen_asks_for_an_officer(console)
    csrf = logged_in(console, "can.bo.an")
    console.post(f"/console/conversations/{handoff_id}/claim", data={"csrf": csrf})
    pdf = b"%PDF-1.4\n% mau don\n%%EOF\n"
    refused = console.post(f"/console/conversations/{handoff_id}/attach", data={"csrf": csrf},
                           files={"file": ("ghi-chu.txt", b"not a pdf", "text/plain")})
    assert refused.status_code == 400
    console.post(f"/console/conversations/{handoff_id}/attach", data={"csrf": csrf},
                 files={"file": ("Mẫu đơn đề nghị.pdf", pdf, "application/pdf")})
    console.drain()
    pushed = console.get(f"/api/web/updates?sender={CITIZEN}").json()["replies"]
    link = pushed[-1]["document"]
    assert link.startswith("http://testserver/files/") and link.endswith("/Mau-don-de-nghi.pdf")
    download = console.get(link.removeprefix("http://testserver"))
    assert download.status_code == 200 and download.content == pdf
    assert download.headers["content-type"] == "application/pdf"
    assert console.get(link.removeprefix("http://testserver") + "x").status_code == 410
    assert "[PDF] Mau-don-de-nghi.pdf" in console.get(f"/console/conversations/{handoff_id}").text


def test_a_shared_file_s_link_stops_working_when_it_expires(tmp_path):
    from storage.shared_files import SharedFiles
    from storage.database import make_engine, migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
    migrate(engine)
    now = [1_800_000_000.0]
    files = SharedFiles(engine, tmp_path / "files", clock=lambda: now[0])
    token, name = files.share(b"%PDF-1.4", "Tờ khai.pdf", "application/pdf", hours=1)
    assert files.find(token)[1] == name == "To-khai.pdf"
    now[0] += 3601
    assert files.find(token) is None
    files.share(b"%PDF-1.4", "khac.pdf", "application/pdf", hours=1)  # sharing again cleans up
    assert not (tmp_path / "files" / f"{token}-{name}").exists()
