"""Files handed to a citizen through a link that expires: ``GET /files/<token>/<name>``.

The token is random (unguessable); the file lives under ``<DATA_DIR>/files``; an expired link answers
410 with a polite Vietnamese message, and expired files are deleted the next time a file is shared.
"""

from __future__ import annotations

import logging
import re
import secrets
import time
import unicodedata
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, PlainTextResponse, Response
from sqlalchemy import Engine, delete, insert, select

from storage.database import run_sync
from storage.tables import shared_files

logger = logging.getLogger(__name__)
router = APIRouter()
EXPIRED = "Liên kết này đã hết hạn hoặc không tồn tại. Bạn nhắn lại trong cuộc trò chuyện để được gửi lại tài liệu."


def safe_name(name: str) -> str:
    """A file name safe in a URL and a Content-Disposition: ASCII letters, digits, '-', '_', '.'."""
    ascii_name = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = ascii_name.encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip("-.") or "tai-lieu"
    return cleaned[-120:]


class SharedFiles:
    def __init__(self, engine: Engine, folder: Path, clock=time.time) -> None:
        self._engine = engine
        self._folder = folder
        self._clock = clock

    def share(self, content: bytes, name: str, media_type: str, hours: float) -> tuple[str, str]:
        """Stores ``content``; the token and the safe file name of its link."""
        self._forget_expired()
        self._folder.mkdir(parents=True, exist_ok=True)
        token, filename = secrets.token_urlsafe(24), safe_name(name)
        path = self._folder / f"{token}-{filename}"
        path.write_bytes(content)
        with self._engine.begin() as db:
            db.execute(insert(shared_files).values(token=token, path=str(path), name=filename, media_type=media_type,
                                                   expires_at=self._clock() + hours * 3600))
        return token, filename

    def find(self, token: str) -> tuple[Path, str, str] | None:
        with self._engine.connect() as db:
            row = db.execute(select(shared_files).where(shared_files.c.token == token)).first()
        if row is None or row.expires_at < self._clock() or not Path(row.path).is_file():
            return None
        return Path(row.path), row.name, row.media_type

    def _forget_expired(self) -> None:
        with self._engine.begin() as db:
            expired = db.execute(select(shared_files.c.path).where(shared_files.c.expires_at < self._clock())).all()
            db.execute(delete(shared_files).where(shared_files.c.expires_at < self._clock()))
        for (path,) in expired:
            Path(path).unlink(missing_ok=True)


@router.get("/files/{token}/{name}")
async def download(request: Request, token: str, name: str) -> Response:
    gateway = request.app.state.gateway
    found = await run_sync(gateway.engine, gateway.files.find, token[:64])
    if found is None or found[1] != name:
        return PlainTextResponse(EXPIRED, status_code=410)
    path, filename, media_type = found
    return FileResponse(path, media_type=media_type, filename=filename,
                        headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})
