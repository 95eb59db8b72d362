"""A citizen on Telegram, through the real gateway, Rasa and action server (Telegram itself is faked)."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest

from tests.e2e.conftest import TELEGRAM_SECRET

pytestmark = pytest.mark.stack
CHAT = 777000111


def telegram_says(assistant, update_id: int, text: str) -> int:
    update = {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(time.time()), "chat": {"id": CHAT, "type": "private"},
        "from": {"id": CHAT, "is_bot": False, "first_name": "Hoa"}, "text": text,
        **({"entities": [{"type": "bot_command", "offset": 0, "length": len(text)}]} if text.startswith("/") else {})}}
    request = urllib.request.Request(
        f"http://127.0.0.1:{assistant.ports.gateway}/webhooks/telegram", data=json.dumps(update).encode(),
        headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def sent_after(telegram_api, count: int, timeout: float = 60) -> list[dict]:
    deadline = time.time() + timeout
    while time.time() < deadline:
        sent = telegram_api.calls("sendMessage")
        if len(sent) > count:
            time.sleep(0.5)  # let the rest of this answer arrive
            return telegram_api.calls("sendMessage")[count:]
        time.sleep(0.1)
    raise AssertionError("the assistant sent nothing to Telegram")


def test_a_telegram_citizen_gets_the_menu_asks_a_question_and_cancels(assistant, telegram_api):
    before = len(telegram_api.calls("sendMessage"))
    assert telegram_says(assistant, 1, "/start") == 200
    greeting = sent_after(telegram_api, before)
    keyboard = json.loads(greeting[-1]["reply_markup"])["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard] == ["Hỏi thủ tục", "Tra cứu hồ sơ", "Điền tờ khai", "Gặp cán bộ"]

    before = len(telegram_api.calls("sendMessage"))
    telegram_says(assistant, 2, "lam ho chieu can giay to gi")
    answer = "\n".join(message["text"] for message in sent_after(telegram_api, before))
    assert "hộ chiếu" in answer.lower()

    before = len(telegram_api.calls("sendMessage"))
    telegram_says(assistant, 3, "/huy")
    assert "Đã hủy" in sent_after(telegram_api, before)[0]["text"]


def test_typing_huy_in_the_web_chat_cancels_too(assistant):
    answer = assistant.web_says("web-citizen-huy-01", "/huy")
    assert "Đã hủy" in answer["replies"][0]["text"]
