"""The declaration forms the assistant can fill: every ``*.yaml`` in ``forms/definitions/``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from forms.answers import folded_words
from forms.schema import FormSpec

DEFINITIONS = Path(__file__).resolve().parent / "definitions"


class FormCatalog:
    def __init__(self, forms: list[FormSpec]) -> None:
        self._forms = {form.id: form for form in forms}
        if len(self._forms) != len(forms):
            raise ValueError("two form files share one id")

    @classmethod
    def load(cls, folder: Path = DEFINITIONS) -> "FormCatalog":
        forms = []
        for path in sorted(folder.glob("*.yaml")):
            try:
                forms.append(FormSpec.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))))
            except Exception as error:  # a broken file names itself
                raise ValueError(f"{path.name}: {error}") from error
        return cls(forms)

    def all(self) -> list[FormSpec]:
        return list(self._forms.values())

    def get(self, form_id: str | None) -> FormSpec | None:
        return self._forms.get(form_id or "")

    def for_procedure(self, code: str | None) -> FormSpec | None:
        return next((form for form in self._forms.values() if code and code in form.procedures), None)

    def named_in(self, text: str) -> FormSpec | None:
        """The form a message names ("điền tờ khai khai sinh", "mau ct01"), by its longest matching alias."""
        words = f" {folded_words(text)} "
        best: tuple[int, FormSpec] | None = None
        for form in self._forms.values():
            for alias in [form.code, form.name, *form.aliases]:
                folded = folded_words(alias)
                if folded and f" {folded} " in words and (best is None or len(folded) > best[0]):
                    best = (len(folded), form)
        return best[1] if best else None


@lru_cache(maxsize=1)
def shipped() -> FormCatalog:
    return FormCatalog.load()
