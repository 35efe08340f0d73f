"""Chats and their members: the registry, the control API that shapes it, and the Bot API methods that read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import topics
from . import updates as build
from .control import ControlError
from .messages import StoredMessage
from .params import ApiError, Params, bad_request

if TYPE_CHECKING:
    from .state import BotState, Method

CHAT_TYPES = ("private", "group", "supergroup", "channel")


@dataclass
class ChatState:
    """A chat as the stand-in knows it."""

    id: int
    type: str
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    creator: int | None = None
    admins: set[int] = field(default_factory=set)
    members: set[int] = field(default_factory=set)
    kicked: set[int] = field(default_factory=set)
    users: dict[int, dict[str, Any]] = field(default_factory=dict)
    blocked: bool = False  # private chat: the user blocked the bot
    bot_status: str = "member"  # groups: member, administrator, left, kicked
    migrate_to: int | None = None
    is_forum: bool = False  # a supergroup with topics
    topics: set[int] = field(default_factory=set)  # thread ids of its topics
    next_message_id: int = 1
    messages: dict[int, StoredMessage] = field(default_factory=dict)

    def telegram(self) -> dict[str, Any]:
        """The Bot API Chat."""
        out: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type == "private":
            out["first_name"] = self.first_name or f"User{self.id}"
            if self.last_name:
                out["last_name"] = self.last_name
        else:
            out["title"] = self.title or f"Chat {self.id}"
        if self.is_forum:
            out["is_forum"] = True
        if self.username:
            out["username"] = self.username
        return out

    def full_info(self) -> dict[str, Any]:
        """The Bot API ChatFullInfo (getChat)."""
        out = self.telegram()
        out.update(
            {
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
            }
        )
        return out

    def take_message_id(self) -> int:
        """The id of the next message in this chat (ids are per chat, as in Telegram)."""
        mid = self.next_message_id
        self.next_message_id += 1
        return mid


# -- the registry ---------------------------------------------------------------------
def register(s: BotState, chat: ChatState) -> None:
    """Add or re-index a chat (its @username may have changed)."""
    s.chats[chat.id] = chat
    if chat.username:
        s.usernames[chat.username.lower()] = chat.id


def learn(s: BotState, chat_d: dict[str, Any]) -> ChatState:
    """The chat of a pushed update, created from the update's Chat when new."""
    cid = int(chat_d["id"])
    chat = s.chats.get(cid)
    if chat is None:
        ctype = chat_d.get("type") or ("private" if cid > 0 else "supergroup")
        chat = ChatState(
            cid,
            ctype,
            title=chat_d.get("title"),
            username=chat_d.get("username"),
            first_name=chat_d.get("first_name"),
            last_name=chat_d.get("last_name"),
        )
        register(s, chat)
    return chat


def resolve(s: BotState, ref: int | str | None) -> ChatState:
    """The chat of an id or ``@username``; a migrated group answers with its new id."""
    if ref is None:
        raise bad_request("chat_id is empty")
    if isinstance(ref, str):
        cid = s.usernames.get(ref.lstrip("@").lower())
        chat = s.chats.get(cid) if cid is not None else None
    else:
        chat = s.chats.get(ref)
    if chat is None:
        raise bad_request("chat not found")
    if chat.migrate_to is not None:
        raise ApiError(
            400,
            "Bad Request: group chat was upgraded to a supergroup chat",
            {"migrate_to_chat_id": chat.migrate_to},
        )
    return chat


def target(s: BotState, p: Params, *, write: bool) -> ChatState:
    """The chat a method acts on; ``write`` checks the bot may post there."""
    chat = resolve(s, p.get_chat_id())
    if write:
        if chat.type == "private" and chat.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat.type != "private" and chat.bot_status in ("kicked", "left"):
            kind = {
                "group": "group chat",
                "supergroup": "supergroup chat",
                "channel": "channel chat",
            }.get(chat.type, "chat")
            if chat.bot_status == "kicked":
                raise ApiError(403, f"Forbidden: bot was kicked from the {kind}")
            raise ApiError(403, f"Forbidden: bot is not a member of the {kind}")
    return chat


def member(s: BotState, chat: ChatState, user_id: int) -> dict[str, Any]:
    """The Bot API ChatMember of ``user_id`` in ``chat``."""
    if user_id == s.bot_id:
        who = dict(s.user)
    else:
        who = chat.users.get(user_id) or build.user(user_id, language_code=None)
    if chat.type == "private":
        status = "member" if user_id in (chat.id, s.bot_id) else "left"
    elif user_id == chat.creator:
        status = "creator"
    elif user_id in chat.admins:
        status = "administrator"
    elif user_id == s.bot_id:
        status = chat.bot_status
    elif user_id in chat.kicked:
        status = "kicked"
    elif user_id in chat.members:
        status = "member"
    else:
        status = "left"
    return build.chat_member(who, status)


# -- control API ----------------------------------------------------------------------
def add_chat(s: BotState, body: dict[str, Any]) -> dict[str, Any]:
    """Create or update a chat; return its Bot API Chat."""
    try:
        cid = int(body["id"])
    except (KeyError, TypeError, ValueError):
        raise ControlError("chat needs an integer id") from None
    ctype = body.get("type") or ("private" if cid > 0 else "supergroup")
    if ctype not in CHAT_TYPES:
        raise ControlError(f"unknown chat type {ctype!r}")
    chat = s.chats.get(cid)
    if chat is None:
        chat = ChatState(cid, ctype)
    chat.type = ctype
    for key in ("title", "username", "first_name", "last_name"):
        if body.get(key) is not None:
            setattr(chat, key, str(body[key]).lstrip("@") if key == "username" else str(body[key]))
    if "admins" in body:
        chat.admins = {int(a) for a in body["admins"] or []}
    if body.get("creator") is not None:
        chat.creator = int(body["creator"])
    if "members" in body:
        chat.members = {int(a) for a in body["members"] or []}
    if s.bot_id in chat.admins:
        chat.bot_status = "administrator"
    if body.get("bot_status"):
        chat.bot_status = str(body["bot_status"])
    if body.get("migrate_to_chat_id") is not None:
        chat.migrate_to = int(body["migrate_to_chat_id"])
    topics.configure(chat, body)
    register(s, chat)
    return chat.telegram()


def block(s: BotState, chat_id: int, blocked: bool = True) -> None:
    """The user blocks (or unblocks) the bot; in groups the bot is kicked (or let back)."""
    chat = s.chats.get(chat_id)
    if chat is None:
        if chat_id <= 0:
            raise ControlError(f"unknown chat {chat_id}")
        chat = ChatState(chat_id, "private")
        register(s, chat)
    if chat.type == "private":
        chat.blocked = blocked
    else:
        chat.bot_status = "kicked" if blocked else "member"


def migrate(s: BotState, chat_id: int, to_chat_id: int) -> dict[str, Any]:
    """A group becomes a supergroup with a new id; return the supergroup's Chat."""
    old = s.chats.get(chat_id)
    if old is None:
        raise ControlError(f"unknown chat {chat_id}")
    old.migrate_to = to_chat_id
    new = s.chats.get(to_chat_id)
    if new is None:
        new = ChatState(
            to_chat_id,
            "supergroup",
            title=old.title,
            creator=old.creator,
            admins=set(old.admins),
            members=set(old.members),
            users=dict(old.users),
            bot_status=old.bot_status,
        )
        register(s, new)
    return new.telegram()


# -- Bot API methods ------------------------------------------------------------------
async def get_chat(s: BotState, p: Params) -> dict[str, Any]:
    return target(s, p, write=False).full_info()


async def get_chat_member(s: BotState, p: Params) -> dict[str, Any]:
    chat = target(s, p, write=False)
    user_id = p.get_int("user_id")
    if user_id is None:
        raise bad_request("user_id is empty")
    return member(s, chat, user_id)


async def get_chat_administrators(s: BotState, p: Params) -> list[dict[str, Any]]:
    chat = target(s, p, write=False)
    if chat.type == "private":
        raise bad_request("there are no administrators in the private chat")
    ids = ([chat.creator] if chat.creator is not None else []) + sorted(chat.admins - {chat.creator})
    return [member(s, chat, uid) for uid in ids]


async def get_chat_member_count(s: BotState, p: Params) -> int:
    chat = target(s, p, write=False)
    if chat.type == "private":
        return 2
    people = set(chat.admins) | chat.members
    if chat.creator is not None:
        people.add(chat.creator)
    if chat.bot_status in ("member", "administrator"):
        people.add(s.bot_id)
    return max(1, len(people))


async def leave_chat(s: BotState, p: Params) -> bool:
    chat = target(s, p, write=False)
    if chat.type != "private":
        chat.bot_status = "left"
        chat.admins.discard(s.bot_id)
    return True


METHODS: dict[str, Method] = {
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "getChatAdministrators": get_chat_administrators,
    "getChatMemberCount": get_chat_member_count,
    "leaveChat": leave_chat,
}
