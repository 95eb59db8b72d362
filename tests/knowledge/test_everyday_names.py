"""Everyday names of procedures the starter catalog does not hold, laid over an imported catalog."""

import re

from knowledge.catalog import (
    STARTER_CATALOG,
    Catalog,
    load_catalog,
    load_everyday_names,
    load_for_search,
    save_catalog,
    with_everyday_names,
)
from knowledge.schema import Procedure


def test_everyday_names_are_added_to_the_aliases_of_the_procedure_with_that_code():
    catalog = Catalog([
        Procedure(code="1.004359", name="Cấp, cấp lại Giấy phép khai thác thủy sản", aliases=["giấy phép đánh cá"]),
        Procedure(code="1.004940", name="Cấp văn bản chấp thuận cho tàu cá khai thác thủy sản ở vùng biển của quốc gia khác"),
    ])
    named = with_everyday_names(catalog, {"1.004359": ["xin giấy phép đánh bắt cá", "giấy phép đánh cá"]})
    assert named.get("1.004359").aliases == ["giấy phép đánh cá", "xin giấy phép đánh bắt cá"]
    assert named.get("1.004940").aliases == []


def test_the_shipped_everyday_names_are_short_and_for_procedures_the_starter_catalog_does_not_hold():
    names = load_everyday_names()
    starter = load_catalog(STARTER_CATALOG)
    assert len(names) >= 300
    for code, aliases in names.items():
        assert re.fullmatch(r"\d\.\d{6}", code), code
        assert code not in starter, code
        assert 1 <= len(aliases) <= 3 and len(set(aliases)) == len(aliases), code
        assert all(2 <= len(alias.split()) <= 8 for alias in aliases), code


def test_search_over_an_import_uses_the_everyday_names(tmp_path):
    code, aliases = next(iter(load_everyday_names().items()))
    imported = tmp_path / "import.jsonl"
    save_catalog([Procedure(code=code, name="Tên chính thức")], imported)
    assert load_for_search(imported).get(code).aliases == aliases
    assert load_for_search(imported, overlay=False).get(code).aliases == []
