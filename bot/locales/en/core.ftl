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
    /hearings — upcoming hearings
    /settings — reminders and news
    /lang — language
    /privacy — what I keep about you
    /forget — erase everything I keep about you

    Levels: <b>everything</b> — hearings, reminders, statements and news; <b>hearings only</b> — hearing dates, postponements and reminders.
privacy-text =
    <b>What I keep</b>
    Only this chat's number, its type, your language, your subscriptions and settings. I keep no names, usernames or texts of your messages, and I don't write them to logs.
    Nobody is shown the list of followers: admins see only counts.
    /forget erases all of it without a trace.

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
