"""The attendance kit in each language, the 🙋 button's states, "how it went", and what admins may type."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.campaign.attendance import parse_minutes, parse_public
from bot.delivery.kit import Attend, arrive_by
from bot.delivery.render import compose
from bot.errors import UserError
from bot.events.kinds import HowItWent, decode
from bot.standin.tghtml import parse_html
from storage.models import Case, CaseKit, HearingKit
from tests.events.world import World


def _payload(**kw: object) -> dict[str, object]:
    p: dict[str, object] = {"hearing": 5, "revision": 1, "date": "2026-03-17", "time": "10:00", "tz": "Asia/Almaty",
                            "court": None, "status": "scheduled", "change": "new"}
    p.update(kw)
    return p


def _case(world: World) -> Case:
    return replace(world.case(), address="ул. Абая, 1", address_en="1 Abai St", address_kk="Абай к-сі, 1")


FULL = Attend(
    case_kit=CaseKit(case_id=1, arrive_minutes=30, bring="Без плакатов.", bring_en="No placards.",
                     bring_kk="Плакатсыз."),
    hearing_kit=HearingKit(hearing_id=5, courtroom="305", open_to_public=True),
    going=False,
)


@pytest.mark.parametrize(("lang", "lines"), [
    ("ru", ["📍 ул. Абая, 1", "🚪 Зал: 305", "👥 Заседание открытое: прийти может любой",
            "🪪 Возьмите удостоверение личности. Без плакатов.", "⏱ Приходите к 09:30 — за 30 минут до начала"]),
    ("en", ["📍 1 Abai St", "🚪 Courtroom: 305", "👥 Open to the public: anyone may come",
            "🪪 Bring an ID. No placards.", "⏱ Be there by 09:30, 30 minutes before the start"]),
    ("kk", ["📍 Абай к-сі, 1", "🚪 Зал: 305", "👥 Отырыс ашық: кез келген адам келе алады",
            "🪪 Жеке куәлігіңізді ала жүріңіз. Плакатсыз.", "⏱ Келу уақыты: 09:30 (басталуынан 30 минут бұрын)"]),
])
def test_the_kit_in_each_language(world: World, lang: str, lines: list[str]) -> None:
    out = compose("hearing_new", _payload(), _case(world), lang, FULL)
    text = parse_html(out.text).text
    for line in lines:
        assert line in text, (line, text)
    assert "🧭" not in text  # the plan prompt is the reminder's
    reminder = parse_html(compose("reminder", _payload(offset="1440"), _case(world), lang, FULL).text).text
    assert "🧭" in reminder and "09:30" in reminder.split("🧭")[1]


def test_unknown_values_are_left_out(world: World) -> None:
    bare = Attend(case_kit=CaseKit(case_id=1), hearing_kit=HearingKit(hearing_id=5), going=None)
    text = parse_html(compose("reminder", _payload(time=None, offset="eve"), world.case(), "ru", bare).text).text
    assert "🪪 Возьмите удостоверение личности" in text  # the default line
    assert "Зал" not in text and "👥" not in text and "🔒" not in text and "⏱" not in text
    assert "🧭 Составьте план: когда вы выйдете и как доберётесь до суда?" in text
    closed = replace(bare, hearing_kit=HearingKit(hearing_id=5, open_to_public=False))
    assert "🔒 Заседание закрытое" in compose("hearing_new", _payload(), world.case(), "ru", closed).text
    # Minutes known, time not: how early, not by when.
    early = replace(bare, case_kit=CaseKit(case_id=1, arrive_minutes=45))
    assert "⏱ Приходите за 45 минут до начала" in compose("hearing_new", _payload(time=None), world.case(), "ru",
                                                         early).text


def _labels(out: object) -> list[str]:
    markup = getattr(out, "reply_markup", None)
    return [b.text for row in (markup.inline_keyboard if markup else []) for b in row]


def test_the_button_shows_the_chats_state_and_only_while_the_hearing_is_ahead(world: World) -> None:
    case = world.case()
    assert _labels(compose("hearing_new", _payload(), case, "en", FULL))[0] == "🙋 I'm going"
    going = replace(FULL, going=True)
    assert _labels(compose("reminder", _payload(offset="120"), case, "kk", going))[0] == "✅ Сіз барасыз · болдырмау"
    assert not any("🙋" in b for b in _labels(compose("hearing_new", _payload(), case, "ru", replace(FULL, going=None))))
    cancelled = compose("hearing_cancelled", _payload(change="cancelled", status="cancelled"), case, "ru", FULL)
    assert not any("🙋" in b for b in _labels(cancelled)) and "🪪" not in cancelled.text
    assert compose("hearing_new", _payload(), case, "ru").text == compose("hearing_new", _payload(), case, "ru",
                                                                        None).text


def test_how_it_went_is_a_kind_of_its_own(world: World) -> None:
    p = HowItWent(text_html="<b>Отложили</b> на неделю.", date="2026-03-17")
    assert decode("how_it_went", p.to_json()) == p
    for lang, head in (("ru", "как прошло заседание 17 марта 2026"), ("en", "how the hearing of 17 March 2026 went"),
                       ("kk", "2026 жылғы 17 наурыз күнгі сот отырысы қалай өтті")):
        out = compose("how_it_went", p.to_json(), world.case(), lang)
        assert head in parse_html(out.text).text and "<b>Отложили</b>" in out.text


def test_what_admins_may_type() -> None:
    assert [parse_public(v) for v in ("да", "No", "иә", "белгісіз", "-")] == [True, False, True, None, None]
    with pytest.raises(UserError):
        parse_public("может быть")
    assert parse_minutes("30") == 30 and parse_minutes("-") is None
    for bad in ("-5", "999", "полчаса"):
        with pytest.raises(UserError):
            parse_minutes(bad)
    assert arrive_by("2026-03-17", "00:15", "Asia/Almaty", 30) == "23:45"
