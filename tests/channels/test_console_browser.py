"""An officer's day in a real headless Chromium: a Telegram or Zalo OA citizen's handoff appears live in
the queue, the officer claims it and replies through the channel's API, the citizen's next message
appears live while Rasa hears nothing, and closing sends the satisfaction question; outside office hours
the citizen hears when the office opens, nobody claiming in time offers the bot or a call-back, and a
citizen who goes back to the bot leaves the queue live."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack
from typing import NamedTuple
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from channels.console.accounts import Accounts
from channels.settings import GatewaySettings
from channels.zalo_oa import signature
from handoff.office_hours import holiday_name
from storage.database import make_engine, migrate
from storage.tables import handoff_ratings
from tests.channels.test_widget_browser import CHROMIUM, playwright_api
from tests.channels.test_zalo_oa import APP_ID as ZALO_APP_ID
from tests.channels.test_zalo_oa import SECRET as ZALO_SECRET
from tests.channels.test_zalo_oa import USER as ZALO_USER
from tests.channels.test_zalo_oa import event as zalo_event
from tests.fakes.rasa import fake_rasa
from tests.fakes.telegram_api import TOKEN, FakeTelegram
from tests.fakes.zalo import FakeZaloOA
from tests.gateway_server import serving

pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is not installed (scripts/setup.sh installs it as root)")
expect = playwright_api.expect

SECRET = "browser-telegram-secret"
PASSWORD = "mat-khau-rat-dai-2026"
CHAT = 777000111
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
EMPTY_QUEUE = "Chưa có người dân nào đang chờ."
LIVE = 10_000  # ms a live change may take to reach the console (2 CI cores, a browser and the gateway)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAYS_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def telegram_update(update_id: int, text: str | None = None, button: str | None = None) -> dict:
    chat = {"id": CHAT, "type": "private"}
    person = {"id": CHAT, "is_bot": False, "first_name": "Hoa"}
    if button:
        return {"update_id": update_id, "callback_query": {
            "id": f"cbq-{update_id}", "from": person, "chat_instance": "ci", "data": button,
            "message": {"message_id": update_id, "date": 1700000000, "chat": chat, "text": "menu"}}}
    message = {"message_id": update_id, "date": 1700000000, "chat": chat, "from": person, "text": text}
    if text and text.startswith("/"):  # as Telegram marks a command
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": message}


def wait_until(condition, timeout: float = 15.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


class Stack(NamedTuple):
    url: str
    rasa: object
    telegram: FakeTelegram
    zalo: FakeZaloOA
    database: str


@pytest.fixture
def start_gateway(tmp_path) -> Iterator:
    """``start_gateway(**settings)``: the gateway served on a free port with an officer of "mot-cua",
    Telegram and Zalo OA on against their local fakes, and the fake Rasa."""
    with ExitStack() as running:
        def start(**overrides) -> Stack:
            database = f"sqlite:///{tmp_path / 'app.db'}"
            engine = make_engine(database)
            migrate(engine)
            Accounts(engine).add("can.bo.an", PASSWORD, "officer", "mot-cua")
            engine.dispose()
            rasa = running.enter_context(fake_rasa())
            telegram = running.enter_context(FakeTelegram())
            zalo = running.enter_context(FakeZaloOA("access-0", "refresh-0"))
            settings = GatewaySettings(_env_file=None, rasa_url=rasa.url, action_server_url="http://127.0.0.1:9",
                                       database_url=database, telegram_bot_token=TOKEN,
                                       telegram_webhook_secret=SECRET, telegram_api_base_url=telegram.url,
                                       zalo_app_id=ZALO_APP_ID, zalo_oa_secret_key=ZALO_SECRET,
                                       zalo_oa_access_token="access-0", zalo_oa_refresh_token="refresh-0",
                                       zalo_oa_api_base_url=zalo.url, zalo_oa_oauth_base_url=zalo.url, **overrides)
            return Stack(running.enter_context(serving(settings)), rasa, telegram, zalo, database)

        yield start


@pytest.fixture
def stack(start_gateway):
    running = start_gateway()
    return running.url, running.rasa, running.telegram


@pytest.fixture
def desk(start_gateway):
    """The officer's browser: a tablet at the desk (closed before the gateway stops)."""
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser.new_context(viewport={"width": 1024, "height": 768}).new_page()
        browser.close()


def officer_logs_in(page, url: str) -> None:
    page.goto(f"{url}/console/login")
    page.get_by_label("Tên đăng nhập").fill("can.bo.an")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Hàng chờ")).to_be_visible()


def citizen_sends(url: str, update: dict) -> None:
    request = urllib.request.Request(f"{url}/webhooks/telegram", data=json.dumps(update).encode(),
                                     headers={"Content-Type": "application/json",
                                              "X-Telegram-Bot-Api-Secret-Token": SECRET})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


def zalo_citizen_sends(url: str, text: str, msg_id: str) -> None:
    """A signed Zalo OA webhook, as Zalo sends it (a tapped button's payload comes back as the text)."""
    body = zalo_event(text, msg_id=msg_id)
    raw = json.dumps(body, ensure_ascii=False).encode()
    request = urllib.request.Request(f"{url}/webhooks/zalo-oa", data=raw, headers={
        "Content-Type": "application/json",
        "X-ZEvent-Signature": signature(ZALO_APP_ID, raw, body["timestamp"], ZALO_SECRET)})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


def sent_texts(telegram) -> list[str]:
    return [call.get("text", "") for call in telegram.calls("sendMessage")]


def telegram_buttons(call: dict) -> list[tuple[str, str]]:
    return [(b["text"], b["callback_data"]) for row in json.loads(call["reply_markup"])["inline_keyboard"] for b in row]


def zalo_sent_to_citizen(zalo) -> list[dict]:
    return [body["message"] for body in zalo.sent() if body["recipient"] == {"user_id": ZALO_USER}]


def rasa_heard(rasa) -> list[str]:
    return [body["message"] for _, path, body in rasa.requests if path == "/webhooks/rest/webhook"]


def offices_file(tmp_path, hours: str):
    path = tmp_path / "offices.yml"
    path.write_text(f'- id: mot-cua\n  name: Bộ phận một cửa UBND phường Bến Nghé\n  hours: "{hours}"\n',
                    encoding="utf-8")
    return path


def test_an_officer_takes_a_telegram_conversation_live_answers_it_and_closes_it(stack):
    url, rasa, telegram = stack
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_context(viewport={"width": 1024, "height": 768}).new_page()  # a tablet at the desk
        page.goto(f"{url}/console")
        assert page.url.endswith("/console/login")
        page.get_by_label("Tên đăng nhập").fill("can.bo.an")
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.get_by_text("Chưa có người dân nào đang chờ.").wait_for(timeout=10_000)

        citizen_sends(url, telegram_update(1, "sổ đỏ nhà tôi ghi sai tên chủ hộ"))
        citizen_sends(url, telegram_update(2, button="/handoff"))
        page.get_by_text("sổ đỏ nhà tôi ghi sai tên chủ hộ").wait_for(timeout=10_000)  # live, no reload
        wait_until(lambda: any("hàng chờ" in text for text in sent_texts(telegram)))
        asked_rasa = len([r for r in rasa.requests if r[1] == "/webhooks/rest/webhook"])

        page.get_by_role("button", name="Nhận").click()
        page.get_by_label("Trả lời người dân").fill("Chào chị Hoa, tôi là cán bộ một cửa, tôi kiểm tra ngay.")
        page.get_by_role("button", name="Gửi", exact=True).click()
        wait_until(lambda: "Chào chị Hoa, tôi là cán bộ một cửa, tôi kiểm tra ngay." in sent_texts(telegram))

        citizen_sends(url, telegram_update(3, "dạ em cảm ơn, tên đúng là Nguyễn Thị Hoa"))
        page.get_by_text("dạ em cảm ơn, tên đúng là Nguyễn Thị Hoa").wait_for(timeout=10_000)
        assert len([r for r in rasa.requests if r[1] == "/webhooks/rest/webhook"]) == asked_rasa

        page.get_by_role("button", name="Kết thúc").click()
        question = wait_until(lambda: next((c for c in telegram.calls("sendMessage")
                                            if "Bạn thấy cán bộ hỗ trợ thế nào?" in c.get("text", "")), None))
        buttons = [b["text"] for row in json.loads(question["reply_markup"])["inline_keyboard"] for b in row]
        assert buttons == ["😊 Hài lòng", "😐 Bình thường", "☹️ Chưa hài lòng"]
        browser.close()



def test_a_web_chat_citizen_taps_the_handoff_button_and_reads_the_officer_s_answer_in_the_chat(stack):
    url, rasa, _ = stack
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        citizen = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True).new_page()
        officer = browser.new_context(viewport={"width": 1024, "height": 768}).new_page()
        officer.goto(f"{url}/console/login")
        officer.get_by_label("Tên đăng nhập").fill("can.bo.an")
        officer.get_by_label("Mật khẩu").fill(PASSWORD)
        officer.get_by_role("button", name="Đăng nhập").click()
        officer.get_by_text("Chưa có người dân nào đang chờ.").wait_for(timeout=10_000)

        citizen.goto(url + "/")
        citizen.get_by_label("Nội dung tin nhắn").fill("giấy phép xây dựng bị trả lại, cho tôi gặp cán bộ")
        citizen.get_by_label("Nội dung tin nhắn").press("Enter")
        citizen.get_by_role("button", name="Chuyển cho cán bộ").click()
        citizen.get_by_text("vị trí số 1", exact=False).wait_for(timeout=10_000)
        asked_rasa = len([r for r in rasa.requests if r[1] == "/webhooks/rest/webhook"])

        officer.get_by_text("giấy phép xây dựng bị trả lại", exact=False).wait_for(timeout=10_000)
        officer.get_by_role("button", name="Nhận").click()
        officer.get_by_label("Trả lời người dân").fill("Chào anh, anh gửi giúp tôi số giấy tiếp nhận nhé.")
        officer.get_by_role("button", name="Gửi", exact=True).click()
        citizen.get_by_text("Chào anh, anh gửi giúp tôi số giấy tiếp nhận nhé.").wait_for(timeout=15_000)  # polled

        citizen.get_by_label("Nội dung tin nhắn").fill("dạ số 123 ạ")
        citizen.get_by_label("Nội dung tin nhắn").press("Enter")
        officer.get_by_text("dạ số 123 ạ").wait_for(timeout=10_000)
        assert len([r for r in rasa.requests if r[1] == "/webhooks/rest/webhook"]) == asked_rasa
        browser.close()


def test_an_officer_takes_a_zalo_oa_conversation_live_answers_it_and_closes_it(start_gateway, desk):
    url, rasa, _, zalo, database = start_gateway()
    officer_logs_in(desk, url)
    expect(desk.get_by_text(EMPTY_QUEUE)).to_be_visible()

    zalo_citizen_sends(url, "hồ sơ đất của tôi trễ hẹn 3 tuần", "z1")
    zalo_citizen_sends(url, "/handoff", "z2")  # the hidden button's payload comes back as the citizen's text
    row = desk.locator("tr[data-handoff]")
    expect(row).to_contain_text("hồ sơ đất của tôi trễ hẹn 3 tuần", timeout=LIVE)  # live, no reload
    expect(row).to_contain_text("Zalo OA")
    queued = wait_until(lambda: next((m for m in zalo_sent_to_citizen(zalo) if "hàng chờ" in m.get("text", "")), None))
    assert [b["payload"] for b in queued["attachment"]["payload"]["buttons"]][-1] == "/restart"  # back to the bot
    asked_rasa = len(rasa_heard(rasa))

    row.get_by_role("button", name="Nhận").click()
    desk.get_by_label("Trả lời người dân").fill("Tôi đã báo phòng đất đai, chiều nay anh nhận kết quả.")
    desk.get_by_role("button", name="Gửi", exact=True).click()
    wait_until(lambda: {"text": "Tôi đã báo phòng đất đai, chiều nay anh nhận kết quả."} in zalo_sent_to_citizen(zalo))
    expect(desk.get_by_text("Đã gửi")).to_be_visible(timeout=LIVE)  # Zalo took it: shown live

    zalo_citizen_sends(url, "dạ cảm ơn, chiều tôi qua lấy", "z3")
    expect(desk.get_by_text("dạ cảm ơn, chiều tôi qua lấy")).to_be_visible(timeout=LIVE)
    assert len(rasa_heard(rasa)) == asked_rasa

    desk.get_by_role("button", name="Kết thúc").click()
    expect(desk.get_by_text(EMPTY_QUEUE)).to_be_visible()
    question = wait_until(lambda: next((m for m in zalo_sent_to_citizen(zalo)
                                        if "Bạn thấy cán bộ hỗ trợ thế nào?" in m.get("text", "")), None))
    buttons = question["attachment"]["payload"]["buttons"]
    assert [b["title"] for b in buttons] == ["😊 Hài lòng", "😐 Bình thường", "☹️ Chưa hài lòng"]
    assert {b["type"] for b in buttons} == {"oa.query.hide"}

    zalo_citizen_sends(url, buttons[0]["payload"], "z4")  # "Hài lòng", back as text
    wait_until(lambda: any("Cảm ơn bạn đã đánh giá" in m.get("text", "") for m in zalo_sent_to_citizen(zalo)))
    engine = make_engine(database)
    with engine.connect() as db:
        ratings = [tuple(r) for r in db.execute(select(handoff_ratings.c.officer, handoff_ratings.c.score))]
    engine.dispose()
    assert ratings == [("can.bo.an", 5)]
    assert len(rasa_heard(rasa)) == asked_rasa


def test_outside_office_hours_the_citizen_hears_when_the_office_opens_asks_to_be_told_and_the_later_reply_reaches_them(
        tmp_path, start_gateway, desk):
    opening = dt.datetime.now(VIETNAM).date() + dt.timedelta(days=2)  # its only weekday: closed now, at any hour
    while holiday_name(opening):
        opening += dt.timedelta(days=7)
    url, rasa, telegram, _, _ = start_gateway(
        handoff_offices_file=offices_file(tmp_path, f"{DAYS[opening.weekday()]} 07:30-11:30"))

    citizen_sends(url, telegram_update(1, "tôi cần trích lục khai sinh gấp để nộp hồ sơ"))
    citizen_sends(url, telegram_update(2, button="/handoff"))
    told = wait_until(lambda: next((c for c in telegram.calls("sendMessage")
                                    if "ngoài giờ làm việc" in c.get("text", "")), None))
    assert f"mở cửa lại lúc 7:30 sáng {WEEKDAYS_VI[opening.weekday()]}, {opening:%d/%m/%Y}" in told["text"]
    assert "Bộ phận một cửa UBND phường Bến Nghé" in told["text"] and "vị trí số 1" in told["text"]
    assert "Khi cán bộ trả lời, tin nhắn sẽ được gửi ngay tại đây" in told["text"]
    assert telegram_buttons(told) == [("Nhắn cho tôi khi cán bộ trả lời", "/handoff_notify"),
                                      ("Quay lại trợ lý ảo", "/restart")]
    asked_rasa = len(rasa_heard(rasa))
    citizen_sends(url, telegram_update(3, button="/handoff_notify"))
    wait_until(lambda: any("tôi sẽ nhắn cho bạn ngay" in c.get("text", "") for c in telegram.calls("sendMessage")))
    citizen_sends(url, telegram_update(4, "sáng mai gọi giúp tôi số 0912345678"))

    officer_logs_in(desk, url)  # when the office opens: the request waited in the queue
    expect(desk.get_by_role("heading", level=1)).to_have_text("Hàng chờ · Bộ phận một cửa UBND phường Bến Nghé")
    row = desk.locator("tr[data-handoff]")
    expect(row).to_contain_text("tôi cần trích lục khai sinh gấp để nộp hồ sơ")
    expect(row).to_contain_text("Đang chờ")
    row.get_by_role("button", name="Nhận").click()
    expect(desk.get_by_text("sáng mai gọi giúp tôi số ******5678")).to_be_visible(timeout=LIVE)
    expect(desk.get_by_text("Người dân muốn được nhắn khi cán bộ trả lời")).to_be_visible()
    desk.get_by_label("Trả lời người dân").fill("Chào chị, tôi đã chuẩn bị trích lục, chị qua quầy số 2 nhé.")
    desk.get_by_role("button", name="Gửi", exact=True).click()
    reply = wait_until(lambda: next((c for c in telegram.calls("sendMessage") if str(c.get("chat_id")) == str(CHAT)
                                     and "chị qua quầy số 2" in c.get("text", "")), None))
    assert reply["text"].startswith("🔔 Cán bộ Bộ phận một cửa UBND phường Bến Nghé đã trả lời")  # as asked
    assert len(rasa_heard(rasa)) == asked_rasa


def test_nobody_claiming_in_time_offers_the_citizen_the_bot_or_a_call_back_and_the_console_keeps_it(
        tmp_path, start_gateway, desk):
    now = dt.datetime.now(VIETNAM)
    if holiday_name(now.date()) or now.time() >= dt.time(23, 58):
        pytest.skip("offices are closed on Vietnam's public holidays, and the office below closes at 23:59")
    url, rasa, telegram, _, _ = start_gateway(handoff_offices_file=offices_file(tmp_path, "mon-sun 00:00-23:59"),
                                              handoff_unclaimed_minutes=0.02,  # 1.2 s of office time
                                              housekeeping_seconds=0.2)
    officer_logs_in(desk, url)
    expect(desk.get_by_text(EMPTY_QUEUE)).to_be_visible()

    citizen_sends(url, telegram_update(1, "xin cấp lại giấy phép kinh doanh bị mất"))
    citizen_sends(url, telegram_update(2, button="/handoff"))
    row = desk.locator("tr[data-handoff]")
    expect(row).to_contain_text("xin cấp lại giấy phép kinh doanh bị mất", timeout=LIVE)
    queued = wait_until(lambda: next((c for c in telegram.calls("sendMessage") if "vị trí số 1" in c.get("text", "")),
                                     None))
    assert "khoảng 5 phút" in queued["text"]  # open: a rough wait, not the next opening
    told = wait_until(lambda: next((c for c in telegram.calls("sendMessage")
                                    if "chưa có cán bộ nào nhận" in c.get("text", "")), None))
    assert telegram_buttons(told) == [("Tiếp tục chờ", "/handoff_wait"),
                                      ("Để lại số để cán bộ gọi lại", "/handoff_call_back"),
                                      ("Quay lại trợ lý ảo", "/restart")]
    expect(row).to_contain_text("Đang chờ")
    expect(row.get_by_role("button", name="Nhận")).to_be_visible()

    row.get_by_role("link", name="xin cấp lại giấy phép kinh doanh bị mất").click()
    expect(desk.get_by_text("Báo người dân: chưa có cán bộ nhận")).to_be_visible()
    asked_rasa = len(rasa_heard(rasa))
    citizen_sends(url, telegram_update(3, button="/handoff_call_back"))
    expect(desk.get_by_text("Người dân muốn được gọi lại")).to_be_visible(timeout=LIVE)
    wait_until(lambda: any("Bạn gửi số điện thoại ngay tại đây" in text for text in sent_texts(telegram)))
    citizen_sends(url, telegram_update(4, "0987654321"))
    expect(desk.get_by_text("******4321")).to_be_visible(timeout=LIVE)
    assert len(rasa_heard(rasa)) == asked_rasa
    assert sum("chưa có cán bộ nào nhận" in text for text in sent_texts(telegram)) == 1  # told once


@pytest.mark.parametrize("typed", ["quay lại trợ lý ảo", "/huy"])
def test_a_citizen_who_cancels_while_waiting_leaves_the_queue_live_and_rasa_answers_again(start_gateway, desk, typed):
    url, rasa, telegram, _, _ = start_gateway()
    officer_logs_in(desk, url)
    citizen_sends(url, telegram_update(1, "đăng ký kết hôn cần giấy tờ gì"))
    citizen_sends(url, telegram_update(2, button="/handoff"))
    row = desk.locator("tr[data-handoff]")
    expect(row).to_contain_text("đăng ký kết hôn cần giấy tờ gì", timeout=LIVE)
    wait_until(lambda: any("hàng chờ" in text for text in sent_texts(telegram)))
    heard = rasa_heard(rasa)

    citizen_sends(url, telegram_update(3, typed))
    expect(row).to_have_count(0, timeout=LIVE)  # gone live, no reload
    expect(desk.get_by_text(EMPTY_QUEUE)).to_be_visible()
    wait_until(lambda: "Đã quay lại trợ lý ảo. Yêu cầu gặp cán bộ đã được hủy. Bạn cần hỏi gì tiếp?"
               in sent_texts(telegram))
    assert rasa_heard(rasa) == heard  # cancelling is not a question for Rasa

    citizen_sends(url, telegram_update(4, "lệ phí đăng ký kết hôn bao nhiêu"))
    wait_until(lambda: "đã nhận: lệ phí đăng ký kết hôn bao nhiêu" in sent_texts(telegram))
    assert rasa_heard(rasa)[len(heard):] == ["lệ phí đăng ký kết hôn bao nhiêu"]
