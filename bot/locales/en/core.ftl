## Greeting, help, privacy
start-greeting =
    Hello! I am <b>Case Watch</b>: I help you follow the court cases of political prisoners and of people facing extradition.

    Follow a case and I will tell you about a new hearing, a postponement or a statement, and remind you before every hearing.
    Pick a case below or search for one: <code>/follow Surname</code>.
help-text =
    <b>What I can do</b>
    /cases — all cases
    /follow <i>name</i> — follow a case (any spelling, Cyrillic or Latin)
    /unfollow <i>name</i> — stop following
    /my — my cases and what I receive
    /case <i>name</i> — the case card
    /write <i>name</i> — how to write a letter: the address and the rules
    /hearings — upcoming hearings
    /settings — reminders and news
    /lang — language
    /privacy — what I keep about you
    /forget — erase everything I keep about you

    Levels: <b>everything</b> — hearings, reminders, statements and news; <b>hearings only</b> — hearing dates, postponements and reminders.

## Commands (setMyCommands)
cmd-start = Start
cmd-cases = All cases
cmd-follow = Follow a case
cmd-unfollow = Stop following
cmd-my = My cases
cmd-case = Case card
cmd-lang = Language
cmd-help = Help
cmd-privacy = What I keep
cmd-forget = Erase my data

## Statuses and levels
status-detained = in custody
status-house_arrest = under house arrest
status-trial = on trial
status-appeal = on appeal
status-sentenced = sentenced
status-extradition = facing extradition
status-released = released
status-acquitted = acquitted
level-all = everything
level-hearings = hearings only

## Case list and card
cases-title = <b>Cases</b> (page { $page } of { $pages }). Tap a name to open its card; ➕ follows, ✅ means you already do.
cases-empty = There are no public cases yet.
case-card =
    <b>{ $name }</b>
    Status: { $status }
case-court = Court: { $court }
case-following = You follow it: <b>{ $level }</b>.
case-not-following = You don't follow this case yet.
case-links = Links:
btn-follow-all = 🔔 Follow everything
btn-follow-hearings = 📅 Hearings only
btn-unfollow = 🔕 Stop following
btn-cases = 📋 All cases
btn-prev = ◀
btn-next = ▶

## Follow, unfollow, my
follow-usage = Write a name after the command, e.g. <code>/follow Balashov</code>. Or pick a case in /cases.
follow-done = You now follow <b>{ $name_gen }</b> ({ $level }).
follow-level-changed = For <b>{ $name_gen }</b> you now receive: { $level }.
follow-already = You already follow <b>{ $name_gen }</b> ({ $level }).
follow-choose = Several cases match. Which one did you mean?
follow-none = I found no case “{ $query }”. See the list: /cases
unfollow-usage = Write a name after the command, e.g. <code>/unfollow Balashov</code>. Your cases: /my
unfollow-done = You no longer follow <b>{ $name_gen }</b>.
unfollow-not-following = You don't follow <b>{ $name_gen }</b>.
my-empty = You don't follow any case yet. All cases: /cases
my-title = <b>Your cases</b> (tap to change the level):
my-line = • <b>{ $name }</b> — { $level }
case-usage = Write a name after the command, e.g. <code>/case Ilyashev</code>.
query-too-long = That is too long: a surname is enough.

## Deep links
deeplink-unknown = This link is out of date or the case was not found. Here is the list: /cases

## Language
lang-choose = Choose a language:
lang-set = Done: I will write in English.

## Forget
forget-confirm = Erase everything I keep about this chat: subscriptions, settings, language? This cannot be undone.
btn-forget-yes = Yes, erase
btn-cancel = Cancel
forget-done = Done: I erased everything I kept about this chat. Press /start to begin again.
forget-cancelled = Nothing was erased.

## Groups and errors
group-admins-only = In a group, only the group's administrators can follow or unfollow cases.
error-generic = Something went wrong. Please try again a little later.
button-expired = This button is out of date. Open the list again: /cases
unknown-command = I don't know that command. Commands: /help

plain-text-hint = To find a case, type a surname or open /cases. All commands: /help
## The case card: address, hearings, news, sharing
case-address = Court address: { $address }
case-next-hearing = 📅 Next hearing: { $when }
case-past-hearings = 🗂 Past hearings:
case-past-line = • { $when }
case-latest-news = 📰 Latest news ({ $when }): { $text }
case-news-status = new status: { $status }
btn-share = 📤 Share
share-text = Follow the case of { $name_gen }: hearings, postponements and news on Telegram

## Privacy statement (bot/privacy.py lists the tables; these are its words)
privacy-head = <b>What I keep, and for how long</b>
privacy-about-person = <b>About a chat that follows cases</b>
privacy-about-staff = <b>About campaign admins and editors</b>
privacy-what-chats = the chat's number (encrypted), its type, language and reminder settings
privacy-what-subscriptions = which cases the chat follows, and at which level
privacy-what-outbox = which messages were sent to the chat, with their Telegram message numbers (so they can be corrected)
privacy-what-dialogs = an admin's answers in an unfinished multi-step command
privacy-what-drafts = a preview waiting for Confirm
privacy-what-editors = who may post for a case, and who invited them
privacy-what-invites = editor invites: a fingerprint of the link, who made it and who used it
privacy-what-audit_log = every admin and editor action: who, what, on which case, when
privacy-kept-chat = until /forget; deleted { $inactive } { $inactive ->
        [one] day
       *[other] days
    } after the chat blocks the bot
privacy-kept-subscription = until you unfollow or use /forget; deleted once the case has been closed for { $closed } { $closed ->
        [one] day
       *[other] days
    } (I tell you first)
privacy-kept-outbox = { $retention } { $retention ->
        [one] day
       *[other] days
    } after sending
privacy-kept-dialog = until finished, { $dialog } { $dialog ->
        [one] day
       *[other] days
    } at most
privacy-kept-draft = { $draft } minutes
privacy-kept-editor = until revoked or /forget
privacy-kept-invite = { $invite } hours, and one more day
privacy-kept-audit = kept; after /forget, a "forgotten" mark replaces the person
privacy-kept-record = kept with the record; after /forget, a "forgotten" mark replaces the person
privacy-kept-case = kept: public information about the case
privacy-kept-item = texts for { $items } { $items ->
        [one] day
       *[other] days
    }, then emptied
privacy-kept-system = kept
privacy-records = Who posted a message, reviewed a finding or added a source is kept with that record; once they use /forget, a "forgotten" mark takes their place.
privacy-seized =
    <b>If the server or a backup is seized</b>
    Every Telegram number in the database is encrypted with a key kept apart from it. A copy of the database alone shows how many people follow each case, their languages and settings, and what was sent when — not who they are. This protects a seized disk or backup, not a server taken over while the bot is running.
privacy-forget = /forget deletes everything about this chat at once — subscriptions, settings, messages and the chat itself — and clears the database's journal so that no copy lingers. Records of admin and editor actions stay, with a "forgotten" mark in place of the person.
privacy-never = I never keep names, usernames, phone numbers or the texts of your messages, and the logs hold none of them either. Admins see only how many follow a case.
privacy-kept-report = until the hearing starts; counts for two hours
privacy-kept-send = seconds to a minute; deleted within a day
