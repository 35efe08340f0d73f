## Commands (setMyCommands)
cmd-hearings = Upcoming hearings
cmd-settings = Reminders and news

## Dates: "Tuesday, 17 March, 10:00 (Almaty)"
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
when-date = { $weekday }, { $day } { $month }
when-datetime = { $weekday }, { $day } { $month }, { $time } ({ $zone })
zone-asia-almaty = Almaty
zone-asia-aqtobe = Aktobe
zone-asia-aqtau = Aktau
zone-asia-atyrau = Atyrau
zone-asia-oral = Oral
zone-asia-qyzylorda = Kyzylorda
zone-asia-qostanay = Kostanay
zone-europe-moscow = Moscow
zone-asia-tashkent = Tashkent
zone-asia-bishkek = Bishkek

## Announcements
ann-hearing-new = 📅 <b>{ $name }</b>: a hearing is scheduled
ann-hearing-moved = 🔁 <b>{ $name }</b>: the hearing is postponed to { $when }
ann-hearing-corrected = ✏️ <b>{ $name }</b>: correction — the hearing is on { $when }
ann-hearing-time-set = 🕙 <b>{ $name }</b>: the time of the hearing is now known
ann-hearing-time-changed = 🕙 <b>{ $name }</b>: the time of the hearing has changed
ann-hearing-cancelled = ❌ <b>{ $name }</b>: the hearing is cancelled
ann-when = 🗓 { $when }
ann-was = Was: { $when }
ann-time-unknown = The time is not known yet; I will tell you when it is.
ann-court = 🏛 { $court }
ann-source = 🔗 <a href="{ $url }">Source</a>
ann-reminder = ⏰ <b>{ $name }</b>: a hearing is coming up
ann-reminder-10080 = ⏰ <b>{ $name }</b>: hearing in a week
ann-reminder-4320 = ⏰ <b>{ $name }</b>: hearing in 3 days
ann-reminder-1440 = ⏰ <b>{ $name }</b>: hearing in 24 hours
ann-reminder-720 = ⏰ <b>{ $name }</b>: hearing in 12 hours
ann-reminder-120 = ⏰ <b>{ $name }</b>: hearing in 2 hours
ann-reminder-60 = ⏰ <b>{ $name }</b>: hearing in an hour
ann-reminder-eve = ⏰ <b>{ $name }</b>: hearing tomorrow
ann-reminder-morn = ⏰ <b>{ $name }</b>: hearing today
ann-statement = 💬 <b>{ $name }</b>: a statement
ann-mention = 📰 <b>{ $name }</b>: in the news
ann-update = 📢 <b>{ $name }</b>: news from the support team
ann-correction = ✏️ <b>{ $name }</b>: a correction
ann-status = ℹ️ <b>{ $name }</b>: new status — { $status } (was: { $old })
read-more = Read more

## Buttons on announcements
btn-calendar = 📅 Add to calendar
btn-open-case = 📂 Case card
btn-stop-unfollow = 🔕 Unfollow
btn-stop-hearings-only = 🔕 Hearings only
stop-unfollowed = You no longer follow <b>{ $name_gen }</b>. You can come back at any time:
stop-hearings-only = For <b>{ $name_gen }</b> you will now get only hearings and reminders.
ics-summary = Court hearing: { $name_gen }
ics-caption = 📅 Hearing in the case of <b>{ $name_gen }</b>: open the file to add it to your calendar.
hearing-gone = This hearing is no longer on the schedule. Upcoming ones: /hearings

## /hearings
hearings-title-mine = <b>Upcoming hearings in your cases</b>
hearings-title-all = <b>Upcoming hearings</b> (you do not follow any case yet, so here are all open cases)
hearings-empty-mine = No hearings are scheduled in your cases yet. I will tell you as soon as I learn of one.
hearings-empty-all = No upcoming hearing is known yet.
hearings-line = • <b>{ $name }</b> — { $when }
hearings-line-moved = • <b>{ $name }</b> — { $when } (postponed)

## /settings
settings-title =
    <b>Reminders and news</b>
    Remind me of a hearing: { $reminders }.
    When the time of a hearing is not known: the evening before at 18:00 and that morning at 08:00, court time.
    News mentioning your cases (for the "everything" level): { $news }.
    Press a button to turn it on or off.
settings-none = no reminders
settings-news-on = on
settings-news-off = off
rem-10080 = 7 days before
rem-4320 = 3 days before
rem-1440 = 1 day before
rem-720 = 12 hours before
rem-120 = 2 hours before
rem-60 = 1 hour before
btn-rem-none = 🔕 No reminders
btn-rem-default = ↩ Default
btn-news-on = 📰 News: on
btn-news-off = 📰 News: off
settings-saved = Saved

## Notices to admins
notice-source-failing = ⚠️ Source <code>{ $source }</code> has failed { $failures } times in a row: { $error }
notice-source-recovered = ✅ Source <code>{ $source }</code> works again.

## Follower reports
btn-report = ⚠️ Wrong date?
report-thanks = Thank you! The campaign will check the date and correct it for everyone if needed.
report-already = Thank you: this was already reported and is being checked.

## Delivery problems
notice-render-failed = ⚠️ A “{ $kind }” message for case { $case } could not be composed and was not sent to followers. Other messages go out as usual. For the developers: <code>{ $error }</code>

## Follower reports: refusals
report-not-follower = Only followers of this case can report a wrong date. Follow the case to report it.
report-already-yours = You have already reported this date. Thank you: it is being checked.
report-too-many = This chat has sent too many date reports in the last hour. Please try again later.
report-busy = Many people have already reported this date: it is being checked. Thank you!
## The weekday inside a sentence ("postponed to Friday", "is on Wednesday")
weekday-acc-1 = Monday
weekday-acc-2 = Tuesday
weekday-acc-3 = Wednesday
weekday-acc-4 = Thursday
weekday-acc-5 = Friday
weekday-acc-6 = Saturday
weekday-acc-7 = Sunday
weekday-in-1 = Monday
weekday-in-2 = Tuesday
weekday-in-3 = Wednesday
weekday-in-4 = Thursday
weekday-in-5 = Friday
weekday-in-6 = Saturday
weekday-in-7 = Sunday

## A final status (released, acquitted, closed)
status-closed = case closed
ann-status-hearings-cancelled = ❌ Cancelled, no reminders will come:

## Calendar files: what an event says about its case
ics-case = Case: { $name } ({ $status })
ics-court = Court: { $court }
ics-address = Address: { $address }
ics-calendar-name = Hearings: { $name_gen }

## A date gone by, with its year: "19 November 2025"
when-date-year = { $day } { $month } { $year }

## /hearings past
hearings-past-hint = Past hearings: /hearings past
hearings-past-title-mine = <b>Past hearings of your cases</b>
hearings-past-title-all = <b>Past hearings</b> (you follow no case yet, so here are all open cases)
hearings-past-empty = I know of no past hearings yet.

## Retention
ann-case-closed = 🗂 <b>{ $name }</b>: the case has been closed for { $days } { $days ->
        [one] day
       *[other] days
    }. I am no longer sending news about it, and I am deleting the list of who followed it, this subscription included. To follow the case again, open its card.
