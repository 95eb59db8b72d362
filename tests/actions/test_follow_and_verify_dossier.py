"""Following a dossier, and unlocking its details with the last 4 digits on file."""

import datetime as dt

import pytest

from actions.dossier_source import forget, get_dossier_source, get_followers
from actions.follow_dossier import ActionFollowDossier, ActionUnfollowDossier
from actions.settings import get_settings
from actions.verify_dossier_owner import ActionVerifyDossierOwner
from dossiers.model import Status
from dossiers.seed import demo_dossiers
from tests.actions.conftest import make_tracker
from tests.services import app_database

TODAY = dt.date.today()
SUPPLEMENT = next(d for d in demo_dossiers(TODAY) if d.status == Status.NEEDS_SUPPLEMENT)
SENDER = "telegram:555"


@pytest.fixture(autouse=True, params=["sqlite", "postgresql"])
def local_dossiers(request, monkeypatch, tmp_path):
    with app_database(request.param, tmp_path) as url:
        monkeypatch.setenv("DATABASE_URL", url)
        get_settings.cache_clear()
        forget()
        get_dossier_source().save(SUPPLEMENT)
        yield
        forget()


def run(action, dispatcher, text, intent, slots=None, sender=SENDER):
    tracker = make_tracker(text, intent, slots=slots)
    tracker.sender_id = sender
    return action.run(dispatcher, tracker, {})


def test_following_the_dossier_just_looked_up(dispatcher):
    run(ActionFollowDossier(), dispatcher, "theo dõi hồ sơ này", "follow_dossier", {"dossier_code": SUPPLEMENT.code})
    assert "Đã bật theo dõi hồ sơ" in dispatcher.messages[0]["text"]
    assert get_followers().of(SUPPLEMENT.code) == [SENDER]
    run(ActionFollowDossier(), dispatcher, "theo dõi hồ sơ này", "follow_dossier", {"dossier_code": SUPPLEMENT.code})
    assert "đang theo dõi" in dispatcher.messages[1]["text"] and get_followers().of(SUPPLEMENT.code) == [SENDER]


def test_following_without_a_code_asks_for_it_and_an_unknown_code_is_refused(dispatcher):
    run(ActionFollowDossier(), dispatcher, "theo dõi hồ sơ", "follow_dossier")
    assert dispatcher.messages[0]["response"] == "utter_ask_dossier_code"
    run(ActionFollowDossier(), dispatcher, "theo dõi hồ sơ 000.00.04.H51-200221-9999", "follow_dossier")
    assert "không tìm thấy" in dispatcher.messages[1]["text"] and get_followers().of("000.00.04.H51-200221-9999") == []


def test_unfollowing_stops_the_messages(dispatcher):
    get_followers().follow(SUPPLEMENT.code, SENDER)
    run(ActionUnfollowDossier(), dispatcher, "hủy theo dõi", "unfollow_dossier")
    assert "Đã hủy theo dõi tất cả hồ sơ" in dispatcher.messages[0]["text"] and get_followers().of(SUPPLEMENT.code) == []
    run(ActionUnfollowDossier(), dispatcher, "hủy theo dõi", "unfollow_dossier")
    assert dispatcher.messages[1]["text"] == "Bạn chưa theo dõi hồ sơ nào."


@pytest.mark.parametrize("digits", [SUPPLEMENT.applicant_phone[-4:], SUPPLEMENT.applicant_id_number[-4:]])
def test_the_last_4_digits_of_the_phone_or_id_unlock_the_details(dispatcher, digits):
    run(ActionVerifyDossierOwner(), dispatcher, f"4 số cuối là {digits}", "owner_digits",
        {"dossier_code": SUPPLEMENT.code})
    answer = dispatcher.messages[0]["text"]
    assert SUPPLEMENT.applicant_name in answer and SUPPLEMENT.to_supplement in answer


def test_three_wrong_tries_lock_the_details_for_that_sender(dispatcher):
    slots = {"dossier_code": SUPPLEMENT.code}
    for expected_left in (2, 1):
        run(ActionVerifyDossierOwner(), dispatcher, "0000", "owner_digits", slots)
        assert f"còn {expected_left} lần" in dispatcher.messages[-1]["text"]
    run(ActionVerifyDossierOwner(), dispatcher, "0000", "owner_digits", slots)
    assert "tạm dừng xác nhận" in dispatcher.messages[-1]["text"]
    run(ActionVerifyDossierOwner(), dispatcher, SUPPLEMENT.applicant_phone[-4:], "owner_digits", slots)
    assert "tạm dừng xác nhận" in dispatcher.messages[-1]["text"]  # even the right digits, until the lock ends
    assert all(SUPPLEMENT.applicant_name not in m.get("text", "") for m in dispatcher.messages)


def test_digits_without_a_dossier_ask_for_the_code_first(dispatcher):
    run(ActionVerifyDossierOwner(), dispatcher, "5678", "owner_digits")
    assert "mã hồ sơ trước" in dispatcher.messages[0]["text"]
