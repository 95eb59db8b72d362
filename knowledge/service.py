"""One entry point for the assistant: a question in, an answer about a procedure out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from knowledge import answers
from knowledge.aspects import Aspect, asks_for_whole_card, canonical_aspect, detect_aspects
from knowledge.catalog import Catalog
from knowledge.dense import Embedder
from knowledge.search import ProcedureSearch


class AnswerKind(str, Enum):
    ANSWER = "answer"  # about an aspect (or an overview) of one procedure
    NOT_FOUND = "not_found"  # the question names something the catalog does not hold
    NEED_SUBJECT = "need_subject"  # no procedure named and none discussed before


CARD = "card"  # the aspect value that asks for the whole procedure card
MAX_VARIANT_CHOICES = 4


@dataclass(frozen=True)
class Choice:
    """A follow-up the person can pick: an aspect of the procedure, its whole card, or a variant."""

    title: str
    aspect: str | None = None  # an Aspect value, or CARD
    procedure_code: str | None = None


@dataclass(frozen=True)
class Answer:
    kind: AnswerKind
    messages: list[str]
    procedure_code: str | None = None
    aspects: list[Aspect] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)


def _merge_aspects(hints: Sequence[str], question: str) -> list[Aspect]:
    merged: list[Aspect] = []
    for aspect in [*(canonical_aspect(hint) for hint in hints), *detect_aspects(question)]:
        if aspect is not None and aspect not in merged:
            merged.append(aspect)
    return merged


def _first(aspects: list[Aspect]) -> str | None:
    return aspects[0].value if aspects else None


class KnowledgeBase:
    """The catalog and its search, loaded once."""

    def __init__(self, catalog: Catalog, embedder: Embedder | None = None, cache_dir: Path | None = None) -> None:
        self.catalog = catalog
        self.search = ProcedureSearch(catalog, embedder=embedder, cache_dir=cache_dir)

    def ask(
        self,
        question: str,
        *,
        aspects: Sequence[str] = (),
        procedure_code: str | None = None,
        last_procedure_code: str | None = None,
    ) -> Answer:
        """Answer ``question``.

        ``aspects`` are what NLU extracted (canonical values or the words), ``procedure_code`` a
        procedure chosen explicitly (a button), ``last_procedure_code`` the one discussed before,
        used when the question names no procedure ("thế lệ phí bao nhiêu?").
        """
        asked = _merge_aspects(aspects, question or "")
        wants_card = CARD in aspects or asks_for_whole_card(question or "")
        code = procedure_code if procedure_code in self.catalog else None
        variants: list[str] = []
        if code is None:
            result = self.search.search(question or "")
            if result.best is not None:
                code = result.best.code
                variants = [hit.code for hit in result.family[1 : MAX_VARIANT_CHOICES + 1]]
            elif not result.has_subject and last_procedure_code in self.catalog:
                code = last_procedure_code
            elif not result.has_subject:
                return Answer(AnswerKind.NEED_SUBJECT, [answers.which_procedure()], aspects=asked)
            else:
                return Answer(AnswerKind.NOT_FOUND, [answers.not_found()], aspects=asked)
        procedure = self.catalog.get(code)
        assert procedure is not None
        text = answers.full_card(procedure) if wants_card else answers.compose(procedure, asked)
        if variants:
            text += "\n" + answers.variant_note(procedure)
        choices = [Choice(answers.variant_title(self.catalog.get(v)), aspect=_first(asked), procedure_code=v) for v in variants]
        if not asked and not wants_card:
            choices += [Choice(title, aspect=a.value, procedure_code=procedure.code) for title, a in answers.aspect_buttons()]
        if not wants_card:
            choices.append(Choice(answers.CARD_BUTTON, aspect=CARD, procedure_code=procedure.code))
        return Answer(AnswerKind.ANSWER, answers.split_message(text), procedure.code, asked, choices)
