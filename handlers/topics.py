"""/topic: in a group with topics, send a followed case's messages to the topic the command is written in.

`/topic <case>` inside a topic binds the case to it; `/topic <case> off` sends it back to the general chat;
`/topic` alone lists the bindings. Group administrators only, like following.
"""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.cases.directory import MAX_QUERY, CaseDirectory
from bot.cases.grammar import name_forms
from bot.i18n import escape, t
from bot.people import topics
from handlers.rights import can_manage
from storage.api import Store

# The word that unbinds, as people may type it in each language.
OFF_WORDS = frozenset({"off", "выкл", "отключить", "өшіру"})


def parse(args: str | None) -> tuple[str, bool]:
    """(the case typed, whether it ends with "off")."""
    words = (args or "").split()
    if words and words[-1].lower() in OFF_WORDS:
        return " ".join(words[:-1]), True
    return " ".join(words), False


async def cmd_topic(
    message: Message, command: CommandObject, lang: str, store: Store, cases: CaseDirectory, bot: Bot
) -> None:
    chat = message.chat
    if chat.type != "supergroup" or not chat.is_forum:
        await message.answer(t(lang, "topic-not-forum"))
        return
    sender = message.sender_chat.id if message.sender_chat else None
    user = message.from_user.id if message.from_user else None
    if not await can_manage(bot, chat, user, sender):
        await message.answer(t(lang, "topic-admins-only"))
        return
    query, off = parse(command.args)
    if not query:
        await message.answer(await _list(lang, store, cases, chat.id))
        return
    if len(query) > MAX_QUERY:
        await message.answer(t(lang, "query-too-long"))
        return
    thread = message.message_thread_id if message.is_topic_message else None
    if not off and thread is None:
        await message.answer(t(lang, "topic-inside"))
        return
    found = cases.search(query, include_private=off)
    if not found:
        await message.answer(t(lang, "follow-none", query=query[:60]))
        return
    if len(found) > 1:
        options = "\n".join(f"• {escape(c.display_name(lang))} — <code>/topic {c.slug}</code>" for c in found[:10])
        await message.answer(t(lang, "topic-choose") + "\n" + options)
        return
    case = found[0]
    outcome = await topics.bind(store, chat_id=chat.id, case=case, thread_id=None if off else thread)
    await message.answer(t(lang, f"topic-{outcome.replace('_', '-')}", slug=case.slug, **name_forms(case, lang)))


async def _list(lang: str, store: Store, cases: CaseDirectory, chat_id: int) -> str:
    bound = await topics.bindings(store, chat_id)
    lines = [t(lang, "topic-usage")]
    if bound:
        lines += ["", t(lang, "topic-list")]
        for b in bound:
            case = cases.by_id(b.case_id)
            if case is not None:
                lines.append(t(lang, "topic-list-line", name=case.display_name(lang), thread=b.thread_id))
    return "\n".join(lines)


def router() -> Router:
    r = Router(name="topics")
    r.message.register(cmd_topic, Command("topic"))
    return r
