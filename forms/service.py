"""Form filling for one conversation: start or resume a form, take an answer, make the PDF.

Used by the action server; knows nothing of Rasa. The drafts live in the app's database (deleted
when finished, cancelled or expired); the finished PDF is shared through a link that expires.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo
from typing import Callable

from forms import messages
from forms.catalog import FormCatalog
from forms.drafts import Drafts
from forms.answers import folded_words
from forms.filling import Draft, Say, Turn, handle, progress, prompt, start
from forms.pdf import render
from forms.schema import FormSpec
from storage.shared_files import SharedFiles

logger = logging.getLogger(__name__)
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
RESTART_WORDS = ("lai tu dau", "moi tu dau", "tu dau")
CONTINUE_WORDS = ("tiep tuc", "dien tiep", "dang do", "con do")


@dataclass(frozen=True)
class Opening:
    said: list[Say]
    form: FormSpec | None = None  # the form to fill now (its first question comes next), if any


@dataclass(frozen=True)
class Question:
    say: Say  # the current field's question, or the summary to confirm
    progress: str  # "Tờ khai đăng ký khai sinh: đã điền 7/15 mục", for an officer's summary


@dataclass(frozen=True)
class Finished:
    said: list[Say]
    document_url: str | None = None
    pdf: bytes | None = field(default=None, repr=False)


class FormService:
    def __init__(self, catalog: FormCatalog, drafts: Drafts, files: SharedFiles, link_hours: float,
                 files_base_url: str, documents_for: Callable[[str], list[str]] = lambda code: [],
                 today: Callable[[], date] = lambda: datetime.now(VIETNAM).date()) -> None:
        """``today``: the date in Vietnam (a child born this morning is not "in the future" on a UTC server)."""
        self.catalog = catalog
        self.drafts = drafts
        self.files = files
        self.link_hours = link_hours
        self.files_base_url = files_base_url.rstrip("/")
        self.documents_for = documents_for
        self.today = today

    # --- starting ------------------------------------------------------------------------------------

    def open(self, conversation: str, text: str, form_id: str | None = None, replace: bool = False) -> Opening:
        """What "tôi muốn điền tờ khai ..." leads to: the named form (resumed if half-filled), a question
        about a different half-filled form, or the list of forms."""
        wanted = self.catalog.get(form_id) or self.catalog.named_in(text or "")
        loaded = self._loaded(conversation)
        words = folded_words(text or "")
        from_scratch = replace or any(restart in words for restart in RESTART_WORDS)
        if loaded is not None and not from_scratch:
            current, draft = loaded
            done, total = progress(current, draft)
            if wanted is None or wanted.id == current.id:
                return Opening([Say(messages.RESUME.format(name=current.name, done=done, total=total))], current)
            return Opening([Say(messages.OTHER_DRAFT.format(name=current.name, done=done, total=total, other=wanted.name),
                                [(messages.BUTTON_CONTINUE, _fill_payload(current.id)),
                                 (messages.BUTTON_REPLACE, _fill_payload(wanted.id, replace=True))])])
        if wanted is None and from_scratch and loaded is not None:
            wanted = loaded[0]
        if wanted is None:
            head = messages.NO_DRAFT + " " if any(w in words for w in CONTINUE_WORDS) else ""
            return Opening([Say(head + messages.WHICH_FORM, [(form.name, _fill_payload(form.id)) for form in self.catalog.all()])])
        fresh = start(wanted)
        self.drafts.save(conversation, fresh)
        total = progress(wanted, fresh)[1]
        return Opening([Say(messages.START.format(name=wanted.name, intro=wanted.intro, total=total))], wanted)

    # --- filling -------------------------------------------------------------------------------------

    def question(self, conversation: str) -> Question | None:
        """Where the person's form stands, from one read of the draft; None when it expired meanwhile."""
        loaded = self._loaded(conversation)
        if loaded is None:
            return None
        form, draft = loaded
        done, total = progress(form, draft)
        return Question(prompt(form, draft), f"{form.name}: đã điền {done}/{total} mục")

    def answer(self, conversation: str, text: str) -> Turn | None:
        """One message while the form is open; None when there is no draft (expired meanwhile)."""
        loaded = self._loaded(conversation)
        if loaded is None:
            return None
        turn = handle(*loaded, text, self.today())
        if turn.status == "cancelled":
            self.drafts.delete(conversation)
        elif turn.status == "paused":
            self.drafts.save(conversation, turn.draft)
            hours = f"{self.drafts.retention_hours:g}"
            turn = Turn(turn.draft, "paused", [Say(messages.PAUSED.format(hours=hours))])
        else:
            self.drafts.save(conversation, turn.draft)
        return turn

    def _loaded(self, conversation: str) -> tuple[FormSpec, Draft] | None:
        """The conversation's draft with its form; None without one (or when its form file was removed)."""
        draft = self.drafts.get(conversation)
        form = self.catalog.get(draft.form_id) if draft else None
        return (form, draft) if form else None

    # --- finishing -----------------------------------------------------------------------------------

    def finish(self, conversation: str) -> Finished:
        """The PDF of a confirmed draft, shared by a link; the draft is then deleted."""
        loaded = self._loaded(conversation)
        if loaded is None:
            return Finished([Say(messages.NO_DRAFT)])
        form, draft = loaded
        code = form.procedure_for(draft.answers)
        documents = (self.documents_for(code) if code else []) or list(form.bring)
        try:
            pdf = render(form, draft, self.today(), documents)
            token, name = self.files.share(pdf, f"{form.id}-{int(time.time())}.pdf", "application/pdf", self.link_hours)
        except Exception:  # noqa: BLE001 - the draft stays; the person can try again
            logger.exception("making the PDF of a declaration failed")
            return Finished([Say(messages.PDF_FAILED)])
        self.drafts.delete(conversation)
        url = f"{self.files_base_url}/files/{token}/{name}"
        said = [Say(messages.DONE.format(url=url, hours=f"{self.link_hours:g}")),
                Say("\n".join([messages.BRING_HEAD, *(f"• {item}" for item in documents)])),
                Say(messages.HOW_TO_SUBMIT.format(online=form.submit_online, in_person=form.submit_in_person))]
        return Finished(said, url, pdf)


def offer_for_procedure(catalog: FormCatalog, code: str | None) -> Say | None:
    """ "Bạn có muốn điền tờ khai ngay không?" after an answer about a procedure that has a form."""
    form = catalog.for_procedure(code)
    if form is None:
        return None
    return Say(messages.OFFER_FORM.format(name=form.name), [(messages.BUTTON_FILL_NOW, _fill_payload(form.id))])


def _fill_payload(form_id: str, replace: bool = False) -> str:
    entities = f'"form_id":"{form_id}"' + (',"form_replace":"yes"' if replace else "")
    return "/fill_form{" + entities + "}"

