## Corrections in place: the first line of a message already sent, once its hearing has changed
edit-moved = ⚠️ <b>Перенесено на { $when }</b>
edit-corrected = ✏️ <b>Исправлено: заседание пройдёт { $when }</b>
edit-time-set = 🕙 <b>Стало известно время: { $when }</b>
edit-cancelled = ❌ <b>Заседание отменено</b>
edit-see-new = см. новое сообщение

## Privacy statement
privacy-what-message_edits = какие из уже отправленных в чат сообщений ещё нужно исправить (заседание перенесли или отменили)
