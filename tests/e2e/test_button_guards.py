"""What the rights guards catch beyond the handlers' own flags: admin button data no handler takes, and
anything sent inside an admin dialog; and a press nobody takes is still answered."""

from __future__ import annotations

import pytest

from bot.runtime.app import App
from bot.standin.client import Sent, StandinClient
from bot.telegram.callbacks import AnnAct, AnnCb, CaseAct, CaseCb, WriteCb
from tests.e2e.people import Person, texts

ADMIN = 9001
EDITOR = 9002  # an editor of emelyanova
USER = 9003
REFUSED = "для администраторов кампании"
EXPIRED = "кнопка устарела"
pytestmark = pytest.mark.example_bot(admins=[ADMIN], editors={"emelyanova": [EDITOR]})


def alert(out: list[Sent]) -> str:
    alerts = [r for r in out if r.method == "answerCallbackQuery" and r.show_alert]
    assert alerts, out
    return alerts[0].text or ""


async def anchor(person: Person) -> int:
    """A message of the bot's own in the person's chat, to hang a forged button on."""
    message_id = (await person.says("/help"))[0].message_id
    assert message_id is not None
    return message_id


@pytest.mark.parametrize("data", ["a1r:bogus:1", "a1d", "a1o:pause", "a1s:released:extra", "a1b:x:public:maybe"])
async def test_malformed_admin_button_data_is_refused_like_any_admin_button(tg: StandinClient, data: str) -> None:
    person = Person(tg, chat_id=USER)
    assert REFUSED in alert(await person.presses_data(await anchor(person), data))


async def test_a_press_nobody_takes_is_told_the_button_is_out_of_date(tg: StandinClient) -> None:
    user = Person(tg, chat_id=USER)
    at = await anchor(user)
    for data in ("c1:jump:balashov:card:0", "a1:fly:balashov:0", "s1:louder:0", "zz:1"):
        assert EXPIRED in alert(await user.presses_data(at, data)), data
    admin = Person(tg, chat_id=ADMIN)
    assert EXPIRED in alert(await admin.presses_data(await anchor(admin), "a1r:bogus:1"))


async def test_a_button_naming_a_case_that_is_gone_is_answered_once_as_out_of_date(tg: StandinClient) -> None:
    # Well-formed data of every case button, naming a case this bot does not have: no handler takes the press,
    # and the presser hears once that the button is out of date.
    user = Person(tg, chat_id=USER)
    at = await anchor(user)
    gone = [CaseCb(act=CaseAct.OPEN, slug="nobody"), AnnCb(act=AnnAct.GOING, slug="nobody", h=1),
            AnnCb(act=AnnAct.STOP, slug="nobody", h=1), WriteCb(slug="nobody")]
    for data in gone:
        out = await user.presses_data(at, data.pack())
        assert [r.method for r in out] == ["answerCallbackQuery"], (data, out)
        assert EXPIRED in alert(out), data


async def test_an_editor_revoked_inside_a_dialog_is_refused_whatever_they_send(app: App, tg: StandinClient) -> None:
    editor = Person(tg, chat_id=EDITOR)
    assert not any(REFUSED in s for s in texts(await editor.says("/post emelyanova")))
    case = app.cases.get("emelyanova")
    assert case is not None
    async with app.store.transaction() as tx:
        assert await tx.editors.revoke(case.id, EDITOR)
    for text in ("Заседание перенесли", "/start ed_whatever", "/help"):
        out = texts(await editor.says(text))
        assert out and all(REFUSED in s for s in out), (text, out)
