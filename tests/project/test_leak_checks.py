"""The leak check used by the privacy tests finds an id that stands alone, not digits inside a hash."""

from __future__ import annotations

from tests.leaks import names_id


def test_an_id_in_a_log_line_or_a_key_is_found() -> None:
    assert names_id("sent to chat=4343 ok", 4343)
    assert names_id("fsm:4343:lock", 4343)
    assert names_id("4343", 4343)


def test_digits_inside_a_hash_a_port_or_a_longer_id_are_not_an_id() -> None:
    assert not names_id("d:a19a8e6834568a5cb743018ee72475:0:1".replace("a5c", "a4343c"), 4343)
    assert not names_id("listening on 127.0.0.1:43431", 4343)
    assert not names_id("took 0.4343 s", 4343)
    assert not names_id("chat 143430", 4343)
