"""Applying a status update from a one-stop system: store it, and say who must be told."""

from __future__ import annotations

from dataclasses import dataclass

from dossiers.following import Followers, change_notice
from dossiers.model import Dossier
from dossiers.sources import LocalDossierSource


@dataclass(frozen=True)
class Notice:
    conversation: str  # "channel:sender"
    text: str
    key: str  # one per status change and follower, so each follower is told once


def apply_update(store: LocalDossierSource, followers: Followers, new: Dossier) -> list[Notice]:
    """Stores ``new``; when its status differs from the stored one, a notice for every follower."""
    old = store.get(new.code)
    store.save(new)
    if old is not None and old.status == new.status:
        return []
    changed_at = new.history[-1].changed_at.isoformat() if new.history else new.received_on.isoformat()
    text = change_notice(new)
    return [Notice(conversation, text, f"dossier:{new.code}:{new.status.value}:{changed_at}:{conversation}")
            for conversation in followers.of(new.code)]
