"""What a declaration form is, as its YAML file describes it (``forms/definitions/*.yaml``).

A form lists its fields in the order of the official template. Adding a form is adding a file:
the conversation, the checks, the summary and the PDF are all driven by these models.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

FieldType = Literal["text", "name", "date", "id_number", "phone", "email", "choice", "address", "yes_no", "number"]
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _slug(value: str) -> str:
    if not SLUG.match(value):
        raise ValueError(f"{value!r}: use a-z, 0-9, '_' or '-'")
    return value


Slug = Annotated[str, AfterValidator(_slug)]  # ids of forms and fields, values of choices


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(Strict):
    value: Slug  # short key kept in the draft and carried by the button (a-z, 0-9, "_", "-")
    label: str  # what the person sees and what the PDF prints
    aliases: list[str] = Field(default_factory=list)  # other ways people type it
    procedure: str | None = None  # the national procedure this choice means (its papers are listed at the end)


class Condition(Strict):
    """The field is asked only when an earlier answer makes it relevant."""

    field: str
    equals: str | None = None  # a choice value, or "yes" / "no" for a yes/no field
    one_of: list[str] | None = None
    not_equals: str | None = None


class Rules(Strict):
    min_length: int | None = None
    max_length: int | None = None
    not_future: bool = False  # dates: not after today
    min_year: int | None = None  # dates: not before this year
    max_age_years: int | None = None  # dates: not longer ago than this
    minimum: int | None = None  # numbers
    maximum: int | None = None
    pattern: str | None = None  # a regular expression the (trimmed) answer must match
    pattern_hint: str | None = None  # said when it does not


class FieldSpec(Strict):
    id: Slug
    label: str  # as printed on the official form
    type: FieldType
    prompt: str  # the question, short and in plain Vietnamese
    help: str  # what the field means, when the person asks
    required: bool = True
    example: str | None = None
    aliases: list[str] = Field(default_factory=list)  # names people use when correcting it ("ngày sinh của bé")
    choices: list[Choice] = Field(default_factory=list)
    rules: Rules = Field(default_factory=Rules)
    when: Condition | None = None
    section: str | None = None  # heading printed (and said) before this field
    in_words: bool = False  # dates: also printed in words, as some templates ask ("ghi bằng chữ")
    printed: bool = True  # False for a question that only steers the conversation ("có thông tin người cha?")

    @model_validator(mode="after")
    def _choices_for_choice_fields(self) -> "FieldSpec":
        if self.type == "choice" and len(self.choices) < 2:
            raise ValueError(f"field {self.id}: a choice field needs at least two choices")
        if self.type != "choice" and self.choices:
            raise ValueError(f"field {self.id}: only choice fields have choices")
        return self


class FormSpec(Strict):
    id: Slug
    code: str  # the template's code as printed ("CT01", "Mẫu số 01/2025/LLTP")
    name: str  # official title
    issued_by: str  # the legal text that issued the template, printed under its code
    aliases: list[str] = Field(default_factory=list)  # how people name it ("ct01", "to khai khai sinh")
    procedures: list[str] = Field(default_factory=list)  # national procedure codes this form belongs to
    addressee: str  # "Kính gửi" line
    intro: str  # said when filling starts
    fields: list[FieldSpec]
    commitment: str  # the declarant's closing statement
    signer_title: str  # "NGƯỜI KÊ KHAI", "NGƯỜI YÊU CẦU"
    signer_field: str  # the field whose value is printed under the signature
    # Others who sign beside the declarant when the template asks for their agreement ("Ý KIẾN CỦA CHỦ HỘ")
    co_signers: list[str] = Field(default_factory=list, max_length=3)
    place_field: str | None = None  # the field whose value starts the "..., ngày ... tháng ... năm ..." line
    submit_online: str  # how to submit online (with the portal's address)
    submit_in_person: str  # where to submit on paper
    bring: list[str] = Field(default_factory=list)  # documents to bring, when the catalog has none for the form

    @model_validator(mode="after")
    def _consistent(self) -> "FormSpec":
        seen: dict[str, FieldSpec] = {}
        for spec in self.fields:
            if spec.id in seen:
                raise ValueError(f"form {self.id}: field {spec.id} appears twice")
            if spec.when is not None:
                earlier = seen.get(spec.when.field)
                if earlier is None:
                    raise ValueError(f"form {self.id}: field {spec.id} depends on {spec.when.field}, "
                                     "which is not an earlier field")
                allowed = _answer_values(earlier)
                asked = [v for v in [spec.when.equals, spec.when.not_equals, *(spec.when.one_of or [])] if v is not None]
                if allowed is not None and any(value not in allowed for value in asked):
                    raise ValueError(f"form {self.id}: field {spec.id} depends on a value {earlier.id} cannot take")
            seen[spec.id] = spec
        for name in (self.signer_field, self.place_field):
            if name is not None and name not in seen:
                raise ValueError(f"form {self.id}: {name} is not one of its fields")
        return self

    def field(self, field_id: str) -> FieldSpec:
        return next(spec for spec in self.fields if spec.id == field_id)

    def procedure_for(self, answers: dict[str, str | None]) -> str | None:
        """The procedure the answers point at (a choice such as "đăng ký tạm trú"), else the form's first."""
        for spec in self.fields:
            chosen = next((c for c in spec.choices if c.value == answers.get(spec.id) and c.procedure), None)
            if chosen is not None:
                return chosen.procedure
        return self.procedures[0] if self.procedures else None


def _answer_values(spec: FieldSpec) -> set[str] | None:
    if spec.type == "yes_no":
        return {"yes", "no"}
    if spec.type == "choice":
        return {choice.value for choice in spec.choices}
    return None
