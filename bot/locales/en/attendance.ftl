## Attendance kit in hearing messages and reminders
kit-address = 📍 { $address }
kit-courtroom = 🚪 Courtroom: { $room }
kit-public-yes = 👥 Open to the public: anyone may come
kit-public-no = 🔒 Closed to the public: visitors are not let into the courtroom
kit-bring = 🪪 Bring an ID
kit-bring-more = 🪪 Bring an ID. { $more }
kit-arrive-at = ⏱ Be there by { $time }, { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
} before the start
kit-arrive = ⏱ Be there { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
} before the start
kit-plan = 🧭 Make a plan: when will you leave, and how will you get to the court?
kit-plan-by = 🧭 Make a plan: to be at the court by { $time }, when will you leave, and how will you get there?

## "I'm going"
btn-going = 🙋 I'm going
btn-going-yes = ✅ You're going · tap to undo
going-marked = Noted: you're going. Going so far: { $count }.
going-unmarked = Your mark is removed.
going-count = 🙋 { $count }

## "How it went"
ann-how-it-went = 📝 <b>{ $name }</b>: how the hearing of { $when } went
ann-how-it-went-why = You said you were going to this hearing.

## Admin: the kit
cmd-kit = What people going to a hearing need to know
cmd-howitwent = Tell those who went how the hearing went
admin-kit-usage = Usage: /kit &lt;case&gt; shows the kit; to change it:
    /kit balashov room 305 — the courtroom of the next hearing
    /kit balashov public yes | no | unknown — whether it is open to the public
    /kit balashov arrive 30 — how many minutes before the start to arrive
    /kit balashov bring [ru|en|kk] text — what to bring besides an ID
    "-" as the value clears it.
admin-kit-shown = The kit for <b>{ $name_gen }</b>, as followers will see it:
    { $lines }
admin-kit-next = Next hearing: { $when }
admin-kit-no-next = No upcoming hearing: the courtroom and openness are set for the next one.
admin-kit-bad-public = "{ $value }" is not clear: write yes, no or unknown.
admin-kit-bad-minutes = "{ $value }" is not clear: a number of minutes from 0 to { $max } is needed.
admin-kit-bad-field = There is no field "{ $field }": room, public, arrive or bring.

## Admin: how it went
admin-howitwent-ask = The hearing of { $when } for <b>{ $name_gen }</b>: { $count } said "🙋 I'm going". Send a short account of how it went as your next message; only they will get it. /cancel stops.
admin-howitwent-none = No hearing of <b>{ $name_gen }</b> has passed yet.
admin-howitwent-pruned = The "🙋" marks for the hearing of { $when } are deleted already: they are kept until the end of the next day, court time. There is nobody to send to.
admin-howitwent-nobody = Nobody said "🙋 I'm going" for the hearing of { $when }. There is nobody to send to.

## Privacy
privacy-what-going_marks = that a chat is going to a hearing (only a keyed hash of chat and hearing, not the chat)
privacy-kept-going = until the end of the day after the hearing (court time)

## Admin: /stats
admin-stats-going = ↳ { $when }: 🙋 { $count }
admin-howitwent-late = The "🙋" marks were deleted while the post was being prepared; nothing was sent.
