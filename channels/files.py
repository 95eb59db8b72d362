"""``GET /files/<token>/<name>``: a file shared with a citizen through a link that expires (see
``storage/shared_files.py``); an expired link answers 410 with a polite Vietnamese message."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, PlainTextResponse, Response

from storage.database import run_sync
from storage.shared_files import SharedFiles, safe_name

__all__ = ["SharedFiles", "safe_name", "router"]
router = APIRouter()
EXPIRED = "Liên kết này đã hết hạn hoặc không tồn tại. Bạn nhắn lại trong cuộc trò chuyện để được gửi lại tài liệu."


@router.get("/files/{token}/{name}")
async def download(request: Request, token: str, name: str) -> Response:
    gateway = request.app.state.gateway
    found = await run_sync(gateway.engine, gateway.files.find, token[:64], name)
    if found is None:
        return PlainTextResponse(EXPIRED, status_code=410)
    path, filename, media_type = found
    return FileResponse(path, media_type=media_type, filename=filename,
                        headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})
