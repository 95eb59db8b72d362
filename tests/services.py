"""The real PostgreSQL and Redis the store tests talk to (standard library + optional drivers).

Addresses come from TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres) and
TEST_REDIS_URL (default redis://127.0.0.1:6379/0). Each test gets its own throw-away database.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=1):
            return True
    except OSError:
        return False


@contextmanager
def temporary_postgres_database():
    """Create a fresh database, yield its URL, drop it afterwards."""
    import psycopg2

    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(POSTGRES_URL)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(POSTGRES_URL)
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        with admin.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


@contextmanager
def app_database(kind: str, folder: Path) -> Iterator[str]:
    """The app database of one test: an SQLite file in ``folder`` or a throw-away PostgreSQL database
    (the test is skipped, saying why, when PostgreSQL is not running)."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'app.db'}"
        return
    import pytest

    if not reachable(POSTGRES_URL):
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}")
    with temporary_postgres_database() as url:
        yield url
