## Greeting, help, privacy
start-greeting =
    Здравствуйте! Я <b>Case Watch</b>: помогаю следить за судебными делами политзаключённых и людей, которых хотят экстрадировать.

    Подпишитесь на дело — и я сообщу о новом заседании, переносе или заявлении, а перед каждым заседанием напомню.
    Выберите дело из списка ниже или найдите его: <code>/follow Фамилия</code>.
help-text =
    <b>Что я умею</b>
    /cases — все дела
    /follow <i>имя</i> — следить за делом (можно в любом падеже или латиницей)
    /unfollow <i>имя</i> — перестать следить
    /my — мои дела и уровень уведомлений
    /case <i>имя</i> — карточка дела
    /hearings — ближайшие заседания
    /settings — напоминания и новости
    /lang — язык
    /privacy — что я храню о вас
    /forget — удалить всё, что я о вас храню

    Уровни: <b>всё</b> — заседания, напоминания, заявления и новости; <b>только заседания</b> — даты заседаний, переносы и напоминания.
privacy-text =
    <b>Что я храню</b>
    Только номер этого чата, его тип, выбранный язык, ваши подписки и настройки. Имён, юзернеймов и текстов ваших сообщений я не храню и не пишу в журналы.
    Список подписчиков никому не показывается: администраторы видят только числа.
    Команда /forget удаляет всё это без следа.

## Commands (setMyCommands)
cmd-start = Начало
cmd-cases = Все дела
cmd-follow = Следить за делом
cmd-unfollow = Перестать следить
cmd-my = Мои дела
cmd-case = Карточка дела
cmd-lang = Язык
cmd-help = Помощь
cmd-privacy = Что я храню
cmd-forget = Удалить мои данные

## Statuses and levels
status-detained = под стражей
status-house_arrest = под домашним арестом
status-trial = идёт суд
status-appeal = апелляция
status-sentenced = вынесен приговор
status-extradition = решается вопрос об экстрадиции
status-released = на свободе
status-acquitted = оправдан(а)
level-all = всё
level-hearings = только заседания

## Case list and card
cases-title = <b>Дела</b> (страница { $page } из { $pages }). Нажмите на имя, чтобы открыть карточку; ➕ — следить, ✅ — вы уже следите.
cases-empty = Пока нет ни одного открытого дела.
case-card =
    <b>{ $name }</b>
    Статус: { $status }
case-court = Суд: { $court }
case-following = Вы следите: <b>{ $level }</b>.
case-not-following = Вы пока не следите за этим делом.
case-links = Ссылки:
btn-follow-all = 🔔 Следить за всем
btn-follow-hearings = 📅 Только заседания
btn-unfollow = 🔕 Перестать следить
btn-cases = 📋 Все дела
btn-prev = ◀
btn-next = ▶

## Follow, unfollow, my
follow-usage = Напишите имя после команды, например: <code>/follow Балашов</code>. Или выберите дело в /cases.
follow-done = Вы следите за делом <b>{ $name_gen }</b> ({ $level }).
follow-level-changed = Теперь по делу <b>{ $name_gen }</b> вы получаете: { $level }.
follow-already = Вы уже следите за делом <b>{ $name_gen }</b> ({ $level }).
follow-choose = Нашлось несколько дел. Какое вы имели в виду?
follow-none = Не нашёл дела «{ $query }». Посмотрите список: /cases
unfollow-usage = Напишите имя после команды, например: <code>/unfollow Балашов</code>. Ваши дела: /my
unfollow-done = Вы больше не следите за делом <b>{ $name_gen }</b>.
unfollow-not-following = Вы и так не следите за делом <b>{ $name_gen }</b>.
my-empty = Вы пока ни за чем не следите. Список дел: /cases
my-title = <b>Ваши дела</b> (нажмите, чтобы сменить уровень):
my-line = • <b>{ $name }</b> — { $level }
case-usage = Напишите имя после команды, например: <code>/case Ильяшев</code>.
query-too-long = Слишком длинный запрос: хватит фамилии.

## Deep links
deeplink-unknown = Ссылка устарела или дело не найдено. Вот список дел: /cases

## Language
lang-choose = Выберите язык:
lang-set = Готово: буду писать по-русски.

## Forget
forget-confirm = Удалить всё, что я храню об этом чате: подписки, настройки, язык? Это нельзя отменить.
btn-forget-yes = Да, удалить
btn-cancel = Отмена
forget-done = Готово: я удалил всё, что хранил об этом чате. Чтобы начать заново, нажмите /start.
forget-cancelled = Ничего не удалено.

## Groups and errors
group-admins-only = В группе следить за делами и отписываться могут только администраторы группы.
error-generic = Что-то пошло не так. Попробуйте ещё раз чуть позже.
button-expired = Эта кнопка устарела. Откройте список заново: /cases
unknown-command = Не знаю такой команды. Список команд: /help

plain-text-hint = Чтобы найти дело, напишите фамилию или откройте /cases. Все команды — /help
## The case card: address, hearings, news, sharing
case-address = Адрес суда: { $address }
case-next-hearing = 📅 Ближайшее заседание: { $when }
case-past-hearings = 🗂 Прошедшие заседания:
case-past-line = • { $when }
case-latest-news = 📰 Последняя новость ({ $when }): { $text }
case-news-status = новый статус — { $status }
btn-share = 📤 Поделиться
share-text = Следите за делом { $name_gen }: заседания, переносы и новости в Telegram
