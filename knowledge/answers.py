"""Short Vietnamese answers about one aspect of a procedure, from its catalog record only.

Nothing here states a fee, time or document that the record does not hold: when a record lacks
what was asked, the answer says so and points to the portal page.
"""

from __future__ import annotations

from knowledge.aspects import ASPECT_LABELS, Aspect
from knowledge.schema import ChannelKind, CopyType, Level, Procedure, RequiredDocument

MAX_MESSAGE_CHARACTERS = 2000

CHANNEL_LABELS = {
    ChannelKind.IN_PERSON: "Nộp trực tiếp",
    ChannelKind.ONLINE: "Nộp trực tuyến",
    ChannelKind.POSTAL: "Gửi qua bưu chính",
}
COPY_LABELS = {
    CopyType.ORIGINAL: "bản chính",
    CopyType.CERTIFIED_COPY: "bản sao có chứng thực",
    CopyType.COPY: "bản sao",
    CopyType.ORIGINAL_OR_CERTIFIED: "bản chính hoặc bản sao có chứng thực",
    CopyType.PRESENT_ORIGINAL: "xuất trình bản chính",
}
LEVEL_LABELS = {
    Level.COMMUNE: "cấp xã",
    Level.DISTRICT: "cấp huyện (cũ)",
    Level.PROVINCE: "cấp tỉnh",
    Level.MINISTRY: "cấp bộ",
    Level.OTHER: "cơ quan khác",
}
PORTAL_HOME = "https://dichvucong.gov.vn"


def title(procedure: Procedure) -> str:
    return f"{procedure.name} (mã {procedure.code})"


def source_line(procedure: Procedure) -> str:
    return f"Nguồn: Cổng Dịch vụ công quốc gia — {procedure.portal_url}"


def _missing(procedure: Procedure, what: str) -> str:
    return (
        f"Thông tin về {what} của thủ tục {title(procedure)} chưa có trong dữ liệu của tôi. "
        f"Bạn xem trang thủ tục trên Cổng Dịch vụ công hoặc hỏi Bộ phận một cửa nơi nộp hồ sơ."
    )


def _document_line(document: RequiredDocument) -> str:
    details = []
    if document.copy_type is CopyType.PRESENT_ORIGINAL:
        details.append(COPY_LABELS[document.copy_type])
    elif document.copies:
        details.append(f"{document.copies} {COPY_LABELS[document.copy_type]}" if document.copy_type else f"{document.copies} bản")
    elif document.copy_type:
        details.append(COPY_LABELS[document.copy_type])
    if document.form_code:
        details.append(f"mẫu {document.form_code}")
    line = f"• {document.name}"
    if details:
        line += f" ({', '.join(details)})"
    if document.note:
        line += f". {document.note}"
    return line


def document_lines(procedure: Procedure) -> list[str]:
    """The papers to bring, one line each (for a filled declaration's guide)."""
    return [_document_line(document).removeprefix("• ") for document in procedure.documents]


def _same_for_all(values: list[str | None]) -> bool:
    return len(set(values)) == 1


def answer_documents(procedure: Procedure) -> str:
    if not procedure.documents:
        return _missing(procedure, "giấy tờ cần chuẩn bị")
    lines = [f"Hồ sơ {title(procedure)} gồm:"] + [_document_line(d) for d in procedure.documents]
    return "\n".join(lines)


def _per_channel(procedure: Procedure, attribute: str) -> list[tuple[ChannelKind, str]]:
    return [(c.kind, getattr(c, attribute)) for c in procedure.channels if getattr(c, attribute)]


def answer_fee(procedure: Procedure) -> str:
    fees = _per_channel(procedure, "fee")
    if not fees:
        return _missing(procedure, "lệ phí")
    notes = [c.note for c in procedure.channels if c.note]
    if _same_for_all([fee for _, fee in fees]) and len(fees) == len(procedure.channels):
        text = f"Lệ phí {title(procedure)}: {fees[0][1]} (như nhau cho mọi cách nộp)."
    else:
        text = "\n".join([f"Lệ phí {title(procedure)}:"] + [f"• {CHANNEL_LABELS[kind]}: {fee}" for kind, fee in fees])
    if notes:
        text += "\nLưu ý: " + " ".join(dict.fromkeys(notes))
    if any(channel.fee_vnd != 0 for channel in procedure.channels if channel.fee):
        text += "\nMức thu cụ thể có thể khác theo quyết định của tỉnh, thành phố nơi bạn nộp."
    return text


def answer_time(procedure: Procedure) -> str:
    times = _per_channel(procedure, "processing_time")
    if not times:
        return _missing(procedure, "thời gian giải quyết")
    if _same_for_all([time for _, time in times]) and len(times) == len(procedure.channels):
        return f"Thời gian giải quyết {title(procedure)}: {times[0][1]}."
    lines = [f"Thời gian giải quyết {title(procedure)}:"]
    lines += [f"• {CHANNEL_LABELS[kind]}: {time}" for kind, time in times]
    return "\n".join(lines)


def answer_place(procedure: Procedure) -> str:
    lines = []
    if procedure.place:
        lines.append(f"Nơi nộp hồ sơ {title(procedure)}: {procedure.place}")
    elif procedure.agencies:
        lines.append(f"Cơ quan giải quyết {title(procedure)}: {', '.join(procedure.agencies)}.")
    if procedure.levels and not procedure.place:
        lines.append("Cấp thực hiện: " + ", ".join(LEVEL_LABELS[level] for level in procedure.levels) + ".")
    return "\n".join(lines) if lines else _missing(procedure, "nơi nộp hồ sơ")


def answer_steps(procedure: Procedure) -> str:
    if not procedure.steps:
        return _missing(procedure, "các bước thực hiện")
    lines = [f"Các bước làm {title(procedure)}:"]
    lines += [f"{number}. {step}" for number, step in enumerate(procedure.steps, 1)]
    return "\n".join(lines)


def answer_form(procedure: Procedure) -> str:
    forms = [d for d in procedure.documents if d.form_code]
    declarations = [d for d in procedure.documents if not d.form_code and ("tờ khai" in d.name.lower() or "mẫu" in d.name.lower())]
    if not forms and not declarations:
        return (
            f"Dữ liệu của tôi không ghi mẫu tờ khai nào cho {title(procedure)}. "
            f"Bạn xem mục thành phần hồ sơ trên trang thủ tục để tải mẫu nếu có."
        )
    lines = [f"Mẫu tờ khai của {title(procedure)}:"]
    lines += [f"• {d.name}: mẫu {d.form_code}" for d in forms]
    lines += [f"• {d.name}" for d in declarations]
    lines.append("Bạn có thể tải mẫu tại trang thủ tục trên Cổng Dịch vụ công, hoặc xin mẫu tại Bộ phận một cửa.")
    return "\n".join(lines)


def answer_eligibility(procedure: Procedure) -> str:
    lines = []
    if procedure.applicants:
        lines.append(f"Người được thực hiện {title(procedure)}: {'; '.join(procedure.applicants)}.")
    if procedure.conditions:
        lines.append("Điều kiện:")
        lines += [f"• {condition}" for condition in procedure.conditions]
    elif procedure.applicants:
        lines.append("Dữ liệu thủ tục không ghi điều kiện riêng nào khác.")
    return "\n".join(lines) if lines else _missing(procedure, "đối tượng và điều kiện")


def answer_result(procedure: Procedure) -> str:
    if not procedure.results:
        return _missing(procedure, "kết quả")
    return f"Làm xong {title(procedure)}, bạn nhận được: {'; '.join(procedure.results)}."


def answer_legal_basis(procedure: Procedure) -> str:
    if not procedure.legal_basis:
        return _missing(procedure, "căn cứ pháp lý")
    lines = [f"Căn cứ pháp lý của {title(procedure)}:"]
    lines += [f"• {law.number}" + (f" — {law.title}" if law.title else "") for law in procedure.legal_basis]
    return "\n".join(lines)


def answer_online(procedure: Procedure) -> str:
    online = procedure.channel(ChannelKind.ONLINE)
    if online is None:
        if procedure.channels:
            ways = ", ".join(CHANNEL_LABELS[c.kind].lower() for c in procedure.channels)
            return f"Theo dữ liệu của tôi, {title(procedure)} chưa nộp trực tuyến được; cách nộp: {ways}."
        return _missing(procedure, "cách nộp trực tuyến")
    details = [f"{title(procedure)} nộp trực tuyến được trên Cổng Dịch vụ công quốc gia ({PORTAL_HOME})."]
    if online.processing_time:
        details.append(f"Thời gian giải quyết: {online.processing_time}.")
    if online.fee:
        details.append(f"Lệ phí khi nộp trực tuyến: {online.fee}.")
    details.append("Bạn đăng nhập bằng tài khoản định danh điện tử VNeID, chọn thủ tục, khai thông tin và đính kèm bản chụp giấy tờ.")
    return " ".join(details)


def answer_overview(procedure: Procedure) -> str:
    lines = [f"{procedure.name} — mã {procedure.code}" + (f" ({procedure.variant})" if procedure.variant else "")]
    if procedure.place:
        lines.append(f"• Nơi nộp: {procedure.place}")
    times = _per_channel(procedure, "processing_time")
    if times:
        lines.append(f"• Thời gian: {times[0][1]}" + (" (tùy cách nộp)" if not _same_for_all([t for _, t in times]) else ""))
    fees = _per_channel(procedure, "fee")
    if fees:
        lines.append(f"• Lệ phí: {fees[0][1]}" + (" (tùy cách nộp)" if not _same_for_all([f for _, f in fees]) else ""))
    if procedure.documents:
        lines.append(f"• Hồ sơ: {len(procedure.documents)} loại giấy tờ")
    if procedure.channel(ChannelKind.ONLINE):
        lines.append("• Nộp trực tuyến được")
    lines.append("Bạn muốn biết thêm phần nào?")
    return "\n".join(lines)


ANSWERS = {
    Aspect.DOCUMENTS: answer_documents,
    Aspect.FEE: answer_fee,
    Aspect.TIME: answer_time,
    Aspect.PLACE: answer_place,
    Aspect.STEPS: answer_steps,
    Aspect.FORM: answer_form,
    Aspect.ELIGIBILITY: answer_eligibility,
    Aspect.RESULT: answer_result,
    Aspect.LEGAL_BASIS: answer_legal_basis,
    Aspect.ONLINE: answer_online,
}


CARD_BUTTON = "Xem đầy đủ"


def full_card(procedure: Procedure) -> str:
    """Every aspect, for "xem đầy đủ", with the source."""
    parts = [answer_overview(procedure).rsplit("\n", 1)[0]]
    parts += [
        ANSWERS[aspect](procedure)
        for aspect in (Aspect.DOCUMENTS, Aspect.FEE, Aspect.TIME, Aspect.STEPS, Aspect.ELIGIBILITY, Aspect.RESULT, Aspect.LEGAL_BASIS)
    ]
    return "\n\n".join(parts) + "\n" + source_line(procedure)


def variant_title(procedure: Procedure | None) -> str:
    """A short button title for a look-alike variant."""
    if procedure is None:
        return ""
    title = procedure.variant or procedure.name
    return title if len(title) <= 60 else title[:57].rstrip() + "..."


def variant_note(procedure: Procedure) -> str:
    case = procedure.variant or procedure.name
    return f"(Tôi trả lời cho trường hợp: {case}. Nếu bạn hỏi trường hợp khác, bạn chọn bên dưới.)"


def compose(procedure: Procedure, aspects: list[Aspect]) -> str:
    """Answer the asked aspects (at most two), or an overview when none was asked; with the source."""
    body = "\n\n".join(ANSWERS[aspect](procedure) for aspect in aspects[:2]) if aspects else answer_overview(procedure)
    return f"{body}\n{source_line(procedure)}"


def split_message(text: str, limit: int = MAX_MESSAGE_CHARACTERS) -> list[str]:
    """Split at line (then sentence, then word) boundaries so every part is at most ``limit``."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        for piece in _fit(line, limit):
            candidate = f"{current}\n{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                parts.append(current)
                current = piece
    if current:
        parts.append(current)
    return parts


def _fit(line: str, limit: int) -> list[str]:
    if len(line) <= limit:
        return [line]
    pieces: list[str] = []
    current = ""
    for word in line.replace(". ", ".\u0000").replace(" ", "\u0000 ").split("\u0000"):
        if len(current) + len(word) > limit and current:
            pieces.append(current.strip())
            current = ""
        while len(word) > limit:
            pieces.append(word[:limit])
            word = word[limit:]
        current += word
    if current.strip():
        pieces.append(current.strip())
    return pieces


def not_found() -> str:
    return (
        "Tôi chưa tìm thấy thủ tục nào khớp với câu hỏi của bạn. Bạn thử ghi rõ tên thủ tục "
        "(ví dụ \"cấp đổi căn cước\", \"đăng ký tạm trú\"), hoặc tra trên Cổng Dịch vụ công quốc gia: "
        f"{PORTAL_HOME}"
    )


def which_procedure() -> str:
    return "Bạn muốn hỏi về thủ tục nào? Ví dụ: \"làm hộ chiếu\", \"đăng ký khai sinh\", \"đổi giấy phép lái xe\"."


ASPECT_BUTTONS = [Aspect.DOCUMENTS, Aspect.FEE, Aspect.TIME, Aspect.PLACE]


def aspect_buttons() -> list[tuple[str, Aspect]]:
    """Follow-up choices offered after an overview."""
    return [(ASPECT_LABELS[aspect], aspect) for aspect in ASPECT_BUTTONS]
