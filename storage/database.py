"""One engine per process from one URL; SQLite under var/ by default, PostgreSQL in production."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, text

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")
MIGRATIONS = Path(__file__).parent / "migrations"


def default_url() -> str:
    """SQLite file ``app.db`` in ``DATA_DIR`` (``var/`` by default)."""
    return f"sqlite:///{Path(os.environ.get('DATA_DIR') or ROOT / 'var') / 'app.db'}"


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (the default SQLite file when empty), its directory created if needed."""
    url = url or default_url()
    for plain in ("postgresql://", "postgres://"):  # the driver we install (SQLAlchemy 2.1 would pick psycopg 3)
        if url.startswith(plain):
            url = "postgresql+psycopg2://" + url.removeprefix(plain)
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 15, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Brings the schema up to the newest Alembic revision (safe to call at every start)."""
    from alembic import command  # imported here: processes that never migrate do not load Alembic
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def is_up(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - any failure means "down" for a health check
        return False


_executors: dict[int, ThreadPoolExecutor] = {}


def executor_for(engine: Engine) -> ThreadPoolExecutor:
    """The threads that run this engine's statements for async code.

    SQLite has one writer at a time and makes the others sleep and poll, which turns a burst of
    writes from several threads into seconds of waiting; so on SQLite every statement of the process
    runs on one thread, in turn. Other databases get a small pool.
    """
    key = id(engine)
    if key not in _executors:
        threads = 1 if engine.dialect.name == "sqlite" else 8
        _executors[key] = ThreadPoolExecutor(max_workers=threads, thread_name_prefix=f"db-{engine.dialect.name}")
    return _executors[key]


async def run_sync(engine: Engine, function: Callable[..., T], *args: Any) -> T:
    """Runs ``function(*args)`` (blocking database work) on the engine's threads."""
    return await asyncio.get_running_loop().run_in_executor(executor_for(engine), lambda: function(*args))
