## Attendance kit in hearing messages and reminders
kit-address = 📍 { $address }
kit-courtroom = 🚪 Зал: { $room }
kit-public-yes = 👥 Заседание открытое: прийти может любой
kit-public-no = 🔒 Заседание закрытое: публику в зал не пускают
kit-bring = 🪪 Возьмите удостоверение личности
kit-bring-more = 🪪 Возьмите удостоверение личности. { $more }
kit-arrive-at = ⏱ Приходите к { $time } — за { $minutes } { $minutes ->
    [one] минуту
    [few] минуты
   *[other] минут
} до начала
kit-arrive = ⏱ Приходите за { $minutes } { $minutes ->
    [one] минуту
    [few] минуты
   *[other] минут
} до начала
kit-plan = 🧭 Составьте план: когда вы выйдете и как доберётесь до суда?
kit-plan-by = 🧭 Составьте план: чтобы быть в суде к { $time }, когда вы выйдете и как доберётесь?

## "I'm going"
btn-going = 🙋 Я пойду
btn-going-yes = ✅ Вы идёте · отменить
going-marked = Отмечено: вы идёте. Всего идут: { $count }.
going-unmarked = Отметка снята.
going-count = 🙋 { $count }

## "How it went"
ann-how-it-went = 📝 <b>{ $name }</b>: как прошло заседание { $when }
ann-how-it-went-why = Вы отмечали, что пойдёте на это заседание.

## Admin: the kit
cmd-kit = Памятка для идущих на заседание
cmd-howitwent = Рассказать идущим, как прошло заседание
admin-kit-usage = Так: /kit &lt;дело&gt; — показать памятку; изменить:
    /kit balashov room 305 — зал ближайшего заседания
    /kit balashov public да | нет | неизвестно — открыто ли оно для публики
    /kit balashov arrive 30 — за сколько минут до начала приходить
    /kit balashov bring [ru|en|kk] текст — что взять, кроме удостоверения
    «-» вместо значения стирает его.
admin-kit-shown = Памятка по делу <b>{ $name_gen }</b> — так её увидят подписчики:
    { $lines }
admin-kit-next = Ближайшее заседание: { $when }
admin-kit-no-next = Предстоящих заседаний нет: зал и открытость задаются для ближайшего.
admin-kit-bad-public = Не понял «{ $value }»: напишите «да», «нет» или «неизвестно».
admin-kit-bad-minutes = Не понял «{ $value }»: нужно число минут от 0 до { $max }.
admin-kit-bad-field = Нет поля «{ $field }»: можно room, public, arrive или bring.

## Admin: how it went
admin-howitwent-ask = Заседание { $when } по делу <b>{ $name_gen }</b>: отметили «🙋 Я пойду» — { $count }. Отправьте следующим сообщением короткий рассказ о том, как оно прошло; его получат только они. /cancel прерывает.
admin-howitwent-none = По делу <b>{ $name_gen }</b> ещё не прошло ни одного заседания.
admin-howitwent-pruned = Отметки «🙋» к заседанию { $when } уже удалены: они хранятся до конца следующего дня по времени суда. Отправить некому.
admin-howitwent-nobody = На заседание { $when } никто не отметил «🙋 Я пойду». Отправить некому.

## Privacy
privacy-what-going_marks = что чат собирается на заседание (только ключевой хеш чата и заседания — не сам чат)
privacy-kept-going = до конца дня после заседания (по времени суда)

## Admin: /stats
admin-stats-going = ↳ { $when }: 🙋 { $count }
admin-howitwent-late = Пока готовился пост, отметки «🙋» удалили; ничего не отправлено.
