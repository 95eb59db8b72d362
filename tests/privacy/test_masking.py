"""Tokens, ID card and phone numbers never reach a log line; screens show only the last 4 digits."""

from __future__ import annotations

import logging

import pytest

from privacy.masking import MaskingFilter, install, mask, mask_number

# A made-up bot token, assembled here so that no token-shaped literal sits in the repository.
FAKE_SECRET = "FAKE" + "-not-a-real-token-for-masking-tests"
FAKE_BOT_TOKEN = "123456789" + ":" + FAKE_SECRET


def test_tokens_and_long_numbers_never_reach_the_log():
    line = (f"POST https://api.telegram.org/bot{FAKE_BOT_TOKEN}/sendMessage "
            "access_token=abc.def-123 CCCD 001203004567 phone 0912345678 code 1.001193 year 2024")
    masked = mask(line)
    assert FAKE_SECRET not in masked and "abc.def-123" not in masked
    assert "001203004567" not in masked and "********4567" in masked
    assert "0912345678" not in masked and "******5678" in masked
    assert "1.001193" in masked and "2024" in masked


@pytest.mark.parametrize("typed", ["0912 345 678", "0912.345.678", "+84912345678", "001 203 004 567"])
def test_numbers_typed_in_groups_are_masked_too(typed):
    masked = mask(f"số của tôi là {typed} nhé")
    assert typed not in masked and masked.endswith(f"{typed.replace(' ', '').replace('.', '')[-4:]} nhé")


@pytest.mark.parametrize("kept", ["hồ sơ 000.00.04.H51-200221-0001", "ngày 21/02/2020", "lệ phí 50.000 đồng",
                                  "mã thủ tục 1.001193", "4 số cuối 5678"])
def test_codes_dates_fees_and_short_numbers_stay_readable(kept):
    assert mask(kept) == kept


def test_screens_show_only_the_last_4_digits():
    assert mask_number("001203004567") == "********4567" and mask_number("0912 345 678") == "******5678"


def test_the_filter_masks_formatted_log_records(caplog):
    logger = logging.getLogger("test.masking")
    logger.addFilter(MaskingFilter())
    with caplog.at_level(logging.INFO, logger="test.masking"):
        logger.info("citizen %s sent %s", "0987654321", "hello")
    assert "0987654321" not in caplog.text and "******4321" in caplog.text


def test_once_installed_every_logger_of_the_process_is_masked_even_tracebacks(caplog):
    install()
    logger = logging.getLogger("test.masking.anywhere")  # no filter of its own
    with caplog.at_level(logging.INFO, logger="test.masking.anywhere"):
        logger.info("lookup for phone 0987654321")
        try:
            raise ValueError("bad id 001203004567")
        except ValueError:
            logger.exception("failed")
    assert "0987654321" not in caplog.text and "001203004567" not in caplog.text
    assert "******4321" in caplog.text and "********4567" in caplog.text
