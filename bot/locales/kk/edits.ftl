## Corrections in place: the first line of a message already sent, once its hearing has changed
edit-moved = ⚠️ <b>Сот отырысы ауыстырылды: { $when }</b>
edit-corrected = ✏️ <b>Түзету: сот отырысы { $when } өтеді</b>
edit-time-set = 🕙 <b>Уақыты белгілі болды: { $when }</b>
edit-cancelled = ❌ <b>Сот отырысы болмайды</b>
edit-see-new = жаңа хабарламаны қараңыз

## Privacy statement
privacy-what-message_edits = чатқа жіберілген хабарламалардың қайсысын әлі түзету керек (отырыс ауыстырылды не болмайды)
