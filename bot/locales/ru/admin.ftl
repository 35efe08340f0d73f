## Rights
admin-refused = Эта команда — для администраторов кампании и редакторов дел.
admin-private-only = Инструменты кампании работают только в личном чате с ботом.
admin-only = Это могут делать только администраторы бота.
admin-not-your-case = Вы не редактор дела «{ $slug }».

## Common
admin-need-case = Укажите дело: его код (slug) или имя.
admin-unknown-case = Нет дела «{ $query }».
admin-ambiguous-case = Подходит несколько дел: { $slugs }. Укажите код.
admin-btn-confirm = ✅ Подтвердить
admin-btn-cancel = ✖ Отмена
admin-cancelled = Отменено; ничего не изменилось.
admin-draft-expired = Этот предпросмотр устарел или уже использован. Сделайте новый.
admin-draft-stale = После предпросмотра что-то изменилось; ничего не отправлено. Сделайте новый.
admin-sent = Готово: поставлено в очередь для { $count ->
    [one] { $count } чата
   *[other] { $count } чатов
}.
admin-preview-followers = Предпросмотр — ровно это получат подписчики:
admin-bad-date = Не понял дату в «{ $value }». Попробуйте «17 марта 10:00», «17.03.2026 10:00» или «2026-03-17».
admin-date-past = Эта дата уже прошла. Заседание можно добавить на сегодня или позже.
admin-too-long = Слишком длинно: «{ $field }» — не больше { $limit } символов.
admin-bad-value = Неверное значение поля «{ $field }».

## Editors
admin-invite = Одноразовое приглашение редактора дела <b>{ $name_gen }</b> (действует 24 часа, один раз):
    { $link }
    Отправьте его только тому, кому доверяете это дело.
admin-invite-invalid = Ссылка-приглашение недействительна: её уже использовали, срок истёк или её не было.
admin-invite-accepted = Теперь вы редактор дела <b>{ $name_gen }</b>. Можно публиковать новости (/post { $slug }) и заседания (/hearing { $slug } дата время).
admin-editors-none = Редакторов пока нет.
admin-editors-title = <b>Редакторы</b>
admin-editors-line = • { $slug }: пользователь { $user }
admin-revoke-usage = Так: /revoke <дело> <id пользователя>
admin-revoked = Пользователь { $user } больше не редактор { $slug }.
admin-not-editor = Пользователь { $user } не редактор { $slug }.

## Cases
admin-newcase-intro = Новое дело. Ответьте на вопросы; «-» пропускает необязательный, /cancel прерывает.
admin-ask-slug = { $n }/{ $total }. Код дела для ссылок: латинские буквы, цифры, - и _ (например, ivanov).
admin-ask-name = { $n }/{ $total }. Имя, как его показывать (по-русски).
admin-ask-name_en = { $n }/{ $total }. Имя по-английски (или -).
admin-ask-name_kk = { $n }/{ $total }. Имя по-казахски (или -).
admin-ask-aliases = { $n }/{ $total }. Другие написания через запятую (или -).
admin-ask-court = { $n }/{ $total }. Суд (или -).
admin-ask-timezone = { $n }/{ $total }. Часовой пояс суда, например Asia/Almaty (- значит Asia/Almaty).
admin-ask-status = { $n }/{ $total }. Статус:
admin-ask-description = { $n }/{ $total }. Короткое описание по-русски (или -).
admin-ask-links = { $n }/{ $total }. Ссылки через пробел (или -).
admin-bad-slug = Код: строчные латинские буквы, цифры, - и _, до 32 символов, начинается с буквы или цифры.
admin-slug-taken = Код «{ $slug }» занят. Выберите другой.
admin-bad-links = Ссылки должны начинаться с http:// или https:// (не больше 10).
admin-bad-timezone = Неизвестный часовой пояс «{ $value }». Укажите, например, Asia/Almaty.
admin-bad-status = Статус — один из: { $statuses }.
admin-preview-newcase = Предпросмотр карточки дела:
admin-newcase-done = Дело <b>{ $name_gen }</b> создано. Ссылка: https://t.me/…?start=c_{ $slug }
admin-editcase-choose = Что изменить в деле <b>{ $name_gen }</b>?
admin-editcase-ask = { $field }: напишите новое значение (сейчас: { $current }). «-» очищает, /cancel прерывает.
admin-preview-edit = Предпросмотр изменения:
admin-editcase-preview = <b>{ $name }</b>: { $field } → { $value }
admin-editcase-done = Сохранено: <b>{ $name }</b> — { $field }.
admin-setstatus-usage = Так: /setstatus <дело> <статус>; статусы: { $statuses }
admin-status-same = У дела уже статус «{ $status }».

## Sources
admin-addsource-usage = Так: /addsource <url> [дело]
admin-url-not-http = Добавить можно только адреса http:// и https://.
admin-addsource-checking = Проверяю источник…
admin-addsource-failed = Источник не читается: { $error }
admin-source-exists = Источник { $source } уже есть.
admin-addsource-found = Тип: <b>{ $kind }</b>, { $url }. Найдено материалов: { $count }. Свежие:
admin-addsource-case = Все материалы будут относиться к делу <b>{ $name_gen }</b>.
admin-preview-source = Добавить источник? Уже опубликованное сохранится как прочитанное; объявляться будут только новые материалы.
admin-source-added = Источник { $source } добавлен; первый опрос — в течение минуты.
admin-sources-none = Источников пока нет. Добавьте: /addsource <url> [дело]
admin-sources-title = <b>Источники</b>
admin-source-ok = ✅ { $source } ({ $kind }): в порядке, прочитан { $last }
admin-source-new = 🆕 { $source } ({ $kind }): ещё не читался
admin-source-paused = ⏸ { $source } ({ $kind }): на паузе
admin-source-removed = 🗑 { $source } ({ $kind }): удалён
admin-source-failing = ⚠️ { $source } ({ $kind }): ошибки с { $since }, { $failures } раз подряд: { $error }
admin-unknown-source = Нет источника «{ $source }». Список: /sources
admin-source-usage = Так: /{ $command } <id источника>
admin-source-did-pause = Источник { $source } на паузе.
admin-source-did-resume = Источник { $source } снова опрашивается.
admin-source-did-remove = Источник { $source } удалён.

## Hearings
admin-hearing-usage = Так: /hearing <дело> <дата> [время] [суд], например /hearing balashov 17 марта 10:00
admin-movehearing-usage = Так: /movehearing <дело> <новая дата> [время] — переносит ближайшее заседание.
admin-cancelhearing-usage = Так: /cancelhearing <дело> — отменяет ближайшее заседание.
admin-no-upcoming = У дела нет предстоящих заседаний.

## Posts
admin-post-ask = Отправьте следующим сообщением текст новости по делу <b>{ $name_gen }</b> (форматирование и ссылки сохранятся). /cancel прерывает.
admin-post-empty = В новости нет текста.

## Review
admin-review-none = На проверке ничего нет.
admin-review-item = <b>На проверку</b> (осталось { $left }): { $name }
    Дата: { $date } { $time }{ $postponed }
    Уверенность: { $confidence }
    «{ $evidence }»
    { $link }
admin-review-report = <b>Подписчик сообщает, что заседание может быть указано неверно</b> ({ $left } на проверке): { $name }
    Сейчас: { $date } { $time }
    Проверьте по суду и исправьте или оставьте как есть.
admin-btn-keep = ✅ Всё верно
admin-review-postponed = , перенос
admin-btn-approve = ✅ Объявить
admin-btn-edit = ✏️ Исправить дату/время
admin-btn-reject = ✖ Отклонить
admin-btn-next = ⏭ Дальше
admin-review-approved = Одобрено и объявлено: { $count ->
    [one] { $count } чат
    [few] { $count } чата
   *[other] { $count } чатов
}.
admin-review-rejected = Отклонено; объявлено не будет.
admin-review-edit-ask = Отправьте правильные дату и время, например «17 марта 10:00». /cancel прерывает.
admin-review-gone = Эту находку уже проверили.

## Stats and export
admin-stats = <b>Статистика</b> (только числа)
    Подписчики:
    { $followers }
    Отправлено сегодня: { $sent }, ошибок: { $failed }, в очереди: { $pending }
    Источников с ошибками: { $failing } из { $sources }
    Находок на проверке: { $review }
admin-stats-line = • { $slug }: всё — { $all }, только заседания — { $hearings }
admin-export-done = Заседания и новости по делу <b>{ $name_gen }</b>.

## Help for admins and editors
admin-help =
    <b>Инструменты кампании</b>
    /hearing <i>дело дата [время] [суд]</i> — объявить заседание
    /movehearing <i>дело дата [время]</i>, /cancelhearing <i>дело</i> — перенести, отменить
    /post <i>дело</i> — опубликовать новость
    /export <i>дело</i> — заседания и новости файлом
    Только администраторам: /newcase, /editcase, /setstatus, /addsource, /sources, /pausesource, /resumesource, /removesource, /review, /stats, /editor, /editors, /revoke

## Commands of admins and editors (setMyCommands, their own chats)
cmd-editor = Пригласить редактора дела
cmd-editors = Редакторы дел
cmd-revoke = Отозвать права редактора
cmd-newcase = Новое дело
cmd-editcase = Изменить дело
cmd-setstatus = Сменить статус дела
cmd-addsource = Добавить источник
cmd-sources = Источники и их состояние
cmd-pausesource = Приостановить источник
cmd-resumesource = Возобновить источник
cmd-removesource = Удалить источник
cmd-hearing = Объявить заседание
cmd-movehearing = Перенести заседание
cmd-cancelhearing = Отменить заседание
cmd-post = Опубликовать новость
cmd-review = Проверить находки
cmd-stats = Статистика
cmd-export = Выгрузить заседания и новости

## Case fields as /editcase shows them
field-name = Имя
field-name_gen = Имя в родительном падеже (нет кого?)
field-name_ins = Имя в творительном падеже (кем?)
field-name_en = Имя по-английски
field-name_kk = Имя по-казахски
field-aliases = Другие написания
field-court = Суд
field-court_en = Суд по-английски
field-court_kk = Суд по-казахски
field-address = Адрес суда
field-address_en = Адрес суда по-английски
field-address_kk = Адрес суда по-казахски
field-timezone = Часовой пояс
field-description = Описание
field-description_en = Описание по-английски
field-description_kk = Описание по-казахски
field-links = Ссылки
field-public = Открыто в списке дел
admin-yes = да
admin-no = нет
admin-btn-yes = ✅ Да
admin-btn-no = ✖ Нет
admin-editcase-ask-yesno = { $field }? Сейчас: { $current }.
admin-value-empty = пусто

## /newcase: descriptions in English and Kazakh
admin-ask-description_en = { $n }/{ $total }. Описание по-английски (или -).
admin-ask-description_kk = { $n }/{ $total }. Описание по-казахски (или -).
