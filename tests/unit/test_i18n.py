"""Texts: every key in all three languages, escaping of arguments, language choice."""

from __future__ import annotations

import pytest

from bot.i18n import LANGUAGES, keys, pick_language, t


def test_every_key_exists_in_every_language() -> None:
    union = set().union(*(keys(lang) for lang in LANGUAGES))
    for lang in LANGUAGES:
        assert union - keys(lang) == set(), f"missing in {lang}"


def test_every_text_formats_without_errors_in_every_language() -> None:
    args = {"name": "X", "level": "Y", "query": "Q", "page": 1, "pages": 2, "status": "S", "court": "C"}
    for lang in LANGUAGES:
        for key in keys(lang):
            assert t(lang, key, **args)


def test_arguments_are_escaped_for_html() -> None:
    out = t("en", "follow-none", query="<script>&")
    assert "&lt;script&gt;&amp;" in out and "<script>" not in out


@pytest.mark.parametrize(("code", "lang"), [("ru", "ru"), ("en-US", "en"), ("kk", "kk"), ("de", "ru"), (None, "ru"), ("uk", "ru")])
def test_language_from_telegram_code(code: str | None, lang: str) -> None:
    assert pick_language(code) == lang


def test_unknown_key_raises_instead_of_showing_the_key() -> None:
    with pytest.raises(KeyError):
        t("ru", "no-such-text")
