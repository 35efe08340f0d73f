"""The delivery texts: every key in ru, en and kk, each formatting with the arguments render passes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.i18n import LANGUAGES, t

LOCALES = Path(__file__).resolve().parents[2] / "bot" / "locales"
_KEY = re.compile(r"^([a-z][a-z0-9-]*)\s*=", re.M)
_VAR = re.compile(r"\{\s*\$([a-z_]+)\s*\}")


def _messages(lang: str) -> dict[str, str]:
    text = (LOCALES / lang / "delivery.ftl").read_text(encoding="utf-8")
    parts = _KEY.split(text)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def test_every_delivery_key_exists_in_all_three_languages() -> None:
    keys = {lang: set(_messages(lang)) for lang in LANGUAGES}
    assert keys["ru"] == keys["en"] == keys["kk"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_delivery_text_formats_with_its_own_arguments(lang: str) -> None:
    for key, body in _messages(lang).items():
        args = {name: "X" for name in _VAR.findall(body)}
        assert t(lang, key, **args), key


def test_kazakh_uses_kazakh_letters() -> None:
    kk = "".join(_messages("kk").values())
    assert set("әғқңөұүһі") & set(kk), "Kazakh texts should be written in Kazakh"
