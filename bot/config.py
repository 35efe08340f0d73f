"""Settings: environment > top-level TOML key > default; case and source declarations.

The TOML file is `CASEWATCH_CONFIG`, else `./casewatch.toml` when present. Relative paths inside it
(`cases_file`, sqlite database paths, local source paths) resolve against the file's folder.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from bot import __version__
from bot.letters.config import LettersDecl, birthday_field
from storage.crypto import IdsLike, ids_from, key_text_from

PROJECT_URL = "https://github.com/casewatch/casewatch"
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
SOURCE_ID_RE = re.compile(r"^[a-z0-9_-]{1,48}$")
STATUSES = (
    "detained", "house_arrest", "trial", "appeal", "sentenced", "extradition", "released", "acquitted", "closed",
)
# After these no hearing can take place: the upcoming ones are cancelled with their reminders.
FINAL_STATUSES = ("released", "acquitted", "closed")
LANGUAGES = ("ru", "en", "kk")
ALLOWED_REMINDERS = (10080, 4320, 1440, 720, 120, 60)
WEBHOOK_PATH_RE = re.compile(r"^/[A-Za-z0-9._~/-]{1,200}$")
WEBHOOK_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_DURATION_RE = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class ConfigError(Exception):
    """A missing or invalid setting: printed as one line `config error: KEY: why`."""

    def __init__(self, key: str, why: str) -> None:
        super().__init__(f"{key}: {why}")
        self.key = key
        self.why = why


def parse_duration(value: str | int | float) -> int:
    """`"15m"` → 900 seconds; a bare number is seconds."""
    if isinstance(value, int | float):
        return int(value)
    m = _DURATION_RE.match(value)
    if not m:
        raise ValueError(f"expected a duration like 30s, 10m, 6h or 1d, got {value!r}")
    return int(m.group(1)) * _UNITS[m.group(2)]


Duration = Annotated[int, NoDecode]


class CaseDecl(BaseModel):
    """One `[[cases]]` entry."""

    model_config = ConfigDict(extra="forbid")

    slug: str
    name: str
    name_en: str | None = None
    name_kk: str | None = None
    aliases: list[str] = Field(default_factory=list)
    gender: Literal["m", "f"] | None = None
    timezone: str = "Asia/Almaty"
    status: str = "detained"
    court: str | None = None
    court_en: str | None = None
    court_kk: str | None = None
    address: str | None = None  # the court's address
    address_en: str | None = None
    address_kk: str | None = None
    name_gen: str | None = None  # Russian genitive, where the automatic one is wrong
    name_ins: str | None = None  # Russian instrumental, likewise
    description: str | None = None
    description_en: str | None = None
    description_kk: str | None = None
    links: list[str] = Field(default_factory=list)
    public: bool = True
    mirror_chat: str | int | None = None
    letters: LettersDecl | None = None  # how to write to the detainee
    birthday: str | None = None  # the detainee's: "03-14" or "1985-03-14"

    @field_validator("birthday")
    @classmethod
    def _birthday(cls, v: str | None) -> str | None:
        return birthday_field(v)

    @field_validator("slug")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not SLUG_RE.match(v):
            raise ValueError("must match ^[a-z0-9][a-z0-9_-]{0,31}$")
        return v

    @field_validator("status")
    @classmethod
    def _status(cls, v: str) -> str:
        if v not in STATUSES:
            raise ValueError(f"must be one of {', '.join(STATUSES)}")
        return v

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        from bot.clock import zone

        try:
            zone(v)
        except Exception as exc:  # ZoneInfoNotFoundError, ValueError on odd names
            raise ValueError(f"unknown time zone {v!r}") from exc
        return v

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("must not be empty")
        return v.strip()


class SelectorsDecl(BaseModel):
    model_config = ConfigDict(extra="forbid")

    item: str
    link: str | None = None
    title: str | None = None
    date: str | None = None
    body: str | None = None


class SourceDecl(BaseModel):
    """One `[[sources]]` entry."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: str
    kind: Literal["rss", "html", "telegram", "markdown"]
    url: str
    case: str | None = None
    interval: int | None = None
    backfill: int | None = None
    enabled: bool = True
    follow_links: bool = False
    date_format: str | None = None
    selectors: SelectorsDecl | None = None

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not SOURCE_ID_RE.match(v):
            raise ValueError("must match [a-z0-9_-]{1,48}")
        return v

    @field_validator("interval", mode="before")
    @classmethod
    def _interval(cls, v: Any) -> Any:
        return None if v is None else parse_duration(v)

    @model_validator(mode="after")
    def _html_needs_selectors(self) -> SourceDecl:
        if self.kind == "html" and self.selectors is None:
            raise ValueError("an html source needs [sources.selectors] with at least `item`")
        return self


class _TomlSource(PydanticBaseSettingsSource):
    """Top-level TOML keys, lower case, as settings; `[[cases]]`/`[[sources]]` pass through."""

    def __init__(self, settings_cls: type[BaseSettings], data: dict[str, Any]) -> None:
        super().__init__(settings_cls)
        self._data = {k.lower(): v for k, v in data.items()}

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return self._data.get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        return {k: v for k, v in self._data.items() if k in self.settings_cls.model_fields}


class Settings(BaseSettings):
    """Every setting of the app. Build with `load_settings()`, not directly."""

    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    bot_token: str | None = None
    database_url: str = "sqlite:///data/casewatch.db"
    telegram_api_url: str = "https://api.telegram.org"
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    default_language: str = "ru"
    default_timezone: str = "Asia/Almaty"
    allow_private_urls: bool = False
    fetch_timeout: float = 20.0
    fetch_connect_timeout: float = 5.0
    fetch_max_bytes: int = 5_000_000
    fetch_max_redirects: int = 5
    fetch_concurrency: int = 20
    fetch_per_host: int = 2
    user_agent: str = f"CaseWatch/{__version__} (+{PROJECT_URL})"
    poll_interval: Duration = 600
    poll_jitter: float = 0.1
    backoff_max: Duration = 6 * 3600
    source_alert_after: int = 5
    source_backfill: int = 0
    review_threshold: float = 0.94  # bench/extraction.py: lowest with no wrong date on the held-out own test split
    reminders: Annotated[list[int], NoDecode] = Field(default_factory=lambda: [1440, 120])
    send_rate: float = 30.0
    send_rate_private: float = 1.0
    send_burst_private: int = 3
    send_per_min_group: int = 20
    senders: int = 16
    paid_broadcast: bool = False
    paid_broadcast_rate: float = 100.0
    quiet_hours: str = "22:00-08:00"
    retention_days: int = 30           # sent, failed and cancelled delivery rows
    item_retention_days: int = 180     # item texts (the rows stay, emptied, for deduplication)
    closed_case_days: int = 90         # a case closed this long: followers told once, then dropped
    inactive_chat_days: int = 30       # a chat that blocked the bot or left is deleted after this
    data_key: str | None = None        # 32 random bytes, urlsafe base64: seals the Telegram ids in the database
    data_key_file: str | None = None   # a file holding it (read when DATA_KEY is not set)
    redis_url: str | None = None
    # The HTTP listener: health, calendar feeds, and the webhook in webhook mode (bot/web/).
    webhook_url: str | None = None     # what Telegram calls; default PUBLIC_URL + WEBHOOK_PATH
    webhook_path: str = "/telegram"    # where the listener takes it
    webhook_secret: str | None = None  # required in webhook mode: Telegram sends it with every update
    listen_host: str = "0.0.0.0"
    listen_port: int | None = None     # unset: no listener in polling mode; webhook mode then takes 8080
    public_url: str | None = None      # the listener as the world reaches it: calendar links in the case card
    instance_id: str = Field(default_factory=lambda: f"{os.uname().nodename}-{os.getpid()}")
    # The scheduler lease: its holder renews it every SCHEDULER_RENEW seconds; when the holder dies another
    # instance takes it once SCHEDULER_LEASE_TTL has run out, so within TTL + RENEW (8 s by default).
    scheduler_lease_ttl: Duration = 6
    scheduler_renew: float = 2.0
    cases_file: str | None = None

    # Not settings proper: declarations read from the same file.
    cases: list[CaseDecl] = Field(default_factory=list)
    sources: list[SourceDecl] = Field(default_factory=list)
    config_path: str | None = None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = _TomlSource(settings_cls, _TOML_DATA.get(settings_cls, {}))
        return (init_settings, env_settings, toml)

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _ids(cls, v: Any) -> Any:
        if isinstance(v, str):
            parts = [p.strip() for p in v.split(",") if p.strip()]
            try:
                return [int(p) for p in parts]
            except ValueError as exc:
                raise ValueError("expected comma-separated Telegram user ids, e.g. 123,456") from exc
        if isinstance(v, int):
            return [v]
        return v

    @field_validator("reminders", mode="before")
    @classmethod
    def _reminders(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = [p.strip() for p in v.split(",") if p.strip()]
        out = []
        for p in v or []:
            n = int(p)
            if n not in ALLOWED_REMINDERS:
                raise ValueError(f"{n} is not one of {', '.join(map(str, ALLOWED_REMINDERS))}")
            out.append(n)
        return sorted(set(out), reverse=True)

    @field_validator("poll_interval", "backoff_max", "scheduler_lease_ttl", mode="before")
    @classmethod
    def _durations(cls, v: Any) -> Any:
        return parse_duration(v)

    @field_validator("default_language")
    @classmethod
    def _lang(cls, v: str) -> str:
        if v not in LANGUAGES:
            raise ValueError(f"must be one of {', '.join(LANGUAGES)}")
        return v

    @field_validator("default_timezone")
    @classmethod
    def _deftz(cls, v: str) -> str:
        return CaseDecl._tz(v)

    @field_validator("database_url")
    @classmethod
    def _db(cls, v: str) -> str:
        if not (v.startswith("sqlite:///") or v.startswith(("postgresql://", "postgres://"))):
            raise ValueError("expected sqlite:///path or postgresql://…")
        return v

    @field_validator("redis_url")
    @classmethod
    def _redis(cls, v: str | None) -> str | None:
        # The value may hold a password: the message never repeats it.
        if v is None or not v.strip():
            return None
        if not v.strip().startswith(("redis://", "rediss://")):
            raise ValueError("expected redis://host:port/db, or rediss://… for TLS")
        return v.strip()

    @field_validator("paid_broadcast_rate")
    @classmethod
    def _paid(cls, v: float) -> float:
        if not 0 < v <= 1000:
            raise ValueError("must be between 1 and 1000 messages a second")
        return v

    @field_validator("public_url", "webhook_url")
    @classmethod
    def _web_url(cls, v: str | None) -> str | None:
        if v is None or not v.strip():
            return None
        v = v.strip()
        parts = urlsplit(v)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
            raise ValueError("expected an http(s) address without a query, e.g. https://casewatch.example.org")
        return v.rstrip("/")

    @field_validator("webhook_path")
    @classmethod
    def _webhook_path(cls, v: str) -> str:
        if not WEBHOOK_PATH_RE.match(v) or v.rstrip("/") in ("/healthz", "/readyz", "/cal"):
            raise ValueError("expected a path of its own such as /telegram (not /healthz, /readyz or /cal/…)")
        return v

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret(cls, v: str | None) -> str | None:
        if v is not None and not WEBHOOK_SECRET_RE.match(v):
            raise ValueError("Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and -")
        return v

    @field_validator("listen_port")
    @classmethod
    def _port(cls, v: int | None) -> int | None:
        if v is not None and not 0 <= v <= 65535:
            raise ValueError("expected a TCP port, 1-65535")
        return v

    @model_validator(mode="after")
    def _lease_renewed_in_time(self) -> Settings:
        # Renewed at most half way through its life: one slow renewal does not hand the lease over.
        if not 0 < self.scheduler_renew * 2 <= self.scheduler_lease_ttl:
            raise ValueError("SCHEDULER_RENEW must be positive and at most half of SCHEDULER_LEASE_TTL")
        return self

    @model_validator(mode="after")
    def _cases_unique(self) -> Settings:
        slugs = [c.slug for c in self.cases]
        dup = {s for s in slugs if slugs.count(s) > 1}
        if dup:
            raise ValueError(f"cases: duplicate slug {sorted(dup)[0]!r}")
        ids = [s.id for s in self.sources]
        dup = {s for s in ids if ids.count(s) > 1}
        if dup:
            raise ValueError(f"sources: duplicate id {sorted(dup)[0]!r}")
        known = set(slugs)
        for s in self.sources:
            if s.case and s.case not in known:
                raise ValueError(f"sources: {s.id}: unknown case {s.case!r}")
        return self

    def data_key_text(self) -> str | None:
        """DATA_KEY, else the content of DATA_KEY_FILE, else None (raises DataKeyError if the file is unreadable)."""
        return key_text_from({}, key=self.data_key, key_file=self.data_key_file)

    def data_ids(self) -> IdsLike:
        """What seals and hashes Telegram ids under this key (a stand-in that refuses, without one)."""
        return ids_from(self.data_key_text())

    @property
    def sqlite_path(self) -> Path | None:
        if self.database_url.startswith("sqlite:///"):
            return Path(self.database_url[len("sqlite:///") :])
        return None


# pydantic-settings builds sources per class; the TOML data for one load is parked here.
_TOML_DATA: dict[type[BaseSettings], dict[str, Any]] = {}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError as exc:
        raise ConfigError("CASEWATCH_CONFIG", f"file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("CASEWATCH_CONFIG", f"{path}: invalid TOML: {exc}") from exc


def _resolve_relative(data: dict[str, Any], base: Path) -> None:
    """Make paths in the file relative to the file's folder."""
    db = data.get("database_url")
    if isinstance(db, str) and db.startswith("sqlite:///") and not db.startswith("sqlite:////"):
        data["database_url"] = "sqlite:///" + str((base / db[len("sqlite:///") :]).resolve())
    key_file = data.get("data_key_file")
    if isinstance(key_file, str) and key_file and not Path(key_file).is_absolute():
        data["data_key_file"] = str((base / key_file).resolve())
    for src in data.get("sources", []) or []:
        url = src.get("url") if isinstance(src, dict) else None
        if not isinstance(url, str) or re.match(r"^[a-z][a-z0-9+.-]*://", url):
            continue
        if src.get("kind") == "telegram" and re.match(r"^(@|t\.me/|telegram\.me/)|^[A-Za-z0-9_]{3,}$", url):
            continue  # a channel name, normalised by the telegram source
        src["url"] = (base / url).resolve().as_uri()


def load_cases_file(path: str | Path) -> list[CaseDecl]:
    """Read `[[cases]]` from a TOML file (for `cases import` and `extract --cases`)."""
    data = _read_toml(Path(path))
    try:
        return [CaseDecl.model_validate(c) for c in data.get("cases", [])]
    except ValidationError as exc:
        raise _config_error(exc, prefix="cases") from exc


def _config_error(exc: ValidationError, prefix: str = "") -> ConfigError:
    err = exc.errors()[0]
    loc = [str(p) for p in err.get("loc", ())]
    if prefix and (not loc or loc[0] != prefix):
        loc.insert(0, prefix)
    key = loc[0].upper() if loc and loc[0] not in ("cases", "sources") else ".".join(loc)
    if loc and loc[0] not in ("cases", "sources") and len(loc) > 1:
        key = loc[0].upper()
    msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    if not loc:
        key = "CONFIG"
    return ConfigError(key or "CONFIG", msg)


def find_config_path() -> Path | None:
    env = os.environ.get("CASEWATCH_CONFIG")
    if env:
        return Path(env)
    local = Path("casewatch.toml")
    return local if local.exists() else None


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Load settings from env, the TOML file and defaults; raise ConfigError on a bad one."""
    cfg = Path(path) if path else find_config_path()
    data: dict[str, Any] = {}
    if cfg is not None:
        data = _read_toml(cfg)
        base = cfg.resolve().parent
        _resolve_relative(data, base)
        cases_file = data.get("cases_file")
        if isinstance(cases_file, str):
            extra = _read_toml(base / cases_file)
            _resolve_relative(extra, (base / cases_file).resolve().parent)
            data.setdefault("cases", []).extend(extra.get("cases", []))
            data.setdefault("sources", []).extend(extra.get("sources", []))
        data["config_path"] = str(cfg.resolve())
    _TOML_DATA[Settings] = data
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise _config_error(exc) from exc
    finally:
        _TOML_DATA.pop(Settings, None)
