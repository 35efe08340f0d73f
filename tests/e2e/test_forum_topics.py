"""Forum topics through the stand-in: a group's admin binds a case to a topic with /topic, its news goes there."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import pytest_asyncio

from bot.runtime.app import App
from bot.standin.client import Sent, StandinClient
from tests.e2e.campaign import CAMPAIGN_BOT, CampaignBot
from tests.e2e.people import Person, texts

FORUM = -1001234500  # a group with topics
GROUP_ADMIN, MEMBER = 501, 502
TOPIC_B, TOPIC_OTHER = 5, 7
pytestmark = [pytest.mark.slow, CAMPAIGN_BOT]


@dataclass
class Forum(CampaignBot):
    group: Person  # the group's administrator, writing in the general chat

    async def in_topic(self, thread: int, text: str, *, user: int = GROUP_ADMIN) -> list[Sent]:
        """Someone writes inside a topic; the bot's answers since."""
        await self.tg.send_text(FORUM, text, user_id=user, chat_type="supergroup", thread_id=thread)
        return await self.group.replies(1)

    async def post(self, slug: str, text: str) -> list[Sent]:
        """The campaign posts an update; what reached the forum."""
        await self.admin.says(f"/post {slug}")
        await self.confirm(await self.admin.says(text))
        return [r for r in await self.group.replies() if r.method == "sendMessage"]


def thread_of(record: Sent) -> int | None:
    value = record.params.get("message_thread_id")
    return None if value in (None, "") else int(value)


@pytest_asyncio.fixture
async def forum(app: App, tg: StandinClient, admin: Person) -> Forum:
    await tg.add_chat(FORUM, "supergroup", title="Support", admins=[GROUP_ADMIN], members=[MEMBER],
                      is_forum=True, topics=[TOPIC_B, TOPIC_OTHER])
    group = Person(tg, chat_id=FORUM, user_id=GROUP_ADMIN, chat_type="supergroup")
    await group.says("/follow Балашов")
    await group.says("/follow Ильяшев")
    return Forum(app, tg, admin, group)


async def test_a_bound_case_goes_to_its_topic_and_another_case_does_not(forum: Forum) -> None:
    answer = await forum.in_topic(TOPIC_B, "/topic balashov")
    assert "эту тему" in texts(answer)[-1]
    assert thread_of(answer[-1]) == TOPIC_B  # the answer stays in the topic it was asked in
    assert "тема № 5" in texts(await forum.group.says("/topic"))[-1]

    got = await forum.post("balashov", "Новости по Балашову")
    assert len(got) == 1 and thread_of(got[0]) == TOPIC_B and "Новости по Балашову" in (got[0].text or "")
    got = await forum.post("ilyashev", "Новости по Ильяшеву")
    assert len(got) == 1 and thread_of(got[0]) is None

    answer = await forum.in_topic(TOPIC_B, "/topic balashov off")
    assert "общий чат" in texts(answer)[-1]
    got = await forum.post("balashov", "Снова в общий чат")
    assert len(got) == 1 and thread_of(got[0]) is None


async def test_only_the_groups_admins_bind_and_only_inside_a_topic(forum: Forum) -> None:
    assert "администраторы" in texts(await forum.in_topic(TOPIC_B, "/topic balashov", user=MEMBER))[-1]
    assert "внутри той темы" in texts(await forum.group.says("/topic balashov"))[-1]
    assert "не следит" in texts(await forum.in_topic(TOPIC_B, "/topic Мовлаев"))[-1]
    plain_group = Person(forum.tg, chat_id=-1009999, user_id=GROUP_ADMIN, chat_type="supergroup")
    assert "группах с темами" in texts(await plain_group.says("/topic balashov"))[-1]
    assert "группах с темами" in texts(await Person(forum.tg, chat_id=7501).says("/topic balashov"))[-1]
    async with forum.app.store.read() as tx:
        assert await tx.topics.for_chat(FORUM) == []
    # The group's administrators find the command in their menu; everyone else's menu stays as it was.
    for lang in ("ru", "en", "kk"):
        assert "topic" in [c["command"] for c in await forum.tg.commands_for(lang, "all_chat_administrators")]
        assert "topic" not in [c["command"] for c in await forum.tg.commands_for(lang)]


async def test_a_deleted_topic_falls_back_to_the_general_chat_once_and_quietly(forum: Forum) -> None:
    await forum.in_topic(TOPIC_B, "/topic balashov")
    await forum.tg.add_chat(FORUM, "supergroup", topics=[TOPIC_OTHER])  # topic 5 is deleted
    before = (await forum.tg.stats())["errors"].get("400", 0)
    got = await forum.post("balashov", "Тема удалена")
    assert len(got) == 1 and thread_of(got[0]) is None and "Тема удалена" in (got[0].text or "")
    got = await forum.post("balashov", "И снова")
    assert len(got) == 1 and thread_of(got[0]) is None
    # One refusal in all: the binding went with the topic, and nobody was told about it.
    assert (await forum.tg.stats())["errors"].get("400", 0) == before + 1
    async with forum.app.store.read() as tx:
        assert await tx.topics.for_chat(FORUM) == []
    assert texts(await forum.group.replies()) == []
