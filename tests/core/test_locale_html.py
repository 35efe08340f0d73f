"""Every text in every language is valid Telegram HTML once its arguments are filled in.

The bot sends with parse_mode=HTML: a stray `<url>` in a usage text makes Telegram refuse the whole
message, so the user sees nothing at all.
"""

from __future__ import annotations

from importlib import resources

import pytest
from fluent.syntax import FluentParser, ast, visitor

from bot.i18n import LANGUAGES, t
from bot.standin.tghtml import EntityParseError, parse_html

NUMBERS = {"count", "page", "pages", "left", "limit", "failures", "n", "days", "hours", "minutes", "all",
           "hearings", "sent", "failed", "pending", "failing", "sources", "review"}
# Arguments that could themselves break HTML if a text forgot to escape them.
SAMPLE = "<b>Tom & \"Jerry\"</b>"
# Link targets are quoted by the caller (bot.delivery.render._href); a plain address stands in for them.
URL = "https://example.org/a?b=1&c=2"


class _Variables(visitor.Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)


def _messages(lang: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for entry in (resources.files("bot") / "locales" / lang).iterdir():
        if entry.name.endswith(".ftl"):
            for message in FluentParser().parse(entry.read_text(encoding="utf-8")).body:
                if isinstance(message, ast.Message) and message.value is not None:
                    found = _Variables()
                    found.visit(message)
                    out[message.id.name] = found.names
    return out


def _render(lang: str, key: str, names: set[str]) -> list[str]:
    """The text with numbers (0, 1, 2, 5: every plural form) and with hostile strings."""
    texts = []
    for number in (0, 1, 2, 5):
        args: dict[str, object] = {n: number if n in NUMBERS else URL if n == "url" else SAMPLE for n in names}
        try:
            texts.append(t(lang, key, **args))
        except KeyError:  # a variable used as a number elsewhere: try it as one
            texts.append(t(lang, key, **{n: number for n in names}))
    return texts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_is_valid_telegram_html_in_every_language(lang: str) -> None:
    messages = _messages(lang)
    assert len(messages) > 100
    bad: list[str] = []
    for key, names in sorted(messages.items()):
        for text in _render(lang, key, names):
            try:
                parse_html(text)
            except EntityParseError as exc:
                bad.append(f"{lang}:{key}: {exc}")
                break
    assert not bad, "\n".join(bad)
