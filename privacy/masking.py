"""Hiding tokens, ID card and phone numbers: in every log line of a process, and on screens.

Numbers of 9 or more digits (CCCD/CMND, phone numbers, written with or without spaces or dots between
groups) keep only their last 4 digits: ``001203004567`` becomes ``********4567``. Shorter numbers (years,
procedure codes, dossier numbers' parts) stay as they are.
"""

from __future__ import annotations

import logging
import re

KEPT_DIGITS = 4
_LONG_NUMBER = re.compile(r"(?<![\d])\+?\d(?:[ .]?\d){8,}(?![\d])")
_SECRETS = [
    (re.compile(r"bot\d{5,}:[A-Za-z0-9_-]{20,}"), "bot<token>"),  # a Telegram token in a URL
    (re.compile(r"(/bot)[^/\s]{16,}(/)"), r"\1<token>\2"),  # any bot token in an API path
    (re.compile(r"(?i)(access_token|refresh_token|secret_key|secret_token|secret|password)"
                r"([\"']?\s*[:=]\s*[\"']?)[^\s\"'&,]+"), r"\1\2<hidden>"),
]


def mask_number(number: str) -> str:
    """``0912345678`` → ``******5678``; separators are dropped, only the last 4 digits stay."""
    digits = re.sub(r"\D", "", number)
    return "*" * (len(digits) - KEPT_DIGITS) + digits[-KEPT_DIGITS:] if len(digits) > KEPT_DIGITS else digits


def _mask_long_number(match: re.Match[str]) -> str:
    return mask_number(match.group(0))


def mask(text: str) -> str:
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return _LONG_NUMBER.sub(_mask_long_number, text)


class MaskingFilter(logging.Filter):
    """Masks a record's formatted message (for a handler or a logger)."""

    def filter(self, record: logging.LogRecord) -> bool:
        _mask_record(record)
        return True


def _mask_record(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a malformed log call is logged as written, masked
        message = str(record.msg)
    masked = mask(message)
    if masked != message:
        record.msg, record.args = masked, None
    if record.exc_info and not record.exc_text:  # tracebacks quote values too
        record.exc_text = mask(logging.Formatter().formatException(record.exc_info))


_installed = False


def install() -> None:
    """Masks every log record this process creates, whichever logger or handler it goes through
    (libraries add handlers after start-up, so filters on today's handlers are not enough).
    httpx request lines (they hold URLs with tokens) are kept to warnings."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def masked_record(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        _mask_record(record)
        return record

    logging.setLogRecordFactory(masked_record)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    _installed = True
