"""Import the national public-service portal's JSON records into a catalog.

Input: ``<directory>/<agency folder>/<code>.json`` files as scraped from dichvucong.gov.vn (one
record per file, keys ``ma_thu_tuc``, ``ten_thu_tuc``, ``cach_thuc_thuc_hien``, ...). Output: a
JSON-lines catalog written with :func:`knowledge.catalog.save_catalog`, and an :class:`ImportReport`
saying how many records had each field parsed. One bad record never stops the import: it is counted
and reported with its file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from knowledge.catalog import save_catalog
from knowledge.importer import cells
from knowledge.schema import Procedure

SOURCE = "dichvucong.gov.vn (nhập tự động)"

AGENCIES = {
    "bo-cong-an": "Bộ Công an",
    "bo-tu-phap": "Bộ Tư pháp",
    "bo-tai-chinh": "Bộ Tài chính",
    "bo-xay-dung": "Bộ Xây dựng",
    "bo-nong-nghiep-mt": "Bộ Nông nghiệp và Môi trường",
    "ngan-hang-nha-nuoc": "Ngân hàng Nhà nước Việt Nam",
    "toa-an-nhan-dan": "Tòa án nhân dân tối cao",
}


class RecordError(ValueError):
    """A portal record that cannot be turned into a procedure."""


def _field(record: dict, key: str) -> str:
    """The record's value for ``key`` when it is a string, else ""."""
    value = record.get(key)
    return value if isinstance(value, str) else ""


def procedure_name(raw: str) -> str:
    """The official name without a leading "Thủ tục", first letter in upper case."""
    name = cells.clean_text(raw)
    lowered = name.lower()
    if lowered.startswith("thủ tục "):
        name = name[len("thủ tục ") :].strip()
    return name[:1].upper() + name[1:]


_LEGAL_CELL_START = ("Tên văn bản pháp lý", "Không có thông tin")


def repair_cells(record: dict) -> dict:
    """Fix records whose scrape split the page at the wrong "Căn cứ pháp lý" heading.

    When a fee note quotes "Căn cứ pháp lý: ...", the scraper cut ``cach_thuc_thuc_hien`` there and
    put the rest of the channel table into ``can_cu_phap_ly``. Such a legal cell does not start with
    its table header; both cells are then taken again from ``raw_text``, whose real legal-basis
    heading is the one followed by the table header or a placeholder.
    """
    legal = cells.clean_text(_field(record, "can_cu_phap_ly"))
    raw = cells.clean_text(_field(record, "raw_text"))
    if not legal or legal.startswith(_LEGAL_CELL_START) or not raw:
        return record
    channels = re.search(r"Cách Thức Thực Hiện(.*?)Thành phần hồ sơ", raw)
    basis = re.search(
        r"Căn cứ pháp lý((?:Tên văn bản pháp lý|Không có thông tin).*?)"
        r"(?=Cơ quan thực hiện|Yêu cầu, điều kiện thực hiện|Kết quả xử lý|$)",
        raw,
    )
    if not channels or not basis:
        return record
    return {**record, "cach_thuc_thuc_hien": channels.group(1), "can_cu_phap_ly": basis.group(1)}


def parse_record(record: dict, agency_folder: str, *, updated: dt.date | None = None) -> Procedure:
    """Turn one portal record into a :class:`Procedure`.

    ``agency_folder`` is the folder the file sits in ("bo-tu-phap" -> "Bộ Tư pháp"); unknown
    folders give no agency. Raises :class:`RecordError` (or pydantic's ``ValidationError``) when the
    record has no usable code or name.
    """
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, got {type(record).__name__}")
    record = repair_cells(record)
    code = cells.clean_text(_field(record, "ma_thu_tuc"))
    name = procedure_name(_field(record, "ten_thu_tuc"))
    if not code:
        raise RecordError("no ma_thu_tuc")
    if not name:
        raise RecordError("no ten_thu_tuc")
    agencies = cells.split_agencies(_field(record, "co_quan_thuc_hien")) or cells.split_agencies(
        _field(record, "co_quan_co_tham_quyen")
    )
    family, variant = cells.variant_family(name)
    field_name = cells.clean_text(_field(record, "linh_vuc"))
    url = cells.clean_text(_field(record, "detail_url"))
    return Procedure(
        code=code,
        name=name,
        field=None if cells.is_placeholder(field_name) else field_name,
        agency=AGENCIES.get(agency_folder),
        levels=cells.parse_levels(_field(record, "cap_thuc_hien")),
        agencies=agencies,
        applicants=cells.split_applicants(_field(record, "doi_tuong_thuc_hien")),
        channels=cells.split_channels(_field(record, "cach_thuc_thuc_hien")),
        documents=cells.split_documents(_field(record, "thanh_phan_ho_so")),
        steps=cells.split_steps(_field(record, "trinh_tu_thuc_hien")),
        conditions=cells.split_conditions(_field(record, "yeu_cau_dieu_kien")),
        results=cells.split_results(_field(record, "ket_qua_xu_ly")),
        legal_basis=cells.split_legal_documents(_field(record, "can_cu_phap_ly")),
        url=url or None,
        family=family,
        variant=variant,
        source=SOURCE,
        updated=updated,
    )


@dataclass(frozen=True)
class PortalFile:
    """One file found under the portal folder: its record, or why it could not be read."""

    path: Path
    agency_folder: str
    record: dict | None
    error: str | None = None


def iter_portal_records(directory: str | Path) -> Iterator[PortalFile]:
    """Every ``*.json`` file under ``directory`` (recursively, sorted), read as a record.

    The agency folder is the name of the folder holding the file. A file that is not valid JSON
    (or not a JSON object) is yielded with ``record=None`` and the error, so callers can count it.
    """
    for path in sorted(Path(directory).rglob("*.json")):
        if not path.is_file():
            continue
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            yield PortalFile(path, path.parent.name, None, f"{type(error).__name__}: {error}")
            continue
        if not isinstance(record, dict):
            yield PortalFile(path, path.parent.name, None, f"expected a JSON object, got {type(record).__name__}")
            continue
        yield PortalFile(path, path.parent.name, record)


# What the report counts: a label and the test a procedure passes when that field was parsed.
REPORT_FIELDS: tuple[tuple[str, Callable[[Procedure], bool]], ...] = (
    ("channels", lambda p: bool(p.channels)),
    ("processing time", lambda p: any(c.processing_time for c in p.channels)),
    ("processing days", lambda p: any(c.processing_days is not None for c in p.channels)),
    ("fee", lambda p: any(c.fee for c in p.channels)),
    ("fee amount (đồng)", lambda p: any(c.fee_vnd is not None for c in p.channels)),
    ("documents", lambda p: bool(p.documents)),
    ("form codes", lambda p: bool(p.form_codes)),
    ("legal basis", lambda p: bool(p.legal_basis)),
    ("results", lambda p: bool(p.results)),
    ("steps", lambda p: bool(p.steps)),
    ("conditions", lambda p: bool(p.conditions)),
    ("applicants", lambda p: bool(p.applicants)),
    ("agencies", lambda p: bool(p.agencies)),
    ("levels", lambda p: bool(p.levels)),
    ("family", lambda p: p.family is not None),
)


@dataclass
class ImportReport:
    """How an import went: records seen, imported, failed (with file), and per-field coverage."""

    files: int = 0
    imported: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    out: str | None = None

    @property
    def failed(self) -> int:
        """Number of files that could not be imported."""
        return len(self.failures)

    def rows(self) -> list[tuple[str, int, float]]:
        """(field, procedures with it, percentage of imported procedures), in report order."""
        total = self.imported or 1
        return [(label, self.counts[label], 100.0 * self.counts[label] / total) for label, _ in REPORT_FIELDS]

    def table(self) -> str:
        """The report as a plain-text table."""
        width = max(len(label) for label, _ in REPORT_FIELDS)
        lines = [
            f"{self.imported} of {self.files} records imported, {self.failed} failed, in {self.seconds:.1f} s"
            + (f" -> {self.out}" if self.out else ""),
            "",
            f"{'field':<{width}}  {'records':>7}  {'share':>6}",
            f"{'-' * width}  {'-' * 7}  {'-' * 6}",
        ]
        lines += [f"{label:<{width}}  {count:>7}  {share:>5.1f}%" for label, count, share in self.rows()]
        if self.failures:
            lines += ["", "failures:"]
            lines += [f"  {path}: {error}" for path, error in self.failures]
        return "\n".join(lines)


def _keep_shared_families(procedures: list[Procedure]) -> list[Procedure]:
    """Drop family keys (and variant labels) that only one procedure has: there is nothing to tell apart."""
    members: defaultdict[str, int] = defaultdict(int)
    for procedure in procedures:
        if procedure.family:
            members[procedure.family] += 1
    return [
        procedure
        if not procedure.family or members[procedure.family] > 1
        else procedure.model_copy(update={"family": None, "variant": None})
        for procedure in procedures
    ]


def import_portal(
    directory: str | Path,
    out: str | Path,
    *,
    updated: dt.date | None = None,
    progress: bool = True,
) -> ImportReport:
    """Parse every record under ``directory``, write the catalog to ``out`` (JSON lines), report coverage.

    ``updated`` defaults to today's date. A record that fails (unreadable file, missing code or
    name, a parser error) is counted with its file in ``report.failures`` and the rest continue. A
    second record with the same code is a failure too. Family keys shared by a single procedure are
    dropped. A tqdm progress bar goes to standard error unless ``progress`` is False.
    """
    started = time.perf_counter()
    updated = updated or dt.date.today()
    report = ImportReport(out=str(out))
    procedures: list[Procedure] = []
    seen: dict[str, Path] = {}
    files = list(iter_portal_records(directory))
    report.files = len(files)
    for item in tqdm(files, desc="import-portal", unit="record", file=sys.stderr, disable=not progress):
        if item.record is None:
            report.failures.append((str(item.path), item.error or "unreadable"))
            continue
        try:
            procedure = parse_record(item.record, item.agency_folder, updated=updated)
        except Exception as error:  # one bad record must not stop the import
            message = " ".join(str(error).split())
            report.failures.append((str(item.path), f"{type(error).__name__}: {message[:300]}"))
            continue
        if procedure.code in seen:
            first = seen[procedure.code]
            report.failures.append((str(item.path), f"duplicate code {procedure.code} (first in {first})"))
            continue
        seen[procedure.code] = item.path
        procedures.append(procedure)
    procedures = _keep_shared_families(procedures)
    save_catalog(procedures, out)
    report.imported = len(procedures)
    for procedure in procedures:
        for label, test in REPORT_FIELDS:
            if test(procedure):
                report.counts[label] += 1
    report.seconds = time.perf_counter() - started
    return report
