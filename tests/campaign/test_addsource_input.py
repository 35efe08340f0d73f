"""What /addsource makes of what an admin types, and how a failed check is explained."""

from __future__ import annotations

import pytest

from bot.sources.check import refusal_reason
from handlers.admin.sources import split_links


def test_links_split_on_commas_spaces_and_new_lines_and_the_rest_names_the_case() -> None:
    links, case = split_links("https://a.org/x, https://b.org/y,\nhttps://c.org/z;  Виктор Балашов")
    assert links == ["https://a.org/x", "https://b.org/y", "https://c.org/z"]
    assert case == "Виктор Балашов"


def test_a_comma_inside_an_address_stays_and_a_link_typed_twice_counts_once() -> None:
    links, case = split_links("https://a.org/a,b https://a.org/a,b,https://d.org/feed balashov")
    assert links == ["https://a.org/a,b", "https://d.org/feed"]
    assert case == "balashov"


def test_a_bare_domain_is_a_link_and_an_initial_is_not() -> None:
    assert split_links("example.org В.Балашов") == (["example.org"], "В.Балашов")


@pytest.mark.parametrize(("error", "reason"), [
    ("HTTP 404 Not Found", ("not-found", 404)),
    ("HTTP 403 Forbidden", ("forbidden", 403)),
    ("HTTP 503 Service Unavailable", ("server", 503)),
    ("HTTP 418 I'm a teapot", ("http", 418)),
    ("refused: only http and https URLs can be added", ("not-http", None)),
    ("refused: 10.0.0.1 is a private address (set ALLOW_PRIVATE_URLS to allow)", ("blocked", None)),
    ("timeout after 20 s", ("timeout", None)),
    ("connect timeout after 5 s", ("timeout", None)),
    ("cannot connect to example.org: Connection refused", ("unreachable", None)),
    ("too many redirects (5)", ("redirects", None)),
    ("body over 5000000 bytes, cut off", ("too-big", None)),
    ("this is an HTML page without a feed: an html source needs [sources.selectors] in the config", ("needs-selectors", None)),
    ("cannot tell what kind of source this is (not a feed, channel, page or markdown)", ("not-a-source", None)),
    ("something nobody expected", ("other", None)),
])
def test_each_check_error_has_a_reason_people_can_read(error: str, reason: tuple[str, int | None]) -> None:
    assert refusal_reason(error) == reason
