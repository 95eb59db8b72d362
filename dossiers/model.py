"""A dossier (hồ sơ) as provincial one-stop systems expose it."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import BaseModel, Field


class Status(str, Enum):
    RECEIVED = "received"  # đã tiếp nhận
    PROCESSING = "processing"  # đang xử lý
    NEEDS_SUPPLEMENT = "needs_supplement"  # chờ bổ sung
    RESULT_READY = "result_ready"  # đã có kết quả
    RETURNED = "returned"  # đã trả kết quả
    OVERDUE = "overdue"  # quá hạn
    REFUSED = "refused"  # từ chối
    CANCELLED = "cancelled"  # đã hủy


class StatusChange(BaseModel):
    status: Status
    changed_at: dt.datetime
    note: str | None = None


class Dossier(BaseModel):
    code: str  # canonical form, see dossiers.codes
    procedure_code: str | None = None
    procedure_name: str
    agency: str
    received_on: dt.date
    appointment_on: dt.date | None = None  # ngày hẹn trả
    status: Status
    current_step: str | None = None
    current_unit: str | None = None
    to_supplement: str | None = None  # what the applicant must add (only shown after verification)
    applicant_name: str  # never shown in full before verification
    applicant_phone: str | None = None
    applicant_id_number: str | None = None
    history: list[StatusChange] = Field(default_factory=list)

    def is_overdue(self, today: dt.date) -> bool:
        """Past its appointment date and still not finished (or marked overdue by the system)."""
        if self.status == Status.OVERDUE:
            return True
        unfinished = self.status in (Status.RECEIVED, Status.PROCESSING, Status.NEEDS_SUPPLEMENT)
        return unfinished and self.appointment_on is not None and today > self.appointment_on


class LookupUnavailable(Exception):
    """The dossier system did not answer (down, too slow, or its circuit breaker is open)."""
