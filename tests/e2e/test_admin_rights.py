"""Every admin command and every admin button is refused to ordinary users and to editors of other cases.

The commands and buttons are enumerated from the admin router's registry, so a new one cannot slip
through untested.
"""

from __future__ import annotations

import pytest

from bot.runtime.app import App
from bot.standin.client import StandinClient
from handlers.admin.registry import ADMIN_COMMANDS, admin_callback_classes
from tests.e2e.people import Person, texts

ADMIN = 9001
EDITOR = 9002  # an editor of emelyanova, not of balashov
USER = 9003
# Each test starts the real bot against the stand-in (a second or more).
pytestmark = [pytest.mark.slow,
              pytest.mark.example_bot(admins=[ADMIN], editors={"emelyanova": [EDITOR]}, scheduler=True)]

# Arguments that would make each command act on the balashov case if the caller were allowed.
ARGS = {
    "editor": "balashov", "editors": "", "revoke": "balashov 1", "newcase": "", "editcase": "balashov",
    "setstatus": "balashov released", "addsource": "http://127.0.0.1:9/feed.xml balashov", "sources": "",
    "pausesource": "x", "resumesource": "x", "removesource": "x", "hearing": "balashov 17 марта 10:00",
    "movehearing": "balashov 18 марта", "cancelhearing": "balashov", "post": "balashov", "review": "",
    "stats": "", "export": "balashov", "kit": "balashov room 305", "howitwent": "balashov",
}


async def audit_count(app: App) -> int:
    async with app.store.read() as tx:
        return len(await tx.audit.recent(1000))


def test_every_admin_command_has_refusal_arguments() -> None:
    import handlers

    handlers.get_routers()  # fills the registry
    assert set(ADMIN_COMMANDS) <= set(ARGS), f"add arguments for {set(ADMIN_COMMANDS) - set(ARGS)}"


@pytest.mark.parametrize("how", ["text", "photo-caption"])
@pytest.mark.parametrize("who", [USER, EDITOR], ids=["ordinary-user", "editor-of-another-case"])
async def test_admin_commands_are_refused(tg: StandinClient, app: App, who: int, how: str) -> None:
    """Sent as a message or as a photo's caption (aiogram's Command filter matches both)."""
    person = Person(tg, chat_id=who)
    before = await audit_count(app)
    for name, spec in ADMIN_COMMANDS.items():
        command = f"/{name} {ARGS[name]}".strip()
        out = texts(await (person.says(command) if how == "text" else person.sends_photo(command)))
        assert out, f"/{name}: no answer"
        refused = any(
            "для администраторов кампании" in s or "не редактор дела" in s or "только администраторы бота" in s
            for s in out
        )
        assert refused, f"/{name} was not refused for {who}: {out}"
        if who == EDITOR and spec.scope == "editor":
            assert any("не редактор дела" in s for s in out), f"/{name}: {out}"
    assert await audit_count(app) == before
    async with app.store.transaction() as tx:  # consuming a draft is a write, even when there is none
        assert await tx.drafts.consume("anything", who, 0) is None


@pytest.mark.parametrize("who", [USER, EDITOR], ids=["ordinary-user", "editor-of-another-case"])
async def test_forged_admin_buttons_are_refused(tg: StandinClient, app: App, who: int) -> None:
    person = Person(tg, chat_id=who)
    # A message of the bot's own in that chat to hang the forged button on.
    anchor = (await person.says("/help"))[0]
    assert anchor.message_id is not None
    samples = {"a1d": "a1d:tok:1", "a1r": "a1r:approve:1", "a1s": "a1s:released", "a1e": "a1e:balashov:name",
               "a1o": "a1o:pause:x", "a1b": "a1b:balashov:public:0"}
    before = await audit_count(app)
    for cls in admin_callback_classes():
        prefix = cls.__prefix__  # type: ignore[attr-defined]
        assert prefix in samples, f"add a forged sample for the button {cls.__name__}"
        if who == EDITOR and getattr(cls, "scope", "admin") == "editor":
            continue  # editors may press these; the draft's owner and case are checked (test_admin_flows)
        out = await person.presses_data(anchor.message_id, samples[prefix])
        alerts = [r for r in out if r.method == "answerCallbackQuery" and r.show_alert]
        assert alerts and "администраторов" in (alerts[0].text or ""), cls.__name__
    assert await audit_count(app) == before


async def test_admins_get_the_campaign_tools_in_their_own_command_menu(tg: StandinClient) -> None:
    await Person(tg, chat_id=USER).says("/help")  # the bot has started: its start-up menus are set
    entries = await tg.commands()
    mine = [e for e in entries if e["scope"].get("type") == "chat" and int(e["scope"].get("chat_id", 0)) == ADMIN]
    assert {e["language_code"] for e in mine} == {"", "ru", "en", "kk"}
    names = {c["command"] for c in mine[0]["commands"]}
    assert {"hearing", "post", "review", "follow"} <= names
    everyone = [e for e in entries if e["scope"].get("type") == "default"]
    assert everyone and all("hearing" not in {c["command"] for c in e["commands"]} for e in everyone)
