"""The form actions as Rasa calls them: start opens the form loop, each answer is checked by the
validation action (the slot stays empty until the form ends), finish sends the PDF as a document.
On SQLite and the real PostgreSQL."""

from __future__ import annotations

import pytest
from rasa_sdk.events import FollowupAction, Restarted, SlotSet

from actions import form_services
from actions.dossier_source import forget
from actions.fill_form import ActionAskFormAnswer, ActionFinishForm, ActionStartForm, ValidateDeclarationForm
from actions.restart import ActionRestart
from actions.settings import get_settings
from forms.filling import answer_payload
from tests.actions.conftest import make_tracker
from tests.forms.samples import SAMPLES, asked_field
from tests.services import app_database


@pytest.fixture(autouse=True, params=["sqlite", "postgresql"])
def app_db(request, monkeypatch, tmp_path):
    with app_database(request.param, tmp_path) as url:
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("DATA_DIR", str(tmp_path))
        monkeypatch.setenv("PUBLIC_BASE_URL", "https://tro-ly.example.vn")
        get_settings.cache_clear()
        forget()
        form_services.forget()
        yield
        form_services.forget()
        forget()


def shown(dispatcher) -> str:
    return "\n".join(message.get("text") or "" for message in dispatcher.messages)


def validate(dispatcher, text: str) -> dict:
    tracker = make_tracker(text, "form_answer")
    return ValidateDeclarationForm().validate_form_answer(text, dispatcher, tracker, {})


def test_naming_a_form_opens_the_form_loop_and_its_first_question_is_asked(dispatcher):
    events = ActionStartForm().run(dispatcher, make_tracker("điền giúp mẫu CT01", "fill_form"), {})
    assert events == [SlotSet("form_answer", None), FollowupAction("declaration_form")]
    assert dispatcher.messages[0]["custom"] == {"private": True}  # the gateway keeps no copy of the turn
    ask = ActionAskFormAnswer().run(dispatcher, make_tracker("", "fill_form"), {})
    assert "Mục 1/" in shown(dispatcher) and ask[0].get("name") == "form_progress"


def test_without_a_form_named_the_forms_are_offered_and_no_loop_starts(dispatcher):
    assert ActionStartForm().run(dispatcher, make_tracker("/fill_form", "fill_form"), {}) == []
    assert len(dispatcher.messages[-1]["buttons"]) == 3


def test_answers_keep_the_slot_empty_until_the_form_is_confirmed_then_the_pdf_is_sent(dispatcher):
    ActionStartForm().run(dispatcher, make_tracker("", "fill_form", [{"entity": "form_id", "value": "ct01"}]), {})
    for _ in range(40):
        dispatcher.messages.clear()
        ActionAskFormAnswer().run(dispatcher, make_tracker("", "fill_form"), {})
        if "trước khi tôi tạo bản in" in shown(dispatcher):
            break
        field = asked_field("ct01", shown(dispatcher))
        assert validate(dispatcher, SAMPLES["ct01"][field][0]) == {"form_answer": None}
    assert validate(dispatcher, answer_payload("confirm")) == {"form_answer": "submitted"}
    dispatcher.messages.clear()
    tracker = make_tracker("", "form_answer", slots={"form_answer": "submitted"})
    events = ActionFinishForm().run(dispatcher, tracker, {})
    assert events == [SlotSet("form_answer", None), SlotSet("form_progress", None)]
    document = next(m["custom"]["document"] for m in dispatcher.messages if (m.get("custom") or {}).get("document"))
    assert document.startswith("https://tro-ly.example.vn/files/") and document.endswith(".pdf")
    assert "Cách nộp" in shown(dispatcher)


def test_a_cancel_ends_the_loop_and_the_finish_action_sends_nothing_more(dispatcher):
    ActionStartForm().run(dispatcher, make_tracker("tôi muốn điền tờ khai khai sinh", "fill_form"), {})
    assert validate(dispatcher, "hủy") == {"form_answer": "cancelled"}
    dispatcher.messages.clear()
    ActionFinishForm().run(dispatcher, make_tracker("hủy", "form_answer", slots={"form_answer": "cancelled"}), {})
    assert dispatcher.messages == []


def test_a_database_that_is_down_gets_a_polite_answer_and_ends_the_loop_without_losing_the_draft(dispatcher, monkeypatch):
    ActionStartForm().run(dispatcher, make_tracker("tôi muốn điền tờ khai khai sinh", "fill_form"), {})
    service = form_services.get_form_service()
    monkeypatch.setattr(service.drafts, "get", lambda conversation: (_ for _ in ()).throw(OSError("down")))
    assert validate(dispatcher, "Phường Quang Trung, tỉnh Thái Nguyên") == {"form_answer": "paused"}
    assert "sự cố" in dispatcher.messages[-1]["text"]


def test_huy_restarts_the_conversation_and_forgets_the_half_filled_form(dispatcher):
    ActionStartForm().run(dispatcher, make_tracker("tôi muốn điền tờ khai khai sinh", "fill_form"), {})
    assert form_services.get_form_service().drafts.get("web:test") is not None
    assert ActionRestart().run(dispatcher, make_tracker("/restart", "restart"), {}) == [Restarted()]
    assert dispatcher.messages[-1]["response"] == "utter_restart"
    assert form_services.get_form_service().drafts.get("web:test") is None
