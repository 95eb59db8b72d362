"""A logging filter that hides tokens and long ID / phone numbers from every log line."""

from __future__ import annotations

import logging
import re

_RULES = [
    (re.compile(r"bot\d{5,}:[A-Za-z0-9_-]{20,}"), "bot<token>"),  # Telegram token in a URL
    (re.compile(r"(/bot)[^/\s]{16,}(/)"), r"\1<token>\2"),  # any bot token in an API path
    (re.compile(r"(?i)(access_token|refresh_token|secret_key|secret_token|secret)([\"']?\s*[:=]\s*[\"']?)[^\s\"'&,]+"),
     r"\1\2<hidden>"),
    (re.compile(r"(?<!\d)(\d{2,})(\d{3})(?!\d)"), None),  # numbers of 9+ digits: keep the last 3
]


def mask(text: str) -> str:
    for pattern, replacement in _RULES:
        if replacement is None:
            text = pattern.sub(lambda m: "*" * len(m.group(1)) + m.group(2) if len(m.group(0)) >= 9 else m.group(0), text)
        else:
            text = pattern.sub(replacement, text)
    return text


class MaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def install() -> None:
    """Masks every handler of the root logger; httpx request lines (they hold URLs) only on warnings."""
    for handler in logging.getLogger().handlers:
        handler.addFilter(MaskingFilter())
    logging.getLogger("httpx").setLevel(logging.WARNING)
