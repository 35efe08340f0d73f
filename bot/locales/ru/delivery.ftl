## Commands (setMyCommands)
cmd-hearings = Ближайшие заседания
cmd-settings = Напоминания и новости

## Dates: "вторник, 17 марта, 10:00 (Алматы)"
weekday-1 = понедельник
weekday-2 = вторник
weekday-3 = среда
weekday-4 = четверг
weekday-5 = пятница
weekday-6 = суббота
weekday-7 = воскресенье
month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря
when-date = { $weekday }, { $day } { $month }
when-datetime = { $weekday }, { $day } { $month }, { $time } ({ $zone })
zone-asia-almaty = Алматы
zone-asia-aqtobe = Актобе
zone-asia-aqtau = Актау
zone-asia-atyrau = Атырау
zone-asia-oral = Уральск
zone-asia-qyzylorda = Кызылорда
zone-asia-qostanay = Костанай
zone-europe-moscow = Москва
zone-asia-tashkent = Ташкент
zone-asia-bishkek = Бишкек

## Announcements
ann-hearing-new = 📅 <b>{ $name }</b>: назначено заседание
ann-hearing-moved = 🔁 <b>{ $name }</b>: заседание перенесено на { $when }
ann-hearing-corrected = ✏️ <b>{ $name }</b>: исправление — заседание пройдёт { $when }
ann-hearing-time-set = 🕙 <b>{ $name }</b>: стало известно время заседания
ann-hearing-time-changed = 🕙 <b>{ $name }</b>: время заседания изменилось
ann-hearing-cancelled = ❌ <b>{ $name }</b>: заседание отменено
ann-when = 🗓 { $when }
ann-was = Было: { $when }
ann-time-unknown = Время пока не известно — сообщу, когда узнаю.
ann-court = 🏛 { $court }
ann-source = 🔗 <a href="{ $url }">Источник</a>
ann-reminder = ⏰ <b>{ $name }</b>: скоро заседание
ann-reminder-10080 = ⏰ <b>{ $name }</b>: заседание через неделю
ann-reminder-4320 = ⏰ <b>{ $name }</b>: заседание через 3 дня
ann-reminder-1440 = ⏰ <b>{ $name }</b>: заседание через сутки
ann-reminder-720 = ⏰ <b>{ $name }</b>: заседание через 12 часов
ann-reminder-120 = ⏰ <b>{ $name }</b>: заседание через 2 часа
ann-reminder-60 = ⏰ <b>{ $name }</b>: заседание через час
ann-reminder-eve = ⏰ <b>{ $name }</b>: заседание завтра
ann-reminder-morn = ⏰ <b>{ $name }</b>: заседание сегодня
ann-statement = 💬 <b>{ $name }</b>: заявление
ann-mention = 📰 <b>{ $name }</b>: упоминание в новостях
ann-update = 📢 <b>{ $name }</b>: новости от команды поддержки
ann-correction = ✏️ <b>{ $name }</b>: поправка
ann-status = ℹ️ <b>{ $name }</b>: новый статус — { $status } (было: { $old })
read-more = Читать полностью

## Buttons on announcements
btn-calendar = 📅 В календарь
btn-open-case = 📂 Карточка дела
btn-stop-unfollow = 🔕 Отписаться
btn-stop-hearings-only = 🔕 Только заседания
stop-unfollowed = Вы больше не следите за делом <b>{ $name_gen }</b>. Вернуться можно в любой момент:
stop-hearings-only = По делу <b>{ $name_gen }</b> теперь будут приходить только заседания и напоминания.
ics-summary = Заседание по делу { $name_gen }
ics-caption = 📅 Заседание по делу <b>{ $name_gen }</b>: откройте файл, чтобы добавить его в календарь.
hearing-gone = Этого заседания больше нет в расписании. Ближайшие: /hearings

## /hearings
hearings-title-mine = <b>Ближайшие заседания по вашим делам</b>
hearings-title-all = <b>Ближайшие заседания</b> (вы пока ни за чем не следите — показываю все открытые дела)
hearings-empty-mine = По вашим делам заседаний пока не назначено. Я сообщу, как только узнаю.
hearings-empty-all = Пока не известно ни об одном предстоящем заседании.
hearings-line = • <b>{ $name }</b> — { $when }
hearings-line-moved = • <b>{ $name }</b> — { $when } (перенесено)

## /settings
settings-title =
    <b>Напоминания и новости</b>
    Напоминать о заседании: { $reminders }.
    Если время заседания не известно — накануне в 18:00 и утром в 08:00 по времени суда.
    Новости, где упоминаются ваши дела (для уровня «всё»): { $news }.
    Нажмите на кнопку, чтобы включить или выключить.
settings-none = не напоминать
settings-news-on = присылать
settings-news-off = не присылать
rem-10080 = за 7 дней
rem-4320 = за 3 дня
rem-1440 = за 1 день
rem-720 = за 12 часов
rem-120 = за 2 часа
rem-60 = за 1 час
btn-rem-none = 🔕 Не напоминать
btn-rem-default = ↩ Как по умолчанию
btn-news-on = 📰 Новости: да
btn-news-off = 📰 Новости: нет
settings-saved = Сохранено

## Notices to admins
notice-source-failing = ⚠️ Источник <code>{ $source }</code> не читается { $failures } раз подряд: { $error }
notice-source-recovered = ✅ Источник <code>{ $source }</code> снова читается.

## Follower reports
btn-report = ⚠️ Дата неверна?
report-thanks = Спасибо! Команда кампании проверит дату и, если нужно, исправит её для всех.
report-already = Спасибо, об этом уже сообщили: дату проверяют.

## Delivery problems
notice-render-failed = ⚠️ Сообщение «{ $kind }» по делу { $case } не удалось составить, и подписчикам оно не отправлено. Остальные сообщения уходят как обычно. Для разработчиков: <code>{ $error }</code>

## Follower reports: refusals
report-not-follower = Сообщить о неверной дате могут только подписчики этого дела. Подпишитесь на дело, чтобы сообщить.
report-already-yours = Вы уже сообщили об этой дате. Спасибо: её проверяют.
report-too-many = Из этого чата за последний час пришло слишком много сообщений о датах. Попробуйте позже.
report-busy = Об этой дате уже сообщили многие: её проверяют. Спасибо!
## The weekday after "на" (перенесено на пятницу) and with "в" (пройдёт в среду)
weekday-acc-1 = понедельник
weekday-acc-2 = вторник
weekday-acc-3 = среду
weekday-acc-4 = четверг
weekday-acc-5 = пятницу
weekday-acc-6 = субботу
weekday-acc-7 = воскресенье
weekday-in-1 = в понедельник
weekday-in-2 = во вторник
weekday-in-3 = в среду
weekday-in-4 = в четверг
weekday-in-5 = в пятницу
weekday-in-6 = в субботу
weekday-in-7 = в воскресенье

## A final status (released, acquitted, closed)
status-closed = дело закрыто
ann-status-hearings-cancelled = ❌ Отменено, напоминаний не будет:

## Calendar files: what an event says about its case
ics-case = Дело: { $name } ({ $status })
ics-court = Суд: { $court }
ics-address = Адрес: { $address }
ics-calendar-name = Заседания по делу { $name_gen }

## A date gone by, with its year: "19 ноября 2025"
when-date-year = { $day } { $month } { $year }

## /hearings past
hearings-past-hint = Прошедшие заседания: /hearings past
hearings-past-title-mine = <b>Прошедшие заседания по вашим делам</b>
hearings-past-title-all = <b>Прошедшие заседания</b> (вы пока ни за чем не следите — показываю все открытые дела)
hearings-past-empty = Прошедших заседаний я пока не знаю.

## Retention
ann-case-closed = 🗂 <b>{ $name }</b>: дело закрыто уже { $days } { $days ->
        [one] день
        [few] дня
       *[other] дней
    }. Я больше не пишу о нём и удаляю список тех, кто за ним следил, вместе с этой подпиской. Чтобы снова следить за делом, откройте его карточку.
