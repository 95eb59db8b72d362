"""The embeddable widget in a real headless Chromium (Debian's, driven by Playwright) on a phone screen."""

from __future__ import annotations

import shutil

import pytest

from channels.settings import GatewaySettings
from tests.fakes.rasa import fake_rasa
from tests.gateway_server import serving

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is installed by scripts/setup.sh")
pytestmark = pytest.mark.skipif(not shutil.which("chromium"),
                                reason="Debian's chromium is not installed (scripts/setup.sh installs it as root)")


@pytest.fixture
def gateway_url(tmp_path):
    with fake_rasa() as rasa:
        settings = GatewaySettings(_env_file=None, rasa_url=rasa.url, action_server_url="http://127.0.0.1:9",
                                   database_url=f"sqlite:///{tmp_path / 'app.db'}")
        with serving(settings) as url:
            yield url


@pytest.fixture
def page():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
        yield context.new_page()
        browser.close()


def test_one_script_tag_embeds_a_chat_that_answers_and_has_clickable_buttons(page, gateway_url):
    page.set_content(f'<html><head><meta name="viewport" content="width=device-width, initial-scale=1"></head><body><h1>UBND phường</h1><script src="{gateway_url}/static/widget.js"></script></body></html>')
    page.get_by_role("button", name="Hỏi trợ lý dịch vụ công").focus()
    page.keyboard.press("Enter")  # keyboard only
    assert page.locator(".dvc-widget-toggle").get_attribute("aria-expanded") == "true"
    chat = page.frame_locator("#dvc-widget-frame")
    chat.get_by_text("đã nhận: /greet").wait_for(timeout=15_000)

    box = page.locator("#dvc-widget-frame").bounding_box()
    assert box["width"] <= 375 and box["x"] >= 0  # fits the phone screen

    chat.get_by_label("Nội dung tin nhắn").fill("làm hộ chiếu cần gì")
    chat.get_by_label("Nội dung tin nhắn").press("Enter")
    chat.get_by_text("đã nhận: làm hộ chiếu cần gì").wait_for(timeout=15_000)

    chat.get_by_role("button", name="Tra cứu hồ sơ").last.click()
    chat.get_by_text("đã nhận: /check_dossier").wait_for(timeout=15_000)

    page.keyboard.press("Escape")  # typed inside the chat frame, which asks the host page to close it
    playwright_api.expect(page.locator("#dvc-widget-frame")).to_be_hidden(timeout=5_000)


def test_the_standalone_page_works_on_a_phone_screen(page, gateway_url):
    page.goto(gateway_url + "/")
    page.get_by_text("đã nhận: /greet").wait_for(timeout=15_000)
    page.get_by_label("Nội dung tin nhắn").fill("cccd")
    page.get_by_role("button", name="Gửi").click()
    page.get_by_text("đã nhận: cccd").wait_for(timeout=15_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
