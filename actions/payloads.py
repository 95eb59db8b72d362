"""Button payloads that send an intent with entities back to Rasa."""

from __future__ import annotations

import json
from typing import Any


def intent_payload(intent: str, **entities: Any) -> str:
    """"/ask_procedure{"aspect": "fee"}": clicking the button is the same as saying it."""
    present = {name: value for name, value in entities.items() if value is not None}
    return f"/{intent}{json.dumps(present, ensure_ascii=False)}" if present else f"/{intent}"
