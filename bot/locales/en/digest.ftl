## Daily digest: news once a day (/settings → digest)
btn-digest = 🗞 News digest
digest-screen-title = <b>News digest</b>
digest-screen-explain = Statements, news mentions and updates from the support team can come as one message a day, at the hour you choose, in your time zone. This is for the cases you follow with “everything”. Hearings, postponements, cancellations and reminders always come at once.
digest-now-off = Now: each piece of news comes as soon as I learn of it.
digest-now-on = Now: once a day at <b>{ $time }</b>, { $zone }. Choose the hour and the time zone below.
digest-waiting = Waiting for the next digest: { $count }.
btn-digest-off = ⚡ At once
btn-digest-on = 🗞 Once a day
btn-digest-back = ↩ Back
digest-released = The news that was waiting is on its way: { $count }.
digest-zone-asia-almaty = Kazakhstan
digest-zone-asia-bishkek = Bishkek
digest-zone-asia-tashkent = Tashkent
digest-zone-europe-moscow = Moscow
digest-zone-asia-tbilisi = Tbilisi
digest-zone-europe-istanbul = Istanbul
digest-zone-europe-berlin = Berlin
digest-zone-europe-london = London
digest-zone-utc = UTC

## The digest itself
digest-title = 🗞 <b>News digest</b> · { $when }
digest-part = (part { $part } of { $parts })
digest-no-case = <b>Other news</b>
digest-footer = News comes to you once a day: { $time }, { $zone }. To change this: /settings

## Forum topics (/topic)
cmd-topic = Send a case's news to a topic (groups with topics)
topic-not-forum = This works in groups with topics: there, write <code>/topic</code> and the case's name inside the topic where its news should go.
topic-admins-only = Only the group's administrators can choose where a case's news goes.
topic-usage = Write <code>/topic</code> and a case's name inside a topic, e.g. <code>/topic Balashov</code>: the messages about that case will come to that topic. <code>/topic Balashov off</code> sends them back to the general chat.
topic-inside = Write this command inside the topic where the messages about the case should go.
topic-choose = Several cases match. Write the command again with one of them:
topic-list = Cases with a topic of their own:
topic-list-line = • <b>{ $name }</b> — topic #{ $thread }
topic-bound = Done: messages about the case of <b>{ $name_gen }</b> will come to this topic.
topic-same = Messages about the case of <b>{ $name_gen }</b> already come to this topic.
topic-unbound = Messages about the case of <b>{ $name_gen }</b> will come to the general chat again.
topic-not-following = This group does not follow the case of <b>{ $name_gen }</b> yet. Follow it first: <code>/follow { $slug }</code>

## Privacy statement
privacy-what-digest_settings = whether the chat takes its news as a daily digest, at which hour and in which time zone
privacy-kept-digest = until the chat goes back to news at once, or /forget
