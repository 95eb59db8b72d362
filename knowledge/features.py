"""Features of a (question, candidate procedure) pair, for reranking and abstention.

Each function is small and pure. ``Profile`` holds what is precomputed per procedure; ``features``
returns one row of numbers in the order of ``FEATURE_NAMES``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from knowledge.schema import Level, Procedure
from knowledge.text import content_words, normalised, search_fold

# Action verbs that set look-alike variants apart (folded, longest first).
ACTION_VERBS = (
    "cap lai", "cap doi", "dang ki lai", "gia han", "xoa dang ki", "xoa", "thu hoi", "dieu chinh",
    "thay doi", "sua doi", "bo sung", "cham dut", "tam ngung", "khoi phuc", "huy", "chuyen doi",
    "cai chinh", "tra lai", "mien", "hoan",
)
# Verbs that end, withdraw or pause something: a question that does not say so is almost never about them.
ENDING_VERBS = frozenset({"xoa dang ki", "xoa", "thu hoi", "cham dut", "tam ngung", "huy", "tra lai"})
_VERB_PATTERNS = [(verb, re.compile(rf"(?<![a-z]){verb}(?![a-z])")) for verb in ACTION_VERBS]
# Synonyms people use for the verbs above.
_VERB_SYNONYMS = {"doi": "cap doi", "lam lai": "cap lai", "mat": "cap lai", "het han": "cap doi"}
_FOREIGN = re.compile(
    r"(?<![a-z])(nuoc ngoai|nguoi nuoc ngoai|yeu to nuoc ngoai|quoc te|viet kieu|han quoc|trung quoc|nhat|mi|"
    r"dai loan|lao|campuchia|thai lan|singapore|malaysia|canada|an do|"
    # Countries whose names are also everyday words (Đức a given name, pháp of tư pháp): only after a
    # word that makes them a place or a people.
    r"(?:nguoi|ben|sang|o|cua|tai|nuoc) (?:duc|phap|uc))(?![a-z])"
)
_ORGANISATION_ONLY = ("Doanh nghiệp", "Tổ chức", "Hợp tác xã", "Tổ chức nước ngoài", "Doanh nghiệp có vốn đầu tư nước ngoài", "Tổ chức Đảng", "Doanh nghiệp Việt Nam")
_BUSINESS_WORDS = re.compile(r"(?<![a-z])(cong ty|doanh nghiep|hop tac xa|to chuc|ngan hang|qui|chi nhanh|van phong)(?![a-z])")

_UNDER_14_NAME = re.compile(r"duoi (du )?14 tuoi|chua du 14 tuoi")
_OVER_14_NAME = re.compile(r"tu du 14 tuoi|tu 14 tuoi")
_AGE = re.compile(r"(?<![0-9])(\d{1,2}) ?(tuoi|t)(?![a-z])")
_CHILD_WORDS = re.compile(r"(?<![a-z])(tre em|tre nho|tre so sinh|be|con nho|chau be|so sinh|duoi 14|chua du 14)(?![a-z])")


def asked_age_group(folded_query: str) -> str | None:
    """"under14", "over14" or None, from ages and words in the question."""
    ages = [int(match.group(1)) for match in _AGE.finditer(folded_query)]
    if ages:
        return "under14" if min(ages) < 14 else "over14"
    return "under14" if _CHILD_WORDS.search(folded_query) else None


FEATURE_NAMES = (
    "rrf", "lexical", "dense", "dense_gap", "query_coverage", "name_coverage", "bigram_overlap",
    "verb_match", "verb_extra", "verb_missing", "commune", "citizen", "organisation_only",
    "business_query", "foreign_extra", "foreign_match", "has_aliases", "name_length",
    "age_match", "age_mismatch", "rarest_missing", "ending_extra",
)


@dataclass(frozen=True)
class Profile:
    """What the features need to know about a procedure, computed once."""

    words: frozenset[str]  # folded content syllables of name, aliases and variant
    name_words: tuple[str, ...]  # folded content syllables of the name
    bigrams: frozenset[str]
    verbs: frozenset[str]
    commune: bool
    citizen: bool
    organisation_only: bool
    foreign: bool
    has_aliases: bool
    age_group: str | None  # "under14" / "over14" when the procedure is for one age group


def verbs_in(folded: str) -> set[str]:
    found: set[str] = set()
    for verb, pattern in _VERB_PATTERNS:
        if pattern.search(folded) and not any(verb in longer for longer in found):
            found.add(verb)
    return found


def query_verbs(folded: str) -> set[str]:
    found = verbs_in(folded)
    for word, verb in _VERB_SYNONYMS.items():
        if re.search(rf"(?<![a-z]){word}(?![a-z])", folded):
            found.add(verb)
    return found


def _content(text: str) -> list[str]:
    return search_fold(" ".join(content_words(normalised(text)))).split()


def profile(procedure: Procedure) -> Profile:
    name_words = tuple(_content(procedure.name))
    words = set(name_words)
    for alias in procedure.aliases:
        words.update(_content(alias))
    words.update(_content(procedure.variant or ""))
    folded_name = search_fold(normalised(procedure.name))
    applicants = set(procedure.applicants)
    return Profile(
        words=frozenset(words),
        name_words=name_words,
        bigrams=frozenset(f"{a}_{b}" for a, b in zip(name_words, name_words[1:])),
        verbs=frozenset(verbs_in(folded_name)),
        commune=Level.COMMUNE in procedure.levels,
        citizen=any("Công dân" in a or "cá nhân" in a.lower() for a in applicants) or not applicants,
        organisation_only=bool(applicants) and applicants <= set(_ORGANISATION_ONLY),
        foreign=bool(_FOREIGN.search(folded_name)),
        has_aliases=bool(procedure.aliases),
        age_group="under14" if _UNDER_14_NAME.search(folded_name) else "over14" if _OVER_14_NAME.search(folded_name) else None,
    )


@dataclass(frozen=True)
class QueryProfile:
    """What the features need to know about a question, computed once per question."""

    words: tuple[str, ...]
    word_set: frozenset[str]
    weights: tuple[float, ...]  # idf of each word (unknown words count as the rarest)
    bigrams: frozenset[str]
    verbs: frozenset[str]
    foreign: bool
    business: bool
    age: str | None


def query_profile(words: list[str], folded_text: str, idf: dict[str, float], unknown_idf: float) -> QueryProfile:
    return QueryProfile(
        words=tuple(words),
        word_set=frozenset(words),
        weights=tuple(idf.get(word, unknown_idf) for word in words),
        bigrams=frozenset(f"{a}_{b}" for a, b in zip(words, words[1:])),
        verbs=frozenset(query_verbs(folded_text)),
        foreign=bool(_FOREIGN.search(folded_text)),
        business=bool(_BUSINESS_WORDS.search(folded_text)),
        age=asked_age_group(folded_text),
    )


def features(
    query: QueryProfile,
    candidate: Profile,
    rrf: float,
    lexical: float,
    lexical_max: float,
    dense: float,
    dense_max: float,
) -> list[float]:
    """One feature row (see ``FEATURE_NAMES``)."""
    total = sum(query.weights) or 1.0
    query_coverage = sum(w for word, w in zip(query.words, query.weights) if word in candidate.words) / total
    name_coverage = (
        sum(word in query.word_set for word in candidate.name_words) / len(candidate.name_words) if candidate.name_words else 0.0
    )
    bigram_overlap = len(query.bigrams & candidate.bigrams) / (len(query.bigrams) or 1)
    verb_match = float(bool(query.verbs & candidate.verbs))
    verb_extra = float(bool(candidate.verbs - query.verbs))
    verb_missing = float(bool(query.verbs) and not (query.verbs & candidate.verbs))
    # The rarest word of the question that the candidate lacks: "tàu cá" missing costs more than "cần".
    rarest_missing = max((w for word, w in zip(query.words, query.weights) if word not in candidate.words), default=0.0)
    return [
        rrf * 60,
        lexical / lexical_max if lexical_max > 0 else 0.0,
        dense,
        dense - dense_max,
        query_coverage,
        name_coverage,
        bigram_overlap,
        verb_match,
        verb_extra,
        verb_missing,
        float(candidate.commune),
        float(candidate.citizen),
        float(candidate.organisation_only and not query.business),
        float(query.business and candidate.organisation_only),
        float(candidate.foreign and not query.foreign),
        float(candidate.foreign and query.foreign),
        float(candidate.has_aliases),
        math.log1p(len(candidate.name_words)),
        float(query.age is not None and candidate.age_group == query.age),
        float(query.age is not None and candidate.age_group is not None and candidate.age_group != query.age),
        rarest_missing,
        float(bool((candidate.verbs - query.verbs) & ENDING_VERBS)),
    ]
