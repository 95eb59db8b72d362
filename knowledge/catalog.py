"""Loading and saving a catalog of procedures (YAML files in a folder, or one JSON-lines file)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from knowledge.schema import Procedure

STARTER_CATALOG = Path(__file__).parent / "catalog"
# Everyday names of procedures the starter catalog does not hold, by national code, written for this
# project: laid over an imported catalog so that a question in everyday words finds them too.
EVERYDAY_NAMES = Path(__file__).parent / "everyday-names.yaml"


class CatalogError(ValueError):
    """A catalog file that cannot be read, with the file and entry named."""


class Catalog:
    """An ordered, code-indexed collection of procedures."""

    def __init__(self, procedures: Iterable[Procedure]) -> None:
        self._by_code: dict[str, Procedure] = {}
        for procedure in procedures:
            if procedure.code in self._by_code:
                raise CatalogError(f"procedure {procedure.code} appears twice")
            self._by_code[procedure.code] = procedure

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[Procedure]:
        return iter(self._by_code.values())

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Procedure | None:
        return self._by_code.get(code)

    def family(self, key: str) -> list[Procedure]:
        return [procedure for procedure in self if procedure.family == key]

    def fingerprint(self) -> str:
        """Hash of the catalog's content, used to key cached indexes."""
        digest = hashlib.sha256()
        for procedure in self:
            digest.update(procedure.model_dump_json().encode())
        return digest.hexdigest()[:16]


def _read_entries(path: Path) -> Iterator[tuple[str, dict]]:
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    yield f"{path}:{number}", json.loads(line)
        return
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(entries, list):
        raise CatalogError(f"{path}: expected a list of procedures")
    for index, entry in enumerate(entries):
        yield f"{path} entry {index + 1}", entry


def load_catalog(path: str | Path = STARTER_CATALOG) -> Catalog:
    """Read a catalog from a folder of YAML files, a single YAML file, or a JSON-lines file."""
    path = Path(path)
    if not path.exists():
        raise CatalogError(f"no catalog at {path}")
    files = sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml")) + sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    procedures = []
    for file in files:
        for where, entry in _read_entries(file):
            try:
                procedures.append(Procedure.model_validate(entry))
            except Exception as error:  # pydantic's message names the bad field
                raise CatalogError(f"{where}: {error}") from error
    return Catalog(procedures)


def with_overlay(base: Catalog, overlay: Catalog) -> Catalog:
    """``base`` with every record of ``overlay`` replacing the one with the same code (or added).

    The starter catalog is laid over a portal import this way: its records are written and reviewed
    by the project, with the names people use (aliases) and plain-language steps. A province can lay
    its own records (local fees, desks, hours) over the national ones the same way.
    """
    replaced = [overlay.get(procedure.code) or procedure for procedure in base]
    added = [procedure for procedure in overlay if procedure.code not in base]
    return Catalog([*replaced, *added])


def load_everyday_names(path: Path = EVERYDAY_NAMES) -> dict[str, list[str]]:
    """National code -> everyday names (empty when the file is missing)."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or not all(isinstance(names, list) for names in data.values()):
        raise CatalogError(f"{path}: expected a mapping from national code to a list of names")
    return {str(code): [str(name) for name in names] for code, names in data.items()}


def with_everyday_names(catalog: Catalog, names: dict[str, list[str]]) -> Catalog:
    """``catalog`` with each procedure's everyday names from ``names`` added to its aliases."""
    def named(procedure: Procedure) -> Procedure:
        extra = [name for name in names.get(procedure.code, []) if name not in procedure.aliases]
        return procedure.model_copy(update={"aliases": [*procedure.aliases, *extra]}) if extra else procedure

    return Catalog(named(procedure) for procedure in catalog)


def load_for_search(path: str | Path | None = None, *, overlay: bool = True) -> Catalog:
    """The catalog to answer from: the starter catalog, or ``path`` with the starter catalog laid over
    it and the everyday names of the procedures it does not hold added."""
    if path is None or Path(path).resolve() == STARTER_CATALOG.resolve():
        return load_catalog(STARTER_CATALOG)
    catalog = load_catalog(path)
    if not overlay:
        return catalog
    return with_everyday_names(with_overlay(catalog, load_catalog(STARTER_CATALOG)), load_everyday_names())


def save_catalog(catalog: Iterable[Procedure], path: str | Path) -> None:
    """Write procedures as JSON lines (the importer's output format)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for procedure in catalog:
            out.write(procedure.model_dump_json(exclude_none=True) + "\n")
