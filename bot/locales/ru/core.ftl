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
    /write <i>имя</i> — как написать письмо: адрес и правила переписки
    /hearings — ближайшие заседания
    /settings — напоминания и новости
    /lang — язык
    /privacy — что я храню о вас
    /forget — удалить всё, что я о вас храню

    Уровни: <b>всё</b> — заседания, напоминания, заявления и новости; <b>только заседания</b> — даты заседаний, переносы и напоминания.

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

## Privacy statement (bot/privacy.py lists the tables; these are its words)
privacy-head = <b>Что я храню и сколько</b>
privacy-about-person = <b>О чате, который следит за делами</b>
privacy-about-staff = <b>Об администраторах и редакторах кампании</b>
privacy-what-chats = номер чата (в зашифрованном виде), его тип, язык и настройки напоминаний
privacy-what-subscriptions = за какими делами следит чат и на каком уровне
privacy-what-outbox = какие сообщения отправлены в чат и их номера в Telegram (чтобы их можно было исправить)
privacy-what-dialogs = ответы администратора в незавершённой многошаговой команде
privacy-what-drafts = предпросмотр, который ждёт подтверждения
privacy-what-editors = кто может публиковать по делу и кто его пригласил
privacy-what-invites = приглашения редакторов: отпечаток ссылки, кто её создал и кто ею воспользовался
privacy-what-audit_log = каждое действие администраторов и редакторов: кто, что, по какому делу, когда
privacy-kept-chat = до команды /forget; удаляется через { $inactive } { $inactive ->
        [one] день
        [few] дня
       *[other] дней
    } после того, как чат заблокировал бота
privacy-kept-subscription = пока вы не отпишетесь или не нажмёте /forget; удаляется, когда дело закрыто уже { $closed } { $closed ->
        [one] день
        [few] дня
       *[other] дней
    } (сначала я об этом сообщу)
privacy-kept-outbox = { $retention } { $retention ->
        [one] день
        [few] дня
       *[other] дней
    } после отправки
privacy-kept-dialog = до завершения, но не больше { $dialog } { $dialog ->
        [one] день
        [few] дня
       *[other] дней
    }
privacy-kept-draft = { $draft } { $draft ->
        [one] минуту
        [few] минуты
       *[other] минут
    }
privacy-kept-editor = пока право не отозвано или до команды /forget
privacy-kept-invite = { $invite } { $invite ->
        [one] час
        [few] часа
       *[other] часов
    } и ещё сутки
privacy-kept-audit = хранится; после /forget вместо человека остаётся отметка «забыт»
privacy-kept-record = хранится вместе с записью; после /forget вместо человека остаётся отметка «забыт»
privacy-kept-case = хранится: это открытые сведения о деле
privacy-kept-item = тексты хранятся { $items } { $items ->
        [one] день
        [few] дня
       *[other] дней
    }, затем стираются
privacy-kept-system = хранится
privacy-records = Кто опубликовал сообщение, проверил находку или добавил источник, хранится вместе с этой записью; после того как человек нажмёт /forget, на его месте остаётся отметка «забыт».
privacy-seized =
    <b>Если изымут сервер или резервную копию</b>
    Все номера Telegram в базе зашифрованы ключом, который хранится отдельно от неё. По одной копии базы видно, сколько людей следит за каждым делом, их языки и настройки и что когда отправлялось, — но не кто они. Это защищает изъятый диск или резервную копию, но не сервер, захваченный во время работы бота.
privacy-forget = Команда /forget сразу удаляет всё, что относится к этому чату: подписки, настройки, сообщения и сам чат, — и очищает журнал базы, чтобы не осталось копий. Записи о действиях администраторов и редакторов остаются, но вместо человека в них стоит отметка «забыт».
privacy-never = Я никогда не храню имена, юзернеймы, номера телефонов и тексты ваших сообщений, и в журналах их тоже нет. Администраторы видят только число подписчиков.
privacy-kept-report = до начала заседания; счётчики — два часа
privacy-kept-send = от секунд до минуты; удаляется в течение суток
