import datetime as dt

import pytest
from rasa_sdk.events import SlotSet

from actions.check_dossier import ActionCheckDossier
from actions.dossier_source import forget, get_dossier_source
from actions.settings import get_settings
from dossiers.seed import demo_dossiers
from tests.actions.conftest import make_tracker
from tests.services import app_database

TODAY = dt.date.today()
DOSSIERS = demo_dossiers(TODAY)
DEMO = {}  # the first dossier of each status that is not overdue
for _dossier in DOSSIERS:
    if not _dossier.is_overdue(TODAY):
        DEMO.setdefault(_dossier.status.value, _dossier)


@pytest.fixture(autouse=True, params=["sqlite", "postgresql"])
def local_dossiers(request, monkeypatch, tmp_path):
    """The local source on a fresh database (SQLite, then the real PostgreSQL) holding the demo dossiers."""
    with app_database(request.param, tmp_path) as url:
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("DOSSIER_SOURCE", "local")
        get_settings.cache_clear()
        forget()
        source = get_dossier_source()
        for dossier in DOSSIERS:
            source.save(dossier)
        yield
        forget()


def run(dispatcher, text, entities=(), sender="web:citizen-1"):
    tracker = make_tracker(text, "check_dossier", entities)
    tracker.sender_id = sender
    return ActionCheckDossier().run(dispatcher, tracker, {})


def test_no_code_asks_for_it(dispatcher):
    assert run(dispatcher, "hồ sơ của tôi tới đâu rồi") == []
    assert dispatcher.messages[0]["response"] == "utter_ask_dossier_code"


def test_code_typed_with_spaces_and_lower_case_finds_the_dossier(dispatcher):
    dossier = DEMO["processing"]
    loose = dossier.code.replace(".", " ").replace("-", " ").lower()
    events = run(dispatcher, f"tra ho so {loose}")
    assert events == [SlotSet("dossier_code", dossier.code)]
    answer = dispatcher.messages[0]["text"]
    assert dossier.procedure_name in answer and "đang được xử lý" in answer
    assert f"{dossier.appointment_on:%d/%m/%Y}" in answer


def test_with_the_code_alone_no_personal_data_is_shown(dispatcher):
    dossier = DEMO["needs_supplement"]
    run(dispatcher, f"tra cứu hồ sơ {dossier.code}")
    answer = dispatcher.messages[0]["text"]
    assert "chờ bạn bổ sung" in answer and "4 số cuối" in answer
    for private in (dossier.applicant_name, dossier.applicant_phone, dossier.applicant_id_number, dossier.to_supplement):
        assert private not in answer


def test_a_ready_result_says_where_to_collect_it(dispatcher):
    dossier = DEMO["result_ready"]
    run(dispatcher, dossier.code)
    assert "đã có kết quả" in dispatcher.messages[0]["text"] and dossier.agency in dispatcher.messages[0]["text"]


def test_an_overdue_dossier_gets_an_apology_and_an_officer_button(dispatcher):
    overdue = next(d for d in DOSSIERS if d.is_overdue(TODAY))
    run(dispatcher, overdue.code)
    message = dispatcher.messages[0]
    assert "xin lỗi" in message["text"] and "quá hạn" in message["text"]
    assert message["buttons"][0] == {"title": "Gặp cán bộ", "payload": "/handoff_overdue_dossier"}


def test_an_unknown_code_is_said_plainly(dispatcher):
    run(dispatcher, "tra cứu hồ sơ 000.00.04.H51-200221-9999")
    assert "không tìm thấy hồ sơ nào có mã 000.00.04.H51-200221-9999" in dispatcher.messages[0]["text"]


def test_malformed_code_is_explained_with_an_example(dispatcher):
    run(dispatcher, "tra cứu hồ sơ 000.00.04-H51")
    assert dispatcher.messages[0]["response"] == "utter_dossier_code_malformed"
    assert dispatcher.messages[0]["example"] == "000.00.04.H51-200221-0001"


def test_a_database_that_is_down_gets_the_busy_answer(dispatcher, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:9/none")
    get_settings.cache_clear()
    forget()
    from sqlalchemy.exc import OperationalError

    with pytest.raises(OperationalError):  # the source cannot even start...
        get_dossier_source()

    class Down:
        def get(self, code):
            raise OperationalError("SELECT", {}, Exception("connection refused"))

    monkeypatch.setattr("actions.check_dossier.get_dossier_source", lambda: Down())
    run(dispatcher, DEMO["processing"].code)  # ...and a lookup while it is down is answered politely
    assert dispatcher.messages[0]["text"].startswith("Hệ thống tra cứu đang bận")


def test_every_answer_offers_to_follow_the_dossier(dispatcher):
    run(dispatcher, DEMO["processing"].code)
    assert {"title": "Theo dõi hồ sơ này", "payload": "/follow_dossier"} in dispatcher.messages[0]["buttons"]


def test_after_five_unknown_codes_lookups_stop_for_that_sender_only(dispatcher):
    for n in range(5):
        run(dispatcher, f"000.00.04.H51-200221-90{n:02d}", sender="web:guesser")
    run(dispatcher, DEMO["processing"].code, sender="web:guesser")
    assert "tạm dừng tra cứu trong 15 phút" in dispatcher.messages[-1]["text"]
    run(dispatcher, DEMO["processing"].code, sender="web:someone-else")
    assert "đang được xử lý" in dispatcher.messages[-1]["text"]


def test_more_than_ten_lookups_a_minute_are_asked_to_slow_down(dispatcher):
    for _ in range(10):
        run(dispatcher, DEMO["processing"].code, sender="web:fast")
    run(dispatcher, DEMO["processing"].code, sender="web:fast")
    assert "tra cứu hơi nhanh" in dispatcher.messages[-1]["text"]
