"""A filled declaration as a PDF laid out like the official template: national heading, template code,
title, "Kính gửi", numbered fields with their answers (dotted lines where left blank), the declarant's
commitment, date and signature block; then a page on what to bring and how to submit.

The font (Source Serif Pro, from PyPI) has every Vietnamese letter and is embedded in the file.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import font_source_sans_pro
import font_source_serif_pro
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from forms.answers import date_in_words, shown
from forms.filling import Draft, visible_fields
from forms.schema import FormSpec

SERIF = Path(font_source_serif_pro.font_directory)
SANS = Path(font_source_sans_pro.font_directory)
NEXT_LINE = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}
DOTS = "." * 60


def render(form: FormSpec, draft: Draft, today: date, documents: list[str]) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 15, 20)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font("serif", "", str(SERIF / "SourceSerifPro-Regular.ttf"))
    pdf.add_font("serif", "B", str(SERIF / "SourceSerifPro-Bold.ttf"))
    pdf.add_font("serif", "I", str(SANS / "SourceSansPro-It.ttf"))  # the serif italic lacks Vietnamese letters
    pdf.set_title(form.name)
    pdf.set_creator("Trợ lý ảo dịch vụ công")
    pdf.add_page()
    _heading(pdf, form)
    _fields(pdf, form, draft)
    _closing(pdf, form, draft, today)
    _guide(pdf, form, documents)
    return bytes(pdf.output())


def _heading(pdf: FPDF, form: FormSpec) -> None:
    width = pdf.epw
    pdf.set_font("serif", "B", 10)
    pdf.cell(width, 5, form.code, align="R", **NEXT_LINE)
    pdf.set_font("serif", "I", 9)
    pdf.multi_cell(width, 4.5, form.issued_by, align="R", **NEXT_LINE)
    pdf.ln(3)
    pdf.set_font("serif", "B", 12)
    pdf.cell(width, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C", **NEXT_LINE)
    pdf.cell(width, 6, "Độc lập - Tự do - Hạnh phúc", align="C", **NEXT_LINE)
    middle = pdf.l_margin + width / 2
    pdf.line(middle - 25, pdf.get_y() + 0.5, middle + 25, pdf.get_y() + 0.5)
    pdf.ln(6)
    pdf.set_font("serif", "B", 14)
    pdf.multi_cell(width, 7, form.name.upper(), align="C", **NEXT_LINE)
    pdf.ln(2)
    pdf.set_font("serif", "", 12)
    pdf.multi_cell(width, 6, f"Kính gửi: {form.addressee}", align="C", **NEXT_LINE)
    pdf.ln(3)


def _fields(pdf: FPDF, form: FormSpec, draft: Draft) -> None:
    number, heading = 0, None
    for spec in visible_fields(form, draft.answers):
        heading = spec.section or heading  # a heading waits for the first printed field under it
        if not spec.printed:
            continue
        if heading:
            pdf.ln(0.5)
            pdf.set_font("serif", "B", 11.5)
            pdf.multi_cell(pdf.epw, 5.8, heading, **NEXT_LINE)
            heading = None
        number += 1
        value = draft.answers.get(spec.id)
        text = shown(spec, value) if value is not None else DOTS
        if value is not None and spec.type == "date" and spec.in_words:
            text += f" (bằng chữ: {date_in_words(value)})"
        pdf.set_font("serif", "", 11.5)
        pdf.multi_cell(pdf.epw, 5.8, f"{number}. {spec.label}: {text}", align="L", **NEXT_LINE)


def _closing(pdf: FPDF, form: FormSpec, draft: Draft, today: date) -> None:
    pdf.ln(3)
    pdf.set_font("serif", "", 11.5)
    pdf.multi_cell(pdf.epw, 5.8, form.commitment, **NEXT_LINE)
    pdf.ln(4)
    half = pdf.epw / 2
    place = _place(form, draft)
    dated = f"{place}, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}" if place else \
        f"Ngày {today.day:02d} tháng {today.month:02d} năm {today.year}"
    if pdf.get_y() > pdf.h - 62:
        pdf.add_page()
    pdf.set_x(pdf.l_margin + half)
    pdf.set_font("serif", "I", 11)
    pdf.multi_cell(half, 5.5, dated, align="C", **NEXT_LINE)
    # the people whose agreement the template asks for sign beside the declarant, who signs last (right)
    titles = [*form.co_signers, form.signer_title]
    width = pdf.epw / max(2, len(titles))
    columns = [pdf.l_margin + pdf.epw - width * (len(titles) - i) for i in range(len(titles))]
    top, bottom = pdf.get_y(), pdf.get_y()
    for x, title in zip(columns, titles):
        pdf.set_xy(x, top)
        pdf.set_font("serif", "B", 11 if len(titles) > 2 else 12)
        pdf.multi_cell(width, 5.5, title, align="C", **NEXT_LINE)
        pdf.set_x(x)
        pdf.set_font("serif", "I", 10)
        pdf.multi_cell(width, 5, "(Ký, ghi rõ họ, chữ đệm, tên)", align="C", **NEXT_LINE)
        bottom = max(bottom, pdf.get_y())
    pdf.set_xy(columns[-1], bottom + 20)
    pdf.set_font("serif", "B", 12)
    pdf.multi_cell(width, 6, draft.answers.get(form.signer_field) or "", align="C", **NEXT_LINE)


def _guide(pdf: FPDF, form: FormSpec, documents: list[str]) -> None:
    pdf.add_page()
    pdf.set_font("serif", "B", 13)
    pdf.multi_cell(pdf.epw, 7, "HƯỚNG DẪN NỘP (trang này không nộp kèm tờ khai)", **NEXT_LINE)
    pdf.ln(2)
    pdf.set_font("serif", "B", 12)
    pdf.cell(pdf.epw, 6.5, "Giấy tờ cần mang theo hoặc đính kèm", **NEXT_LINE)
    pdf.set_font("serif", "", 12)
    for document in documents or form.bring:
        pdf.multi_cell(pdf.epw, 6, f"- {document}", **NEXT_LINE)
    pdf.ln(2)
    pdf.set_font("serif", "B", 12)
    pdf.cell(pdf.epw, 6.5, "Cách nộp", **NEXT_LINE)
    pdf.set_font("serif", "", 12)
    pdf.multi_cell(pdf.epw, 6, f"- Trực tuyến: {form.submit_online}", **NEXT_LINE)
    pdf.multi_cell(pdf.epw, 6, f"- Trực tiếp: {form.submit_in_person}", **NEXT_LINE)
    pdf.ln(3)
    pdf.set_font("serif", "I", 10)
    pdf.multi_cell(pdf.epw, 5, "Tờ khai được điền cùng Trợ lý ảo dịch vụ công. Bạn đọc lại toàn bộ nội dung và ký tên "
                               "trước khi nộp; cán bộ tiếp nhận có thể yêu cầu khai bổ sung.", **NEXT_LINE)


def _place(form: FormSpec, draft: Draft) -> str:
    """The place the declaration is signed, from the chosen field's last part: "Phường X, tỉnh Thái Nguyên"
    and "Công an Thành phố Đà Nẵng" give "Thái Nguyên" and "Đà Nẵng"."""
    value = draft.answers.get(form.place_field) if form.place_field else None
    if not value:
        return ""
    last = value.split(",")[-1].strip()
    for prefix in (r"công an|ủy ban nhân dân|uỷ ban nhân dân|ubnd", r"tỉnh|thành phố|tp\.?|xã|phường|thị trấn|đặc khu"):
        last = re.sub(rf"^(?:{prefix})\s+", "", last, flags=re.IGNORECASE)
    return last[:60]
