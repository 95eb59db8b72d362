"""Files handed to a citizen through a link that expires (an officer's attachment, a filled declaration).

The token is random (unguessable); the file lives in ``folder`` (``<DATA_DIR>/files``), shared by the
gateway that serves ``GET /files/<token>/<name>`` and the action server that makes declarations; expired
files are deleted the next time a file is shared, or by ``purge``.
"""

from __future__ import annotations

import re
import secrets
import time
import unicodedata
from pathlib import Path

from sqlalchemy import Engine, delete, insert, select

from storage.tables import shared_files


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
        self.purge()
        self._folder.mkdir(parents=True, exist_ok=True)
        token, filename = secrets.token_urlsafe(24), safe_name(name)
        path = self._folder / f"{token}-{filename}"
        path.write_bytes(content)
        with self._engine.begin() as db:
            db.execute(insert(shared_files).values(token=token, path=str(path), name=filename, media_type=media_type,
                                                   expires_at=self._clock() + hours * 3600))
        return token, filename

    def find(self, token: str, name: str | None = None) -> tuple[Path, str, str] | None:
        """The file's path, safe name and media type; None when expired, gone, or not named ``name``."""
        with self._engine.connect() as db:
            row = db.execute(select(shared_files).where(shared_files.c.token == token)).first()
        if row is None or row.expires_at < self._clock() or not Path(row.path).is_file():
            return None
        if name is not None and row.name != name:
            return None
        return Path(row.path), row.name, row.media_type

    def purge(self) -> None:
        with self._engine.begin() as db:
            expired = db.execute(select(shared_files.c.path).where(shared_files.c.expires_at < self._clock())).all()
            db.execute(delete(shared_files).where(shared_files.c.expires_at < self._clock()))
        for (path,) in expired:
            Path(path).unlink(missing_ok=True)
