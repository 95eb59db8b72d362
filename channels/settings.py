"""Gateway settings from the environment (one pydantic-settings class for this process).

A channel whose settings are absent is off. Secrets are read from the environment or an untracked
``.env`` only; they are never logged (see ``privacy.masking``).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class GatewaySettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    rasa_url: str = "http://127.0.0.1:5005"  # RASA_URL
    action_server_url: str = "http://127.0.0.1:5055"  # ACTION_SERVER_URL
    rasa_timeout_seconds: float = 30.0
    # Requests larger than this are refused before they are read (bytes); an officer's attachment may
    # be up to max_upload_bytes.
    max_request_bytes: int = 64_000
    max_upload_bytes: int = 10_000_000
    # Local data (files shared by a link that expires live in <DATA_DIR>/files).
    data_dir: Path = Path(__file__).resolve().parents[1] / "var"  # DATA_DIR
    # The address citizens reach the gateway at, for links in messages (the request's own when unset).
    public_base_url: str = ""  # PUBLIC_BASE_URL, e.g. https://tro-ly.example.gov.vn
    shared_file_hours: float = 72.0  # how long such a link works
    # Half-filled declarations (personal data) are deleted this many hours after their last answer
    # (the action server keeps them for the same time).
    form_retention_hours: float = 24.0  # FORM_RETENTION_HOURS

    # The app's database (the durable inbox lives there); SQLite under var/ when empty.
    database_url: str = ""  # DATABASE_URL
    # How long start-up waits for the database before starting without it (it keeps trying).
    database_wait_seconds: float = 15.0
    # Redis for the inbox instead of the database table, when set.
    gateway_redis_url: str = ""  # GATEWAY_REDIS_URL
    # Conversations answered at once. Rasa answers one message at a time, so more only slows webhooks
    # down (measured with scripts/bench_gateway.py: 8 keeps the same throughput as 16).
    worker_concurrency: int = 8
    worker_lease_seconds: float = 90.0  # a claimed message not finished by then is taken again
    worker_max_attempts: int = 6
    worker_backoff_seconds: tuple[float, ...] = (1, 2, 5, 15, 30, 60)  # delay before attempt 2, 3, …
    # Messages per sender and minute before the gateway asks them to slow down.
    sender_messages_per_minute: int = 20

    telegram_bot_token: SecretStr | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org"

    zalo_app_id: str | None = None
    zalo_oa_secret_key: SecretStr | None = None
    zalo_oa_access_token: SecretStr | None = None
    zalo_oa_refresh_token: SecretStr | None = None
    zalo_oa_api_base_url: str = "https://openapi.zalo.me"
    zalo_oa_oauth_base_url: str = "https://oauth.zaloapp.com"
    # Signed events older than this are refused as replays (seconds).
    zalo_oa_max_event_age_seconds: float = 600.0

    # Dossier status changes: the token a one-stop system sends to POST /api/dossiers/events (off when
    # unset); or, for systems that cannot call out, polling their API every DOSSIER_POLL_SECONDS.
    dossier_ingest_token: SecretStr | None = None
    dossier_api_url: str = ""  # DOSSIER_API_URL (docs/dossier-http-contract.md)
    dossier_api_token: SecretStr | None = None
    dossier_poll_seconds: float = 0.0

    # Handoff to officers: the offices (a YAML file; one "Bộ phận một cửa" on Monday–Friday 7:30–11:30 and
    # 13:30–17:00 when unset), the minutes one conversation takes an officer (for the rough wait told to
    # citizens), and the minutes of office time after which a conversation nobody claimed is told so.
    handoff_offices_file: Path | None = None  # HANDOFF_OFFICES_FILE
    # The catalog the console searches (the same settings as the action server's).
    knowledge_catalog: Path | None = None  # KNOWLEDGE_CATALOG; the starter catalog when unset
    knowledge_overlay: bool = True
    handoff_minutes_per_conversation: float = 5.0
    handoff_unclaimed_minutes: float = 15.0
    # How often the gateway looks for unclaimed conversations and deletes expired personal data (seconds).
    housekeeping_seconds: float = 30.0

    zalo_bot_token: SecretStr | None = None
    zalo_bot_secret_token: SecretStr | None = None
    zalo_bot_api_base_url: str = "https://bot-api.zaloplatforms.com"

    @property
    def telegram_on(self) -> bool:
        return bool(self.telegram_bot_token and self.telegram_bot_token.get_secret_value())

    @property
    def zalo_oa_on(self) -> bool:
        return bool(self.zalo_app_id and self.zalo_oa_secret_key and self.zalo_oa_access_token)

    @property
    def zalo_bot_on(self) -> bool:
        return bool(self.zalo_bot_token and self.zalo_bot_token.get_secret_value())
