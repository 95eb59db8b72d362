"""Where dossier status comes from: the local store (``local``) or a provincial system's API (``http``).

Both answer ``get(code)`` with a ``Dossier`` or None (unknown code); ``http`` raises
``LookupUnavailable`` when the system is down, so the citizen hears "busy, try later" in seconds.
The JSON contract of the ``http`` source is in docs/dossier-http-contract.md.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any, Protocol
from urllib.parse import quote

import httpx
from sqlalchemy import Engine, delete, insert, select

from dossiers.model import Dossier, LookupUnavailable, Status, StatusChange
from storage.tables import dossier_history, dossiers


class DossierSource(Protocol):
    def get(self, code: str) -> Dossier | None: ...


class LocalDossierSource:
    """Dossiers kept in the app's database (seeded with demo data, or fed by the ingest path)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def get(self, code: str) -> Dossier | None:
        with self._engine.connect() as connection:
            row = connection.execute(select(dossiers).where(dossiers.c.code == code)).first()
            if row is None:
                return None
            changes = connection.execute(select(dossier_history).where(dossier_history.c.code == code)
                                         .order_by(dossier_history.c.changed_at, dossier_history.c.id)).all()
        values = {key: value for key, value in row._mapping.items() if key != "updated_at"}
        return Dossier(**values, history=[StatusChange(status=c.status, changed_at=c.changed_at, note=c.note)
                                          for c in changes])

    def save(self, dossier: Dossier) -> None:
        """Stores a dossier with its whole history, replacing any earlier version."""
        row = dossier.model_dump(exclude={"history"}, mode="json")
        with self._engine.begin() as connection:
            connection.execute(delete(dossier_history).where(dossier_history.c.code == dossier.code))
            connection.execute(delete(dossiers).where(dossiers.c.code == dossier.code))
            connection.execute(insert(dossiers).values(**row, updated_at=time.time()))
            if dossier.history:
                connection.execute(insert(dossier_history), [
                    {"code": dossier.code, "status": change.status.value,
                     "changed_at": change.changed_at.isoformat(timespec="seconds"), "note": change.note}
                    for change in dossier.history])


class CircuitBreaker:
    """Opens after ``failures`` failures in a row; while open, calls fail at once for ``cooldown`` s."""

    def __init__(self, failures: int = 3, cooldown: float = 30.0, clock=time.monotonic) -> None:
        self._limit = failures
        self._cooldown = cooldown
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._lock = threading.Lock()

    def allow(self) -> bool:
        with self._lock:
            if self._opened_at is None:
                return True
            if self._clock() - self._opened_at >= self._cooldown:  # half-open: let one call try
                self._opened_at = None
                self._failures = self._limit - 1
                return True
            return False

    def succeeded(self) -> None:
        with self._lock:
            self._failures, self._opened_at = 0, None

    def failed(self) -> None:
        with self._lock:
            self._failures += 1
            if self._failures >= self._limit:
                self._opened_at = self._clock()


STATUS_CODES = {  # dossierStatusCode in the contract
    "1": Status.RECEIVED, "2": Status.PROCESSING, "3": Status.NEEDS_SUPPLEMENT, "4": Status.RESULT_READY,
    "5": Status.RETURNED, "6": Status.OVERDUE, "7": Status.REFUSED, "8": Status.CANCELLED,
}


class HttpDossierSource:
    """A provincial one-stop system's API: ``GET {base}/dossiers/{dossierNo}``.

    Each attempt waits at most ``timeout`` seconds and there are at most ``attempts`` of them, so a
    lookup gives up within about 3 seconds; after repeated failures the circuit breaker answers
    "unavailable" at once until the system has had time to recover.
    """

    def __init__(self, base_url: str, token: str | None = None, timeout: float = 1.2, attempts: int = 2,
                 breaker: CircuitBreaker | None = None, transport: httpx.BaseTransport | None = None) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._http = httpx.Client(base_url=base_url.rstrip("/"), headers=headers, timeout=timeout, transport=transport)
        self._attempts = attempts
        self._breaker = breaker or CircuitBreaker()

    def get(self, code: str) -> Dossier | None:
        if not self._breaker.allow():
            raise LookupUnavailable("circuit open")
        for attempt in range(1, self._attempts + 1):
            try:
                response = self._http.get(f"/dossiers/{quote(code, safe='')}")
                if response.status_code == 404:
                    self._breaker.succeeded()
                    return None
                response.raise_for_status()
                dossier = from_contract(response.json())
                self._breaker.succeeded()
                return dossier
            except (httpx.HTTPError, ValueError, KeyError) as error:
                if attempt == self._attempts:
                    self._breaker.failed()
                    raise LookupUnavailable(f"{type(error).__name__}") from error
                time.sleep(0.1)
        raise AssertionError("unreachable")


def _date(value: Any) -> dt.date | None:
    """Dates as the contract allows them: ISO (2024-03-05) or dd/mm/yyyy, optionally with a time."""
    if not value:
        return None
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r}")


def from_contract(data: dict[str, Any]) -> Dossier:
    """A dossier from the ``http`` contract's JSON (see docs/dossier-http-contract.md)."""
    status = STATUS_CODES.get(str(data.get("dossierStatusCode")))
    if status is None:
        raise ValueError(f"unknown dossierStatusCode {data.get('dossierStatusCode')!r}")
    history = [StatusChange(status=STATUS_CODES[str(item["statusCode"])],
                            changed_at=dt.datetime.fromisoformat(str(item["changedAt"])), note=item.get("note"))
               for item in data.get("history") or [] if str(item.get("statusCode")) in STATUS_CODES]
    return Dossier(
        code=data["dossierNo"], procedure_code=data.get("procedureCode"), procedure_name=data["procedureName"],
        agency=data.get("agencyName") or "", received_on=_date(data["acceptedDate"]),
        appointment_on=_date(data.get("appointmentDate")), status=status, current_step=data.get("currentStep"),
        current_unit=data.get("currentUnit"), to_supplement=data.get("supplementNote"),
        applicant_name=data.get("applicantName") or "", applicant_phone=data.get("applicantPhone"),
        applicant_id_number=data.get("applicantIdNumber"), history=history)
