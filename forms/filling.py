"""Filling one form in conversation: one field at a time, with checks, corrections, skips, help,
a confirmation summary, pause and cancel. Pure: a draft and a message in, a draft and what to say out.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from forms import messages
from forms.answers import Accepted, clean, folded_words, name_lacks_diacritics, read, shown
from forms.schema import FieldSpec, FormSpec
from vntext import fold

CONFIRM = "__confirm__"
STUCK_AFTER = 3  # wrong answers in a row on one field before help from an officer is offered
Status = Literal["asking", "confirming", "submitted", "cancelled", "paused"]

CANCEL_WORDS = frozenset({"huy", "huy bo", "huy to khai", "huy dien", "thoi", "thoi khong dien nua", "khong dien nua",
                          "dung dien", "dung lai", "bo to khai", "xoa to khai", "cancel"})
PAUSE_WORDS = frozenset({"de sau", "tam dung", "dien sau", "luc khac", "luc khac dien", "de lat", "tam dung dien",
                         "dien tiep sau", "tiep tuc sau", "pause"})
EXPLICIT_SKIP_WORDS = frozenset({"bo qua", "bo trong", "skip", "de trong"})
SKIP_WORDS = frozenset({"khong co", "qua", "khong biet", "khong ro", "chua co", "khong"})
BACK_WORDS = frozenset({"quay lai", "muc truoc", "lui lai", "tro lai"})
CONFIRM_WORDS = frozenset({"xac nhan", "dong y", "dung", "dung roi", "ok", "oke", "co", "chinh xac", "tao to khai",
                           "dung het", "dung het roi", "confirm"})
HELP_PHRASES = ("la gi", "nghia la", "giai thich", "khong hieu", "ghi gi", "dien gi", "ghi the nao", "dien the nao",
                "ghi sao", "dien sao", "huong dan")
OFFICER_PHRASES = ("gap can bo", "gap nguoi that", "noi chuyen voi nguoi", "can bo ho tro", "nhan vien ho tro",
                   "chuyen can bo")
CORRECTION = re.compile(r"^(?:xin |cho )?(?:sua|doi|chinh sua|chinh|thay doi|cap nhat|ghi lai)(?: lai)? (.+?)"
                        r"(?: (?:thanh|la|sang)\s*:?\s*| ?[:=] ?)(.+)$")
EDIT_ONLY = re.compile(r"^(?:xin |cho )?(?:sua|doi|chinh sua|chinh|thay doi|cap nhat|ghi lai)(?: lai)?(?: muc)?(?: (.+))?$")
PAYLOAD = re.compile(r"^/form_answer(\{.*\})?$", re.DOTALL)


@dataclass
class Draft:
    form_id: str
    answers: dict[str, str | None] = field(default_factory=dict)  # None: skipped on purpose
    current: str | None = None  # the field being asked, or CONFIRM
    failures: int = 0  # wrong answers in a row on the current field
    warned: str | None = None  # the last answer we warned about (a name without diacritics)

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Draft":
        return cls(**json.loads(text))


@dataclass(frozen=True)
class Say:
    text: str
    buttons: list[tuple[str, str]] = field(default_factory=list)  # (title, payload)


@dataclass(frozen=True)
class Turn:
    draft: Draft
    status: Status
    said: list[Say] = field(default_factory=list)
    stuck: bool = False  # the person keeps failing on one field: an officer is offered


def answer_payload(value: str) -> str:
    return "/form_answer" + json.dumps({"value": value}, ensure_ascii=False, separators=(",", ":"))


def is_visible(spec: FieldSpec, answers: dict[str, str | None]) -> bool:
    condition = spec.when
    if condition is None:
        return True
    given = answers.get(condition.field)
    if condition.equals is not None and given != condition.equals:
        return False
    if condition.not_equals is not None and (given is None or given == condition.not_equals):
        return False
    if condition.one_of is not None and given not in condition.one_of:
        return False
    return True


def visible_fields(form: FormSpec, answers: dict[str, str | None]) -> list[FieldSpec]:
    """The fields that apply, given the answers so far (a field's condition looks only at earlier fields)."""
    return [spec for spec in form.fields if is_visible(spec, answers)]


def progress(form: FormSpec, draft: Draft) -> tuple[int, int]:
    fields = visible_fields(form, draft.answers)
    return sum(1 for spec in fields if spec.id in draft.answers), len(fields)


def start(form: FormSpec) -> Draft:
    return Draft(form_id=form.id, current=_next(form, {}))


def prompt(form: FormSpec, draft: Draft) -> Say:
    """The question for where the draft stands: the current field, or the summary to confirm."""
    if draft.current == CONFIRM or draft.current is None:
        return summary(form, draft)
    spec = form.field(draft.current)
    fields = visible_fields(form, draft.answers)
    index = next((i for i, f in enumerate(fields, 1) if f.id == spec.id), len(fields))
    head = f"{spec.section}\n" if spec.section else ""
    text = f"{head}{messages.PROGRESS.format(index=index, total=len(fields))} · {spec.prompt}"
    if not spec.required:
        text += messages.OPTIONAL
    buttons: list[tuple[str, str]] = []
    if spec.type == "yes_no":
        buttons = [(messages.BUTTON_YES, answer_payload("yes")), (messages.BUTTON_NO, answer_payload("no"))]
    elif spec.type == "choice":
        buttons = [(choice.label, answer_payload(choice.value)) for choice in spec.choices]
    if not spec.required:
        buttons.append((messages.BUTTON_SKIP, answer_payload("skip")))
    return Say(text, buttons)


def summary(form: FormSpec, draft: Draft) -> Say:
    lines = [messages.SUMMARY_HEAD.format(name=form.name.lower() if form.name.isupper() else form.name)]
    for spec in visible_fields(form, draft.answers):
        value = draft.answers.get(spec.id)
        lines.append(f"• {spec.label}: {shown(spec, value) if value is not None else messages.SUMMARY_EMPTY_VALUE}")
    lines.append(messages.SUMMARY_ASK.format(example=_example_alias(form)))
    return Say("\n".join(lines), [(messages.BUTTON_CONFIRM, answer_payload("confirm")),
                                  (messages.BUTTON_CANCEL, answer_payload("cancel"))])


def handle(form: FormSpec, draft: Draft, text: str, today: date) -> Turn:
    """One message of the person while the form is open."""
    draft = replace(draft, answers=dict(draft.answers))
    payload = _payload_value(text)
    words = folded_words(text) if payload is None else ""
    command = payload if payload in ("cancel", "pause", "skip", "confirm") else None
    if command == "cancel" or words in CANCEL_WORDS:
        return Turn(draft, "cancelled", [Say(messages.CANCELLED)])
    if command == "pause" or words in PAUSE_WORDS:
        return Turn(draft, "paused")
    correction = _correction(form, draft, text, today) if payload is None else None
    if correction is not None:
        return correction
    if draft.current in (CONFIRM, None):
        if command == "confirm" or words in CONFIRM_WORDS:
            return Turn(replace(draft, current=None), "submitted")
        return Turn(draft, "confirming", [Say(messages.CONFIRM_OR_EDIT)])
    spec = form.field(draft.current)
    if payload is None and any(phrase in words for phrase in OFFICER_PHRASES):
        return _asking(draft, [Say(messages.OFFICER_DURING_FORM, [(messages.BUTTON_OFFICER, "/handoff_form_stuck")])])
    if payload is None and _asks_help(words):
        return _asking(draft, [Say(_help(spec))])
    if payload is None and "?" in text:
        return _asking(draft, [Say(messages.QUESTION_DURING_FORM)])
    if payload is None and words in BACK_WORDS:
        return _back(form, draft)
    # "không", "không có" answer a yes/no question; elsewhere they mean there is nothing to write
    if command == "skip" or words in EXPLICIT_SKIP_WORDS or (words in SKIP_WORDS and spec.type != "yes_no"):
        if spec.required:
            return _refused(form, draft, spec, messages.REQUIRED_CANNOT_SKIP.format(hint=spec.prompt))
        draft.answers[spec.id] = None
        return _advance(form, draft, [Say(messages.SKIPPED.format(label=spec.label))])
    reading = read(spec, payload if payload is not None else text, today)
    if not isinstance(reading, Accepted):
        return _refused(form, draft, spec, reading.reason)
    if spec.type == "name" and name_lacks_diacritics(reading.value) and draft.warned != reading.value:
        draft.warned = reading.value
        return _refused(form, draft, spec, messages.NAME_WITHOUT_DIACRITICS, count=False)
    draft.answers[spec.id] = reading.value
    return _advance(form, draft, [Say(messages.RECORDED.format(label=spec.label, value=shown(spec, reading.value)))])


# --- steps ------------------------------------------------------------------------------------------------

def _next(form: FormSpec, answers: dict[str, str | None]) -> str:
    return next((spec.id for spec in visible_fields(form, answers) if spec.id not in answers), CONFIRM)


def _prune(form: FormSpec, answers: dict[str, str | None]) -> dict[str, str | None]:
    """Answers to fields that no longer apply (a "no" changed the path) are dropped, not printed."""
    visible = {spec.id for spec in visible_fields(form, answers)}
    return {key: value for key, value in answers.items() if key in visible}


def _advance(form: FormSpec, draft: Draft, said: list[Say]) -> Turn:
    draft.answers = _prune(form, draft.answers)
    draft.current, draft.failures, draft.warned = _next(form, draft.answers), 0, None
    return _asking(draft, said)


def _asking(draft: Draft, said: list[Say]) -> Turn:
    """The conversation goes on: a field is asked next, or the summary (also after a PDF that failed)."""
    return Turn(draft, "confirming" if draft.current in (CONFIRM, None) else "asking", said)


def _refused(form: FormSpec, draft: Draft, spec: FieldSpec, reason: str, count: bool = True) -> Turn:
    if count:
        draft.failures += 1
    said = [Say(reason)]
    stuck = draft.failures >= STUCK_AFTER and draft.failures % STUCK_AFTER == 0
    if stuck:
        buttons = [(messages.BUTTON_OFFICER, "/handoff_form_stuck"), (messages.BUTTON_PAUSE, answer_payload("pause"))]
        if not spec.required:
            buttons.insert(1, (messages.BUTTON_SKIP, answer_payload("skip")))
        said.append(Say(messages.STUCK, buttons))
    return Turn(draft, "asking", said, stuck=stuck)


def _back(form: FormSpec, draft: Draft) -> Turn:
    fields = visible_fields(form, draft.answers)
    position = next((i for i, spec in enumerate(fields) if spec.id == draft.current), len(fields))
    if position == 0:
        return _asking(draft, [Say(messages.NOTHING_BEFORE)])
    draft.current, draft.failures = fields[position - 1].id, 0
    return _asking(draft, [])


def _help(spec: FieldSpec) -> str:
    text = messages.HELP_FIELD.format(label=spec.label, help=spec.help)
    return text + (messages.HELP_EXAMPLE.format(example=spec.example) if spec.example else "")


def _asks_help(words: str) -> bool:
    return words in ("", "?", "gi", "la sao") or any(phrase in words for phrase in HELP_PHRASES)


def _payload_value(text: str) -> str | None:
    found = PAYLOAD.match((text or "").strip())
    if not found:
        return None
    try:
        value = json.loads(found.group(1) or "{}").get("value")
    except (ValueError, AttributeError):
        return None
    return str(value) if value is not None else None


def _correction(form: FormSpec, draft: Draft, text: str, today: date) -> Turn | None:
    """ "sửa ngày sinh thành 12/04/2023" changes an earlier answer; "sửa ngày sinh" asks it again."""
    original = unicodedata.normalize("NFC", clean(text))
    folded = fold(original)
    found = CORRECTION.match(folded)
    if found:
        target, value = found.group(1), original[found.start(2):].strip()
    else:
        only = EDIT_ONLY.match(folded)
        if not only:
            return None
        target, value = only.group(1) or "", None
    spec = _field_named(form, draft, target)
    if spec is None:
        answered = [s.label for s in visible_fields(form, draft.answers) if s.id in draft.answers]
        return _asking(draft, [Say(messages.WHICH_FIELD.format(
            example=_example_alias(form), labels="; ".join(answered) or "chưa có"))])
    if value is None:
        draft.current, draft.failures = spec.id, 0
        return _asking(draft, [Say(messages.EDIT_FIELD.format(label=spec.label))])
    return _apply_correction(form, draft, spec, value, today)


def _apply_correction(form: FormSpec, draft: Draft, spec: FieldSpec, value: str, today: date) -> Turn:
    reading = read(spec, value, today)
    if not isinstance(reading, Accepted):
        draft.current = spec.id  # the next message can be just the right value
        return _refused(form, draft, spec, reading.reason)
    draft.answers[spec.id] = reading.value
    return _advance(form, draft, [Say(messages.CORRECTED.format(label=spec.label, value=shown(spec, reading.value)))])


def _field_named(form: FormSpec, draft: Draft, words: str) -> FieldSpec | None:
    """The field a person means by "ngày sinh", "tên bé", "số điện thoại"... (answered fields first)."""
    words = folded_words(words)
    if not words:
        return None
    ranked: list[tuple[int, int, int, int, FieldSpec]] = []
    for order, spec in enumerate(visible_fields(form, draft.answers)):
        for name in [spec.label, *spec.aliases, spec.id.replace("_", " ")]:
            alias = folded_words(name)
            if not alias:
                continue
            # 3: the person named it exactly; 2: the name is inside what they wrote (longer is more
            # specific); 1: what they wrote is part of the name (shorter names fit better)
            score = 3 if alias == words else 2 if f" {alias} " in f" {words} " else 1 if f" {words} " in f" {alias} " else 0
            if score:
                specificity = len(alias) if score == 2 else -len(alias)
                ranked.append((score, spec.id in draft.answers, specificity, -order, spec))
    return max(ranked, key=lambda item: item[:4])[4] if ranked else None


def _example_alias(form: FormSpec) -> str:
    dated = next((spec for spec in form.fields if spec.type == "date"), form.fields[0])
    return (dated.aliases or [dated.label])[0]

