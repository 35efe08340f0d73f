"""What followers receive when an admin or an editor posts: hearings, moves, updates, status, review."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.e2e.campaign import CAMPAIGN_BOT, Campaign
from tests.e2e.people import Person, last_with_buttons, texts

# Each test starts the real bot against the stand-in (a second or more).
pytestmark = [pytest.mark.slow, CAMPAIGN_BOT]


async def test_hearing_preview_is_what_followers_get(campaign: Campaign) -> None:
    preview = await campaign.admin.says("/hearing balashov 17 марта 10:00 Медеуский районный суд")
    shown = texts(preview)[-1]
    assert "17 марта" in shown and "10:00" in shown
    assert texts(await campaign.supporter.replies()) == []  # nothing before Confirm
    await campaign.confirm(preview)
    for person in (campaign.supporter, campaign.relative):
        got = texts(await person.replies())
        assert got == [shown], f"{person.chat_id} got {got}"
    async with campaign.app.store.read() as tx:
        actions = [e.action for e in await tx.audit.recent()]
    assert "hearing.add" in actions


async def test_hearing_in_the_past_is_refused(campaign: Campaign) -> None:
    out = texts(await campaign.admin.says("/hearing balashov 01.03.2026 10:00"))
    assert any("уже прошла" in s for s in out)
    out = texts(await campaign.admin.says("/hearing balashov когда-нибудь"))
    assert any("Не понял дату" in s for s in out)


async def test_move_and_cancel_tell_both_levels(campaign: Campaign) -> None:
    await campaign.confirm(await campaign.admin.says("/hearing balashov 17 марта 10:00"))
    await campaign.supporter.replies(), await campaign.relative.replies()
    await campaign.confirm(await campaign.admin.says("/movehearing balashov 24 марта 11:00"))
    for person in (campaign.supporter, campaign.relative):
        got = "\n".join(texts(await person.replies()))
        assert "24 марта" in got and "11:00" in got
    await campaign.confirm(await campaign.admin.says("/cancelhearing balashov"))
    assert texts(await campaign.relative.replies())
    assert any("нет предстоящих" in s for s in texts(await campaign.admin.says("/cancelhearing balashov")))


async def test_post_reaches_only_everything_followers_with_formatting_kept(campaign: Campaign) -> None:
    await campaign.admin.says("/post balashov")
    preview = await campaign.admin.says("Адвокаты подали <b>жалобу</b> & ждут ответа")
    shown = preview[-1].text or ""
    assert "&lt;b&gt;" in shown and "&amp;" in shown  # typed tags are text, not markup
    await campaign.confirm(preview)
    got = await campaign.supporter.replies()
    assert [r.text for r in got if r.method == "sendMessage"] == [shown]
    assert texts(await campaign.relative.replies()) == []


async def test_editor_posts_for_their_case_only(campaign: Campaign) -> None:
    link = texts(await campaign.admin.says("/editor balashov"))[0]
    token = next(w for w in link.split() if "?start=ed_" in w).split("start=", 1)[1]
    lawyer = Person(campaign.tg, chat_id=7300)
    await lawyer.says(f"/start {token}")
    await campaign.confirm(await lawyer.says("/hearing balashov 19 марта 15:00"), who=lawyer)
    assert any("19 марта" in s for s in texts(await campaign.relative.replies()))
    assert any("не редактор дела" in s for s in texts(await lawyer.says("/post ilyashev")))
    assert any("для администраторов" in s for s in texts(await lawyer.says("/stats")))


async def test_setstatus_tells_followers(campaign: Campaign) -> None:
    await campaign.confirm(await campaign.admin.says("/setstatus balashov released"))
    assert any("свобод" in s for s in texts(await campaign.supporter.replies()))
    case = campaign.app.cases.get("balashov")
    assert case is not None and case.status == "released"


async def test_review_approve_announces_and_reject_does_not(campaign: Campaign) -> None:
    for day in ("2026-03-20", "2026-03-27"):
        await campaign.found(day, "10:00", f"Заседание, возможно, пройдёт {day}.", confidence=0.6)
    out = await campaign.admin.says("/review")
    assert "20 марта" in texts(out)[-1]
    out = await campaign.admin.presses(last_with_buttons(out), "Объявить")
    assert await campaign.app.drain(15)
    assert any("20 марта" in s for s in texts(await campaign.relative.replies()))
    assert "27 марта" in texts(out)[-1]
    await campaign.admin.presses(last_with_buttons(out), "Отклонить")
    assert await campaign.app.drain(15)
    assert texts(await campaign.relative.replies()) == []
    async with campaign.app.store.read() as tx:
        assert await tx.findings.count_pending() == 0
        actions = [e.action for e in await tx.audit.recent()]
    assert {"review.approve", "review.reject"} <= set(actions)
    assert any("На проверке ничего нет" in s for s in texts(await campaign.admin.says("/review")))


async def test_stats_counts_without_names(campaign: Campaign) -> None:
    out = texts(await campaign.admin.says("/stats"))[0]
    assert "balashov: всё — 1, только заседания — 1" in out
    assert "7201" not in out and "7202" not in out


async def test_old_preview_cannot_be_sent_after_a_change(campaign: Campaign) -> None:
    first = await campaign.admin.says("/hearing balashov 17 марта 10:00")
    second = await campaign.admin.says("/hearing balashov 17 марта 12:00")
    await campaign.confirm(second)
    out = await campaign.admin.presses(last_with_buttons(first), "Подтвердить")
    alerts = [r for r in out if r.method == "answerCallbackQuery" and r.show_alert]
    assert alerts and "изменилось" in (alerts[0].text or "")
    campaign.clock.advance(timedelta(minutes=16))
    late = await campaign.admin.says("/hearing balashov 18 марта 10:00")
    campaign.clock.advance(timedelta(minutes=16))
    out = await campaign.admin.presses(last_with_buttons(late), "Подтвердить")
    alerts = [r for r in out if r.method == "answerCallbackQuery" and r.show_alert]
    assert alerts and "устарел" in (alerts[0].text or "")


async def test_review_edit_announces_the_corrected_date(campaign: Campaign) -> None:
    await campaign.found("2026-03-21", None, "Суд, по словам адвоката, соберётся в субботу.")
    out = await campaign.admin.says("/review")
    await campaign.admin.presses(last_with_buttons(out), "Исправить")
    await campaign.confirm(await campaign.admin.says("23 марта 12:00", expect=2))
    got = "\n".join(texts(await campaign.relative.replies()))
    assert "23 марта" in got and "12:00" in got and "21 марта" not in got


async def test_follower_reports_a_wrong_found_date_and_the_admin_corrects_it(campaign: Campaign) -> None:
    from bot.events.hearings import add_hearing

    case = campaign.app.cases.get("balashov")
    assert case is not None
    async with campaign.app.store.transaction() as tx:  # as if found in the news
        await add_hearing(tx, campaign.clock, case=case, local_date="2026-03-19",
                          local_time="10:00", source_url="https://example.org/a")
    assert await campaign.app.drain(15)
    message = last_with_buttons(await campaign.relative.replies())
    out = await campaign.relative.presses(message, "Дата неверна")
    assert any(r.show_alert and "Спасибо" in (r.text or "") for r in out)
    out = await campaign.supporter.presses(last_with_buttons(await campaign.supporter.replies()), "Дата неверна")
    assert any("уже сообщили" in (r.text or "") for r in out)
    review = await campaign.admin.says("/review")
    assert "может быть указано неверно" in texts(review)[-1]
    await campaign.admin.presses(last_with_buttons(review), "Исправить")
    await campaign.confirm(await campaign.admin.says("20 марта 10:00", expect=2))
    got = "\n".join(texts(await campaign.relative.replies()))
    assert "исправление" in got and "20 марта" in got and "перенесено" not in got
    async with campaign.app.store.read() as tx:
        hearings = await tx.hearings.for_case(case.id)
        assert [(h.local_date, h.status) for h in hearings] == [("2026-03-20", "scheduled")]
        assert await tx.findings.count_pending() == 0


async def test_hearings_posted_by_people_have_no_report_button(campaign: Campaign) -> None:
    await campaign.confirm(await campaign.admin.says("/hearing balashov 17 марта 10:00"))
    from tests.e2e.people import button_labels

    got = last_with_buttons(await campaign.relative.replies())
    assert not any("неверна" in b for b in button_labels(got))


async def test_release_cancels_the_hearings_and_reminders_and_says_so_once(campaign: Campaign) -> None:
    await campaign.confirm(await campaign.admin.says("/hearing balashov 17 марта 10:00"))
    await campaign.supporter.replies(), await campaign.relative.replies()
    preview = await campaign.admin.says("/setstatus balashov released")
    assert "Отменено" in texts(preview)[-1] and "17 марта" in texts(preview)[-1]
    await campaign.confirm(preview)
    for person in (campaign.supporter, campaign.relative):  # hearings-only followers are told too, once
        replies = await person.replies()
        got = texts([r for r in replies if r.method == "sendMessage"])
        assert len(got) == 1, got
        assert "на свободе" in got[0] and "Отменено" in got[0] and "вторник, 17 марта, 10:00" in got[0]
        # Besides that one message, the hearing's own message now says it is cancelled (corrected in place).
        edited = texts([r for r in replies if r.method == "editMessageText"])
        assert len(edited) == 1 and edited[0].startswith("❌ Заседание отменено"), edited
    case = campaign.app.cases.get("balashov")
    assert case is not None
    async with campaign.app.store.read() as tx:
        assert [h.status for h in await tx.hearings.for_case(case.id)] == ["cancelled"]
    campaign.clock.advance(timedelta(days=6, hours=2))  # 16 March 11:00: a day before the hearing
    await campaign.app.tick_all()
    assert await campaign.app.drain(15)
    assert texts(await campaign.relative.replies()) == []  # no reminder for a hearing that will not happen
    assert any("не назначено" in s for s in texts(await campaign.relative.says("/hearings")))
