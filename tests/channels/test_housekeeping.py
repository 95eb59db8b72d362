"""The gateway's housekeeping deletes personal data past its retention: half-filled declarations and
shared files (filled PDFs); what is still within its time stays."""

from __future__ import annotations

import time

from sqlalchemy import select

from forms.drafts import Drafts
from forms.filling import Draft
from storage.tables import form_drafts


def test_housekeeping_deletes_expired_drafts_and_files_and_keeps_the_rest(gateway_client, tmp_path):
    with gateway_client(form_retention_hours=24, data_dir=tmp_path) as client:
        gateway = client.gateway
        day_ago = time.time() - 25 * 3600
        Drafts(gateway.engine, 24, clock=lambda: day_ago).save("web:old", Draft(form_id="ct01", answers={"ho_ten": "Lê Văn Cường"}))
        Drafts(gateway.engine, 24).save("web:new", Draft(form_id="ct01"))
        token, _ = gateway.files.share(b"%PDF-1.4", "cu.pdf", "application/pdf", hours=-1)
        gateway.forget_expired()
        with gateway.engine.connect() as db:
            assert db.execute(select(form_drafts.c.conversation)).scalars().all() == ["web:new"]
        assert gateway.files.find(token) is None and not list((tmp_path / "files").glob(f"{token}*"))
