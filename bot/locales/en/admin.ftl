## Rights
admin-refused = This command is for the campaign's admins and case editors.
admin-private-only = Campaign tools work only in a private chat with the bot.
admin-only = Only the bot's admins can do this.
admin-not-your-case = You are not an editor of the case “{ $slug }”.

## Common
admin-need-case = Name the case: its slug or the detainee's name.
admin-unknown-case = No case “{ $query }”.
admin-ambiguous-case = Several cases match: { $slugs }. Use the slug.
admin-btn-confirm = ✅ Confirm
admin-btn-cancel = ✖ Cancel
admin-cancelled = Cancelled; nothing was changed.
admin-draft-expired = This preview has expired or was already used. Make a new one.
admin-draft-stale = Something changed since this preview was made; nothing was sent. Make a new one.
admin-sent = Done: queued for { $count ->
    [one] { $count } chat
   *[other] { $count } chats
}.
admin-preview-followers = Preview — this is exactly what followers will get:
admin-preview-silent = Followers will get no message: this changes nothing they were told, or the hearing's time has already passed.
admin-bad-date = I could not read a date in “{ $value }”. Try “17 March 10:00”, “17.03.2026 10:00” or “2026-03-17”.
admin-date-past = That date is in the past. Hearings can be added for today or later.
admin-too-long = Too long: { $field } takes at most { $limit } characters.
admin-bad-value = That is not a valid value for { $field }.

## Editors
admin-invite = One-time invite for an editor of <b>{ $name_gen }</b> (valid 24 hours, usable once):
    { $link }
    Send it only to the person you trust with this case.
admin-invite-invalid = This invite link is not valid: it was already used, has expired, or never existed.
admin-invite-accepted = You are now an editor of <b>{ $name_gen }</b>. You can post updates (/post { $slug }) and hearings (/hearing { $slug } date time).
admin-editors-none = No editors yet.
admin-editors-title = <b>Editors</b>
admin-editors-line = • { $slug }: user { $user }
admin-revoke-usage = Usage: /revoke &lt;case&gt; &lt;user id&gt;
admin-revoked = User { $user } is no longer an editor of { $slug }.
admin-not-editor = User { $user } is not an editor of { $slug }.

## Cases
admin-newcase-intro = A new case. Answer each question; “-” skips an optional one, /cancel stops.
admin-ask-slug = { $n }/{ $total }. The slug: a short id for links, latin letters, digits, - and _ (e.g. ivanov).
admin-ask-name = { $n }/{ $total }. The name as it should appear (in Russian).
admin-ask-name_en = { $n }/{ $total }. The name in English (or -).
admin-ask-name_kk = { $n }/{ $total }. The name in Kazakh (or -).
admin-ask-aliases = { $n }/{ $total }. Other spellings, separated by commas (or -).
admin-ask-court = { $n }/{ $total }. The court (or -).
admin-ask-timezone = { $n }/{ $total }. The court's time zone, e.g. Asia/Almaty (- for Asia/Almaty).
admin-ask-status = { $n }/{ $total }. The status:
admin-ask-description = { $n }/{ $total }. A short description in Russian (or -).
admin-ask-links = { $n }/{ $total }. Links, separated by spaces (or -).
admin-bad-slug = A slug takes latin lowercase letters, digits, - and _, up to 32 characters, starting with a letter or digit.
admin-slug-taken = The slug “{ $slug }” is taken. Choose another.
admin-bad-links = Links must start with http:// or https:// (10 at most).
admin-bad-timezone = Unknown time zone “{ $value }”. Use a name like Asia/Almaty.
admin-bad-status = The status must be one of: { $statuses }.
admin-preview-newcase = Preview of the case card:
admin-newcase-done = The case of <b>{ $name_gen }</b> is created. Its link: { $link }
admin-editcase-choose = What to change in <b>{ $name_gen }</b>?
admin-editcase-ask = { $field }: send the new value (now: { $current }). “-” clears it, /cancel stops.
admin-preview-edit = Preview of the change:
admin-editcase-preview = <b>{ $name }</b>: { $field } → { $value }
admin-editcase-done = Saved: <b>{ $name }</b> — { $field }.
admin-setstatus-usage = Usage: /setstatus &lt;case&gt; &lt;status&gt;; statuses: { $statuses }
admin-status-same = The case already has the status “{ $status }”.

## Sources
admin-addsource-usage = Usage: /addsource &lt;url&gt; [case]
admin-url-not-http = Only http:// and https:// addresses can be added.
admin-addsource-checking = Checking the source…
admin-addsource-failed = The source { $url } could not be read: { $reason }
admin-source-exists = The source { $source } is already there.
admin-addsource-found = Kind: <b>{ $kind }</b>, { $url }. Items found: { $count }. The newest:
admin-addsource-case = Every item will belong to <b>{ $name_gen }</b>.
admin-preview-source = Add this source? What it holds now is stored as already seen; only new items are announced.
admin-source-added = The source { $source } is added; its first poll comes within a minute.
admin-sources-none = No sources yet. Add one: /addsource &lt;url&gt; [case]
admin-sources-title = <b>Sources</b>
admin-source-ok = ✅ { $source } ({ $kind }): ok, last read { $last }
admin-source-new = 🆕 { $source } ({ $kind }): not read yet
admin-source-paused = ⏸ { $source } ({ $kind }): paused
admin-source-removed = 🗑 { $source } ({ $kind }): removed
admin-source-failing = ⚠️ { $source } ({ $kind }): failing since { $since }, { $failures } times: { $error }
admin-unknown-source = No source “{ $source }”. See /sources.
admin-source-usage = Usage: /{ $command } &lt;source id&gt;
admin-source-did-pause = The source { $source } is paused.
admin-source-did-resume = The source { $source } is polled again.
admin-source-did-remove = The source { $source } is removed.

## Hearings
admin-hearing-usage = Usage: /hearing &lt;case&gt; &lt;date&gt; [time] [court], e.g. /hearing balashov 17 March 10:00
admin-movehearing-usage = Usage: /movehearing &lt;case&gt; &lt;new date&gt; [time]: moves the next upcoming hearing.
admin-cancelhearing-usage = Usage: /cancelhearing &lt;case&gt;: cancels the next upcoming hearing.
admin-no-upcoming = The case has no upcoming hearing.

## Posts
admin-post-ask = Send the text of the update for <b>{ $name_gen }</b> as your next message (formatting and links are kept). /cancel stops.
admin-post-empty = The update has no text.

## Review
admin-review-none = Nothing waits for review.
admin-review-item = <b>For review</b> ({ $left } left): { $name }
    Date: { $when }{ $postponed }
    Confidence: { $confidence }
admin-review-report = <b>A follower says this hearing may be wrong</b> ({ $left } waiting): { $name }
    Now: { $when }
    Check with the court, then correct it or keep it.
admin-btn-keep = ✅ It is right
admin-review-postponed = , postponed
admin-btn-approve = ✅ Announce
admin-btn-edit = ✏️ Edit date/time
admin-btn-reject = ✖ Reject
admin-btn-next = ⏭ Next
admin-review-approved = Approved and announced to { $count ->
    [one] { $count } chat
   *[other] { $count } chats
}.
admin-review-rejected = Rejected; it will not be announced.
admin-review-edit-ask = Send the right date and time, e.g. “17 March 10:00”. /cancel stops.
admin-review-gone = This finding was already reviewed.
admin-review-no-date = A statement or a mention has no date to correct: announce it or reject it.

## Stats and export
admin-stats = <b>Statistics</b> (counts only)
    Followers:
    { $followers }
    Sent to followers today ({ $day }, { $zone }): { $sent }, failed: { $failed }, waiting: { $pending }
    Sources failing: { $failing } of { $sources }
    Findings waiting for review: { $review }
admin-stats-line = • { $slug }: everything { $all }, hearings only { $hearings }
admin-export-done = The hearings and updates of <b>{ $name_gen }</b>.

## Help for admins and editors
admin-help =
    <b>Campaign tools</b>
    /hearing <i>case date [time] [court]</i> — announce a hearing
    /movehearing <i>case date [time]</i>, /cancelhearing <i>case</i> — move, cancel
    /post <i>case</i> — publish an update
    /export <i>case</i> — hearings and updates as files
    /kit <i>case …</i> — courtroom, open to the public, when to arrive, what to bring
    /howitwent <i>case</i> — tell those who said 🙋 how the hearing went
    Admins only: /newcase, /editcase, /setstatus, /addsource, /sources, /pausesource, /resumesource, /removesource, /review, /stats, /editor, /editors, /revoke

## Commands of admins and editors (setMyCommands, their own chats)
cmd-editor = Invite a case editor
cmd-editors = Case editors
cmd-revoke = Revoke an editor
cmd-newcase = New case
cmd-editcase = Edit a case
cmd-setstatus = Change a case status
cmd-addsource = Add a source
cmd-sources = Sources and their health
cmd-pausesource = Pause a source
cmd-resumesource = Resume a source
cmd-removesource = Remove a source
cmd-hearing = Announce a hearing
cmd-movehearing = Move a hearing
cmd-cancelhearing = Cancel a hearing
cmd-post = Post an update
cmd-review = Review findings
cmd-stats = Statistics
cmd-export = Export hearings and updates

## Review: agreement and conflicts between sources
admin-review-confirmed = ✔ Confirmed by { $count ->
    [one] { $count } independent source
   *[other] { $count } independent sources
}.
admin-review-conflict = ⚠️ <b>Sources disagree.</b> Another source already gives this case a different date: { $date } { $time }
    «{ $evidence }»
    { $link }
    Check with the court. Announce adds this date as a separate session, Edit corrects it, Reject keeps only the known date. If the court moved the known hearing, reject this and use /movehearing.
admin-review-conflict-admin = ⚠️ <b>An admin already entered a different date for this case:</b> { $date } { $time }
    Check with the court. Announce adds this date as a separate session, Edit corrects it, Reject keeps only the known date. If the court moved the known hearing, reject this and use /movehearing.
## Why /addsource could not add a link
admin-addsource-not-http = { $url }: only http:// and https:// addresses can be added.
admin-addsource-too-many = At most { $limit } links can be added at a time.
admin-addsource-why-not-http = only http:// and https:// addresses can be added.
admin-addsource-why-blocked = it is not a public internet address (or the port is not allowed); the bot does not open such addresses.
admin-addsource-why-timeout = the site did not answer in time. Try again later.
admin-addsource-why-unreachable = could not connect to the site. Check the address.
admin-addsource-why-not-found = there is no such page (error { $status }). Check the address.
admin-addsource-why-forbidden = the site does not let the bot in (error { $status }).
admin-addsource-why-server = the site is not working right now (error { $status }). Try again later.
admin-addsource-why-http = the site answered with error { $status }.
admin-addsource-why-redirects = too many redirects.
admin-addsource-why-too-big = the page is too large.
admin-addsource-why-needs-selectors = this is an ordinary page without a news feed; such a source is set up in the configuration file.
admin-addsource-why-not-a-source = it is not a news feed, a Telegram channel or a page the bot can read.
admin-addsource-why-other = it could not be read. The details are in the bot's log.

## What /review shows to check a finding against
admin-review-evidence = From the text: “{ $evidence }”
admin-review-source = Source: { $link }
admin-review-no-grounds = The source is unknown: check the date on the court's website.
admin-review-more = Still waiting for review: { $left }. Go on: /review
## Case fields as /editcase shows them
field-name = Name
field-name_gen = Name in the Russian genitive
field-name_ins = Name in the Russian instrumental
field-name_en = Name in English
field-name_kk = Name in Kazakh
field-aliases = Other spellings
field-court = Court
field-court_en = Court in English
field-court_kk = Court in Kazakh
field-address = Court address
field-address_en = Court address in English
field-address_kk = Court address in Kazakh
field-timezone = Time zone
field-description = Description
field-description_en = Description in English
field-description_kk = Description in Kazakh
field-links = Links
field-public = Listed among the cases
admin-yes = yes
admin-no = no
admin-btn-yes = ✅ Yes
admin-btn-no = ✖ No
admin-editcase-ask-yesno = { $field }? Now: { $current }.
admin-value-empty = empty

## /newcase: descriptions in English and Kazakh
admin-ask-description_en = { $n }/{ $total }. The description in English (or -).
admin-ask-description_kk = { $n }/{ $total }. The description in Kazakh (or -).
