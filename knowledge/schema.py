"""Typed schema of an administrative procedure (thủ tục hành chính)."""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, field_validator

CODE_PATTERN = re.compile(r"^\d\.\d{6}$")
PORTAL_PROCEDURE_URL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"


class Level(str, Enum):
    """Level of government that carries the procedure out."""

    COMMUNE = "commune"  # cấp xã
    DISTRICT = "district"  # cấp huyện (older records; abolished in 2025)
    PROVINCE = "province"  # cấp tỉnh
    MINISTRY = "ministry"  # cấp bộ / trung ương
    OTHER = "other"


class ChannelKind(str, Enum):
    """How a dossier can be handed in."""

    IN_PERSON = "in_person"  # trực tiếp
    ONLINE = "online"  # trực tuyến
    POSTAL = "postal"  # dịch vụ bưu chính


class CopyType(str, Enum):
    ORIGINAL = "original"  # bản chính
    CERTIFIED_COPY = "certified_copy"  # bản sao có chứng thực
    COPY = "copy"  # bản sao / bản chụp
    ORIGINAL_OR_CERTIFIED = "original_or_certified"  # bản chính hoặc bản sao có chứng thực
    PRESENT_ORIGINAL = "present_original"  # xuất trình bản chính


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SubmissionChannel(_Model):
    """One way of submitting, with its processing time and fee."""

    kind: ChannelKind
    processing_time: str | None = None  # as said to a citizen: "5 ngày làm việc"
    processing_days: float | None = None  # the same in days, when it is a number of days
    fee: str | None = None  # as said to a citizen: "Miễn phí", "200.000 đồng/hồ sơ"
    fee_vnd: int | None = None  # the main amount in đồng, 0 when free, None when unknown
    note: str | None = None


class RequiredDocument(_Model):
    """A paper to bring or attach."""

    name: str
    form_code: str | None = None  # e.g. "CT01", "TP/HT-2020-KS"
    copies: int | None = None
    copy_type: CopyType | None = None
    note: str | None = None


class LegalDocument(_Model):
    number: str  # e.g. "85/2019/TT-BTC"
    title: str | None = None


class Procedure(_Model):
    """A procedure as the assistant knows it."""

    code: str = Field(description="National code, e.g. 1.001193")
    name: str
    aliases: list[str] = Field(default_factory=list, description="What people call it")
    field: str | None = None  # lĩnh vực, e.g. "Hộ tịch"
    agency: str | None = None  # the ministry that owns the procedure, e.g. "Bộ Tư pháp"
    levels: list[Level] = Field(default_factory=list)
    agencies: list[str] = Field(default_factory=list)  # who carries it out
    place: str | None = None  # where to submit, in plain words
    applicants: list[str] = Field(default_factory=list)  # who may apply
    channels: list[SubmissionChannel] = Field(default_factory=list)
    documents: list[RequiredDocument] = Field(default_factory=list)
    steps: list[str] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list)
    results: list[str] = Field(default_factory=list)  # the papers one receives
    legal_basis: list[LegalDocument] = Field(default_factory=list)
    url: str | None = None
    family: str | None = None  # variant-family key shared by look-alike procedures
    variant: str | None = None  # what distinguishes this one in its family, e.g. "cấp lại"
    source: str = "dichvucong.gov.vn"
    updated: dt.date | None = None

    @field_validator("code")
    @classmethod
    def _code_shape(cls, code: str) -> str:
        if not CODE_PATTERN.match(code):
            raise ValueError(f"national code must look like 1.001193, got {code!r}")
        return code

    @property
    def portal_url(self) -> str:
        return self.url or PORTAL_PROCEDURE_URL.format(code=self.code)

    @property
    def form_codes(self) -> list[str]:
        return [document.form_code for document in self.documents if document.form_code]

    def channel(self, kind: ChannelKind) -> SubmissionChannel | None:
        return next((channel for channel in self.channels if channel.kind == kind), None)
