"""What is stored, for how long, and what a seized copy shows: the one place /privacy and the README come from.

`TABLES` lists every table with every column (a test holds it against the real schema, so a new column
cannot be added without saying here what it keeps). `render()` makes the /privacy message in a language;
`markdown()` makes the README's section, which a test keeps identical to what is in README.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.campaign.drafts import DRAFT_TTL_S
from bot.campaign.invites import INVITE_TTL_S
from bot.config import Settings
from bot.i18n import t
from bot.runtime.scheduler import DIALOG_TTL_S

About = Literal["person", "staff", "case", "system"]


@dataclass(frozen=True)
class Table:
    name: str
    about: About  # person: a follower's chat; staff: admins and editors; case: public case data; system
    kept: str  # how long: the `privacy-kept-<kept>` text
    columns: tuple[str, ...]
    holds: str  # what it holds, for the README (English)
    seized: str  # what a copy of the database alone shows of it, for the README (English)


SEALED = "Telegram ids only as a keyed hash and AES-GCM ciphertext: no id without DATA_KEY"

TABLES: tuple[Table, ...] = (
    Table("chats", "person", "chat",
          ("chat_hash", "chat_enc", "type", "language", "language_chosen", "active", "reminder_offsets",
           "news_mentions", "created_at", "deactivated_at"),
          "a chat that talked to the bot: its type, language, reminder and news settings",
          f"{SEALED}; how many chats, their types, languages and settings, and when they started"),
    Table("subscriptions", "person", "subscription", ("chat_hash", "case_id", "level", "created_at", "thread_id"),
          "which chat follows which case, at which level, and in a group with topics the topic it goes to",
          "how many follow each case and since when; not who (a keyed hash per chat)"),
    Table("outbox", "person", "outbox",
          ("id", "announcement_id", "chat_hash", "chat_enc", "state", "priority", "attempts", "next_at", "claimed_by",
           "lease_until", "tg_message_id", "last_error", "sent_at"),
          "one row per message to a chat: its state (or waiting for the chat's daily digest), and Telegram's"
          " message id for corrections",
          f"{SEALED}; which announcements went to how many chats, and when"),
    Table("message_edits", "person", "outbox",
          ("id", "outbox_id", "hearing_id", "revision", "payload_json", "state", "attempts", "next_at", "claimed_by",
           "lease_until", "reason", "updated_at"),
          "a correction to make to a message already sent (the hearing moved or was cancelled), by its outbox row;"
          " deleted with that row",
          "which hearings' messages were corrected, and how often Telegram refused; no chat (only the outbox row)"),
    Table("digest_settings", "person", "digest", ("chat_hash", "hour", "timezone", "last_day", "updated_at"),
          "a chat that takes its news as one daily digest: the hour, its time zone, the day of the last digest",
          "how many chats take a digest, at which hours and in which zones; not who (a keyed hash per chat)"),
    Table("dialogs", "staff", "dialog", ("key_hash", "chat_hash", "state", "data_json", "updated_at"),
          "where an admin is in a multi-step command (/newcase, /post), with the answers so far",
          "the unfinished answers of an admin; who, only as a keyed hash"),
    Table("drafts", "staff", "draft",
          ("token", "admin_hash", "kind", "payload_json", "payload_hash", "expires_at", "used_at"),
          "a preview waiting for Confirm", "what an admin was about to publish; who, only as a keyed hash"),
    Table("editors", "staff", "editor",
          ("case_id", "user_hash", "user_enc", "granted_by_hash", "granted_by_enc", "created_at"),
          "who may post for a case, and which admin invited them", f"{SEALED}; how many editors each case has"),
    Table("invites", "staff", "invite",
          ("token_hash", "case_id", "created_by_hash", "created_by_enc", "expires_at", "used_at", "used_by_hash",
           "used_by_enc"),
          "one-time editor invites (a SHA-256 of the link, never the link)", SEALED),
    Table("audit_log", "staff", "audit",
          ("id", "at", "actor_hash", "actor_enc", "role", "action", "case_id", "target", "target_user_hash",
           "target_user_enc", "details_json"),
          "every admin and editor action: who, what, on which case", f"{SEALED}; what was done, when"),
    Table("announcements", "case", "record",
          ("id", "kind", "case_id", "hearing_id", "min_level", "payload_json", "dedupe_key", "created_at",
           "created_by_hash", "created_by_enc"),
          "every message about a case, and the admin or editor who posted it", f"the messages; {SEALED}"),
    Table("findings", "case", "record",
          ("id", "item_id", "case_id", "kind", "local_date", "local_time", "when_", "postponed", "confidence",
           "evidence", "state", "hearing_id", "reviewed_at", "created_at", "conflict_hearing_id", "reviewed_by_hash",
           "reviewed_by_enc"),
          "hearings and statements found in items (and follower reports, without the follower), and who reviewed them",
          f"what was found; {SEALED}"),
    Table("sources", "case", "record",
          ("id", "kind", "url", "case_id", "interval_s", "options_json", "origin", "state", "etag", "last_modified",
           "last_success_at", "last_error_at", "last_error", "consecutive_failures", "next_attempt_at", "alerted",
           "baselined_at", "created_at", "created_by_hash", "created_by_enc"),
          "the news sources polled, their health, and the admin who added them", f"the sources; {SEALED}"),
    Table("hearing_changes", "case", "record",
          ("hearing_id", "revision", "old_date", "new_date", "old_time", "new_time", "old_status", "new_status",
           "cause", "ref", "at", "by_hash", "by_enc"),
          "each change of a hearing, and why (a finding, an item, an admin)", f"the history; {SEALED}"),
    Table("cases", "case", "case",
          ("id", "slug", "name", "name_en", "name_kk", "gender", "timezone", "status", "court", "description",
           "description_en", "description_kk", "links_json", "public", "mirror_chat", "origin", "created_at",
           "updated_at", "mirror_chat_enc", "closed_since", "farewell_at", "name_gen", "name_ins", "court_en",
           "court_kk", "address", "address_en", "address_kk"),
          "the public case cards, and since when a case is closed", "the cases (public anyway); a mirror channel's id sealed"),
    Table("case_letters", "case", "case",
          ("case_id", "address", "address_en", "address_kk", "rules", "rules_en", "rules_kk", "service_url",
           "service_name", "birthday", "updated_at"),
          "how to write to a case's detainee (the facility's postal address, the rules, an electronic-letter"
          " service) and the detainee's birthday: public case data an admin entered, nothing about a follower",
          "the same (what the campaign publishes anyway)"),
    Table("case_aliases", "case", "case", ("case_id", "alias"), "other spellings of a case's name", "the same"),
    Table("hearings", "case", "case",
          ("id", "case_id", "local_date", "local_time", "tz", "court", "status", "revision", "created_at",
           "updated_at"),
          "hearing dates in the court's time zone", "the same (public anyway)"),
    Table("hearing_sources", "case", "case", ("hearing_id", "url"), "every link that reported a hearing", "the same"),
    Table("items", "case", "item",
          ("id", "source_id", "stable_id", "url", "title", "published_at", "fetched_at", "edited_at", "text",
           "content_hash", "extracted_hash", "baseline"),
          "what the sources published (public pages)", "the same"),
    Table("leases", "system", "system", ("name", "holder", "expires_at"),
          "which instance runs the scheduler, and each sender's heartbeat",
          "a host name and process id"),
    Table("schema_version", "system", "system", ("version", "applied_at"), "migrations applied", "the same"),
    Table("report_marks", "system", "report", ("mark", "hearing_id", "expires_at"),
          "that some chat already said a hearing's date is wrong: an HMAC of chat and hearing under a key derived"
          " from BOT_TOKEN, which is not stored", "keyed hashes no one can match to a chat without the bot's token"),
    Table("report_counts", "system", "report", ("key", "n", "expires_at"),
          "how many such reports a chat or a hearing made in the last hour, keyed the same way",
          "counts under keyed hashes"),
    Table("going_marks", "person", "going", ("mark", "hearing_id"),
          "that some chat said \"🙋 I'm going\" to a hearing: an HMAC of chat and hearing under DATA_KEY's lookup key,"
          " and the hearing; kept until the end of the day after the hearing (court time) so \"how it went\" can"
          " still reach them, then deleted; a cancelled hearing's at the next daily prune",
          "how many chats mean to go to each hearing; not which (keyed hashes no one can match without DATA_KEY)"),
    Table("hearing_kits", "case", "case", ("hearing_id", "courtroom", "open_to_public", "updated_at"),
          "a hearing's courtroom and whether it is open to the public, as admins set them", "the same (public anyway)"),
    Table("case_kits", "case", "case", ("case_id", "arrive_minutes", "bring", "bring_en", "bring_kk", "updated_at"),
          "a case's advice to those who go: how early to arrive, what to bring", "the same (public anyway)"),
    Table("send_buckets", "system", "send", ("name", "tokens", "updated_at", "expires_at"),
          "Telegram's flood limits shared by instances on PostgreSQL without Redis: the bot-wide token buckets and"
          " one per chat lately written to, named by an HMAC under a key derived from BOT_TOKEN",
          "how many chats got messages in the last minute or so; not which (keyed hashes)"),
    Table("send_group_grants", "system", "send", ("id", "tag", "at", "expires_at"),
          "when a group was last sent a message, within the last minute, under the same keyed hash",
          "how often some group got messages in the last minute; not which"),
    Table("send_pauses", "system", "send", ("name", "until_at"),
          "a pause Telegram asked for (retry_after), for every send or for one chat under the keyed hash",
          "that the bot was slowed down lately"),
    Table("send_refusals", "system", "send", ("tag", "at", "expires_at"),
          "which chats Telegram refused within the last second (two mean the bot-wide limit), keyed the same way",
          "that some chats were refused lately; not which"),
    Table("install", "system", "system", ("key", "value"),
          "a random id made once per installation, which calendar UIDs are built from, and a number raised at "
          "every change to the list of cases, so each running instance knows when to reread it",
          "nothing about anyone"),
    Table("data_key_check", "system", "system", ("id", "check_value"),
          "an HMAC under DATA_KEY, so a wrong key is refused at start", "nothing about anyone; not the key"),
)


def periods(settings: Settings) -> dict[str, int]:
    """The numbers the texts name, from the settings in force."""
    return {
        "retention": settings.retention_days, "items": settings.item_retention_days,
        "closed": settings.closed_case_days, "inactive": settings.inactive_chat_days,
        "dialog": DIALOG_TTL_S // 86400, "draft": DRAFT_TTL_S // 60, "invite": INVITE_TTL_S // 3600,
    }


def kept(lang: str, table: Table, settings: Settings) -> str:
    return t(lang, f"privacy-kept-{table.kept}", **periods(settings))


def render(lang: str, settings: Settings) -> str:
    """The /privacy message: each kind of row about people and how long it stays, then what a copy shows."""
    lines = [t(lang, "privacy-head"), ""]
    for about in ("person", "staff"):
        lines.append(t(lang, f"privacy-about-{about}"))
        for table in TABLES:
            if table.about == about:
                lines.append(f"• {t(lang, f'privacy-what-{table.name}')} — {kept(lang, table, settings)}")
        lines.append("")
    lines += [t(lang, "privacy-records", **periods(settings)), "", t(lang, "privacy-seized"), "",
              t(lang, "privacy-forget"), "", t(lang, "privacy-never")]
    return "\n".join(lines)


def markdown(settings: Settings) -> str:
    """The README's table: every table, what it holds, how long, what a copy of the database alone shows."""
    out = [
        "| table | holds (columns) | kept | a copy of the database alone shows |",
        "|---|---|---|---|",
    ]
    for table in TABLES:
        columns = ", ".join(table.columns)
        out.append(f"| `{table.name}` | {table.holds} (<sub>{columns}</sub>) | {_plain(kept('en', table, settings))} "
                   f"| {table.seized} |")
    return "\n".join(out)


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).replace("|", "\\|")
