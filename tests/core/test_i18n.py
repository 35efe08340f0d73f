"""Texts: every key in all three languages, escaping of arguments, language choice."""

from __future__ import annotations

import pytest

from bot.i18n import LANGUAGES, keys, pick_language, t


def test_every_key_exists_in_every_language() -> None:
    union = set().union(*(keys(lang) for lang in LANGUAGES))
    for lang in LANGUAGES:
        assert union - keys(lang) == set(), f"missing in {lang}"


def _variables(lang: str) -> dict[str, set[str]]:
    """Each message's variables, read from the .ftl sources."""
    from importlib import resources

    from fluent.syntax import FluentParser, ast, visitor

    class Collect(visitor.Visitor):
        def __init__(self) -> None:
            super().__init__()
            self.names: set[str] = set()

        def visit_VariableReference(self, node: ast.VariableReference) -> None:
            self.names.add(node.id.name)

    out: dict[str, set[str]] = {}
    for entry in (resources.files("bot") / "locales" / lang).iterdir():
        if entry.name.endswith(".ftl"):
            for message in FluentParser().parse(entry.read_text(encoding="utf-8")).body:
                if isinstance(message, ast.Message):
                    collect = Collect()
                    collect.visit(message)
                    out[message.id.name] = collect.names
    return out


def test_every_text_formats_without_errors_in_every_language() -> None:
    for lang in LANGUAGES:
        for key, names in _variables(lang).items():
            # Numbers where plurals select on them; a word everywhere else.
            args = {n: 2 if n in ("count", "page", "pages", "left", "limit", "failures", "n", "days", "hours",
                                  "minutes") else "x" for n in names}
            try:
                assert t(lang, key, **args), key
            except KeyError:
                args = {n: 2 for n in names}
                assert t(lang, key, **args), key


def test_the_same_key_takes_the_same_variables_in_every_language() -> None:
    ru, en, kk = (_variables(lang) for lang in LANGUAGES)
    for key in ru:
        assert ru[key] == en.get(key) == kk.get(key), key


def test_arguments_are_escaped_for_html() -> None:
    out = t("en", "follow-none", query="<script>&")
    assert "&lt;script&gt;&amp;" in out and "<script>" not in out


@pytest.mark.parametrize(("code", "lang"), [("ru", "ru"), ("en-US", "en"), ("kk", "kk"), ("de", "en"), (None, "ru"), ("uk", "en"), ("uz", "ru"), ("ky-KG", "ru"), ("tg", "ru"), ("tk", "ru")])
def test_language_from_telegram_code(code: str | None, lang: str) -> None:
    assert pick_language(code) == lang


def test_unknown_key_raises_instead_of_showing_the_key() -> None:
    with pytest.raises(KeyError):
        t("ru", "no-such-text")


def test_a_long_argument_never_makes_a_text_fail() -> None:
    from bot.i18n import ARG_MAX_CHARS, Raw

    href = "https://example.org/?" + "a=1&amp;" * 400  # 3,000+ characters of our own HTML: kept whole
    assert f'<a href="{href}">' in t("en", "ann-source", url=Raw(href))
    quoted = t("ru", "notice-source-failing", source="s", failures=3, error="<" * 10_000)
    assert quoted.count("&lt;") == ARG_MAX_CHARS - 1 and quoted.endswith("…")
