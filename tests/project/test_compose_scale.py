"""docker-compose.scale.yml parses, and agrees with the Dockerfile, the settings and the Caddyfile.

Docker cannot run here; this is what can be checked without it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.config import Settings

REPO = Path(__file__).resolve().parents[2]
INSTANCES = ("casewatch-1", "casewatch-2", "casewatch-3")
# Read by the entrypoint or the image, not settings of their own.
NOT_SETTINGS = {"CASEWATCH_CONFIG"}


def _compose() -> dict[str, Any]:
    data = yaml.safe_load((REPO / "docker-compose.scale.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_three_instances_in_webhook_mode_on_postgres_and_redis() -> None:
    services = _compose()["services"]
    assert set(services) == {"postgres", "redis", "caddy", *INSTANCES}
    ids = set()
    for name in INSTANCES:
        s = services[name]
        assert s["build"] == "."
        assert s["command"] == ["casewatch", "run", "--webhook"]
        env = s["environment"]
        assert env["DATABASE_URL"].startswith("postgresql://") and "@postgres:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        assert env["DATA_KEY_FILE"] == "/run/secrets/data_key" and s["secrets"] == ["data_key"]
        assert env["WEBHOOK_URL"].endswith("/telegram") and env["WEBHOOK_SECRET"]
        ids.add(env["INSTANCE_ID"])
        assert s["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert s["depends_on"]["redis"]["condition"] == "service_healthy"
        probe = " ".join(s["healthcheck"]["test"])
        assert f"127.0.0.1:{env['LISTEN_PORT']}/readyz" in probe
        # Every key the instances are given is a setting the bot reads.
        fields = {f.upper() for f in Settings.model_fields}
        assert set(env) - NOT_SETTINGS <= fields, set(env) - NOT_SETTINGS - fields
    assert ids == set(INSTANCES)  # one INSTANCE_ID each: the outbox rows an instance claims carry it
    assert services["postgres"]["healthcheck"] and services["redis"]["healthcheck"]
    assert "postgres-data" in _compose()["volumes"]


def test_image_and_proxy_agree_with_the_compose_file() -> None:
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert "CASEWATCH_CONFIG=/config/casewatch.toml" in dockerfile  # where the compose file mounts the config
    assert "python:3.11" in dockerfile  # the healthcheck runs python, the image has no curl
    compose = _compose()
    caddy = compose["services"]["caddy"]
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in caddy["volumes"]
    caddyfile = (REPO / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    for name in INSTANCES:
        port = compose["services"][name]["environment"]["LISTEN_PORT"]
        assert f"{name}:{port}" in caddyfile
    assert "health_uri /readyz" in caddyfile
    path = compose["services"][INSTANCES[0]]["environment"]["WEBHOOK_URL"].split("}", 1)[1]
    assert path in caddyfile  # the webhook's path reaches the instances
