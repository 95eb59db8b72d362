"""An officer's day in a real headless Chromium: a Telegram citizen's handoff appears live in the queue,
the officer claims it and replies through the Telegram Bot API, the citizen's next message appears live
while Rasa hears nothing, and closing sends the satisfaction question."""

from __future__ import annotations

import json
import shutil
import time

import pytest

from channels.console.accounts import Accounts
from channels.settings import GatewaySettings
from storage.database import make_engine, migrate
from tests.channels.test_widget_browser import CHROMIUM, playwright_api
from tests.fakes.rasa import fake_rasa
from tests.fakes.telegram_api import TOKEN, FakeTelegram
from tests.gateway_server import serving

pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is not installed (scripts/setup.sh installs it as root)")

SECRET = "browser-telegram-secret"
PASSWORD = "mat-khau-rat-dai-2026"
CHAT = 777000111


def telegram_update(update_id: int, text: str | None = None, button: str | None = None) -> dict:
    chat = {"id": CHAT, "type": "private"}
    person = {"id": CHAT, "is_bot": False, "first_name": "Hoa"}
    if button:
        return {"update_id": update_id, "callback_query": {
            "id": f"cbq-{update_id}", "from": person, "chat_instance": "ci", "data": button,
            "message": {"message_id": update_id, "date": 1700000000, "chat": chat, "text": "menu"}}}
    return {"update_id": update_id, "message": {"message_id": update_id, "date": 1700000000, "chat": chat,
                                                 "from": person, "text": text}}


def wait_until(condition, timeout: float = 15.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.fixture
def stack(tmp_path):
    database = f"sqlite:///{tmp_path / 'app.db'}"
    engine = make_engine(database)
    migrate(engine)
    Accounts(engine).add("can.bo.an", PASSWORD, "officer", "mot-cua")
    engine.dispose()
    with fake_rasa() as rasa, FakeTelegram() as telegram:
        settings = GatewaySettings(_env_file=None, rasa_url=rasa.url, action_server_url="http://127.0.0.1:9",
                                   database_url=database, telegram_bot_token=TOKEN, telegram_webhook_secret=SECRET,
                                   telegram_api_base_url=telegram.url)
        with serving(settings) as url:
            yield url, rasa, telegram


def citizen_sends(url: str, update: dict) -> None:
    import urllib.request

    request = urllib.request.Request(f"{url}/webhooks/telegram", data=json.dumps(update).encode(),
                                     headers={"Content-Type": "application/json",
                                              "X-Telegram-Bot-Api-Secret-Token": SECRET})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


def sent_texts(telegram) -> list[str]:
    return [call.get("text", "") for call in telegram.calls("sendMessage")]


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
