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
admin-preview-silent = Подписчики ничего не получат: для них это ничего не меняет или время заседания уже прошло.
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
admin-revoke-usage = Так: /revoke &lt;дело&gt; &lt;id пользователя&gt;
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
admin-newcase-done = Дело <b>{ $name_gen }</b> создано. Ссылка: { $link }
admin-editcase-choose = Что изменить в деле <b>{ $name_gen }</b>?
admin-editcase-ask = { $field }: напишите новое значение (сейчас: { $current }). «-» очищает, /cancel прерывает.
admin-preview-edit = Предпросмотр изменения:
admin-editcase-preview = <b>{ $name }</b>: { $field } → { $value }
admin-editcase-done = Сохранено: <b>{ $name }</b> — { $field }.
admin-setstatus-usage = Так: /setstatus &lt;дело&gt; &lt;статус&gt;; статусы: { $statuses }
admin-status-same = У дела уже статус «{ $status }».

## Sources
admin-addsource-usage = Так: /addsource &lt;url&gt; [дело]
admin-url-not-http = Добавить можно только адреса http:// и https://.
admin-addsource-checking = Проверяю источник…
admin-addsource-failed = Источник { $url } не читается: { $reason }
admin-source-exists = Источник { $source } уже есть.
admin-addsource-found = Тип: <b>{ $kind }</b>, { $url }. Найдено материалов: { $count }. Свежие:
admin-addsource-case = Все материалы будут относиться к делу <b>{ $name_gen }</b>.
admin-preview-source = Добавить источник? Уже опубликованное сохранится как прочитанное; объявляться будут только новые материалы.
admin-source-added = Источник { $source } добавлен; первый опрос — в течение минуты.
admin-sources-none = Источников пока нет. Добавьте: /addsource &lt;url&gt; [дело]
admin-sources-title = <b>Источники</b>
admin-source-ok = ✅ { $source } ({ $kind }): в порядке, прочитан { $last }
admin-source-new = 🆕 { $source } ({ $kind }): ещё не читался
admin-source-paused = ⏸ { $source } ({ $kind }): на паузе
admin-source-removed = 🗑 { $source } ({ $kind }): удалён
admin-source-failing = ⚠️ { $source } ({ $kind }): ошибки с { $since }, { $failures } раз подряд: { $error }
admin-unknown-source = Нет источника «{ $source }». Список: /sources
admin-source-usage = Так: /{ $command } &lt;id источника&gt;
admin-source-did-pause = Источник { $source } на паузе.
admin-source-did-resume = Источник { $source } снова опрашивается.
admin-source-did-remove = Источник { $source } удалён.

## Hearings
admin-hearing-usage = Так: /hearing &lt;дело&gt; &lt;дата&gt; [время] [суд], например /hearing balashov 17 марта 10:00
admin-movehearing-usage = Так: /movehearing &lt;дело&gt; &lt;новая дата&gt; [время] — переносит ближайшее заседание.
admin-cancelhearing-usage = Так: /cancelhearing &lt;дело&gt; — отменяет ближайшее заседание.
admin-no-upcoming = У дела нет предстоящих заседаний.

## Posts
admin-post-ask = Отправьте следующим сообщением текст новости по делу <b>{ $name_gen }</b> (форматирование и ссылки сохранятся). /cancel прерывает.
admin-post-empty = В новости нет текста.

## Review
admin-review-none = На проверке ничего нет.
admin-review-item = <b>На проверку</b> (осталось { $left }): { $name }
    Дата: { $when }{ $postponed }
    Уверенность: { $confidence }
admin-review-report = <b>Подписчик сообщает, что заседание может быть указано неверно</b> ({ $left } на проверке): { $name }
    Сейчас: { $when }
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
admin-review-no-date = У заявления или упоминания нет даты, которую можно исправить: объявите или отклоните его.

## Stats and export
admin-stats = <b>Статистика</b> (только числа)
    Подписчики:
    { $followers }
    Подписчикам отправлено сегодня ({ $day }, { $zone }): { $sent }, ошибок: { $failed }, в очереди: { $pending }
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
    /kit <i>дело …</i> — зал, открыто ли заседание, когда прийти, что взять с собой
    /howitwent <i>дело</i> — рассказать тем, кто нажал 🙋, как прошло заседание
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

## Review: agreement and conflicts between sources
admin-review-confirmed = ✔ { $count ->
    [one] Подтверждает { $count } независимый источник
    [few] Подтверждают { $count } независимых источника
   *[other] Подтверждают { $count } независимых источников
}.
admin-review-conflict = ⚠️ <b>Источники расходятся.</b> Другой источник уже называет по этому делу иную дату: { $date } { $time }
    «{ $evidence }»
    { $link }
    Уточните в суде. «Объявить» добавит эту дату как отдельное заседание, «Исправить» поправит её, «Отклонить» оставит только известную дату. Если суд перенёс известное заседание, отклоните эту находку и используйте /movehearing.
admin-review-conflict-admin = ⚠️ <b>Администратор уже указал по этому делу другую дату:</b> { $date } { $time }
    Уточните в суде. «Объявить» добавит эту дату как отдельное заседание, «Исправить» поправит её, «Отклонить» оставит только известную дату. Если суд перенёс известное заседание, отклоните эту находку и используйте /movehearing.
## Why /addsource could not add a link
admin-addsource-not-http = { $url }: добавить можно только адреса http:// и https://.
admin-addsource-too-many = За один раз можно добавить не больше { $limit } ссылок.
admin-addsource-why-not-http = добавить можно только адреса http:// и https://.
admin-addsource-why-blocked = это не публичный адрес в интернете (или такой порт не разрешён), бот такие адреса не открывает.
admin-addsource-why-timeout = сайт не ответил вовремя. Попробуйте позже.
admin-addsource-why-unreachable = не удалось соединиться с сайтом. Проверьте адрес.
admin-addsource-why-not-found = такой страницы нет (ошибка { $status }). Проверьте адрес.
admin-addsource-why-forbidden = сайт не пускает бота (ошибка { $status }).
admin-addsource-why-server = сайт сейчас не работает (ошибка { $status }). Попробуйте позже.
admin-addsource-why-http = сайт ответил ошибкой { $status }.
admin-addsource-why-redirects = слишком много перенаправлений.
admin-addsource-why-too-big = страница слишком большая.
admin-addsource-why-needs-selectors = это обычная страница без ленты новостей; такой источник настраивается в файле конфигурации.
admin-addsource-why-not-a-source = это не лента новостей, не Telegram-канал и не страница, которую бот умеет читать.
admin-addsource-why-other = прочитать не удалось. Подробности — в журнале бота.

## What /review shows to check a finding against
admin-review-evidence = Из текста: «{ $evidence }»
admin-review-source = Источник: { $link }
admin-review-no-grounds = Источник неизвестен: проверьте дату по сайту суда.
admin-review-more = Ещё на проверке: { $left }. Продолжить: /review
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
