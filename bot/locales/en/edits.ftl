## Corrections in place: the first line of a message already sent, once its hearing has changed
edit-moved = ⚠️ <b>Moved to { $when }</b>
edit-corrected = ✏️ <b>Corrected: the hearing is on { $when }</b>
edit-time-set = 🕙 <b>The time is now known: { $when }</b>
edit-cancelled = ❌ <b>The hearing is cancelled</b>
edit-see-new = see the new message

## Privacy statement
privacy-what-message_edits = which messages already sent to the chat still have to be corrected (a hearing moved or cancelled)
