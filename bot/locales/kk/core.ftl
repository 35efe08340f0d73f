## Greeting, help, privacy
start-greeting =
    Сәлеметсіз бе! Мен — <b>Case Watch</b>: саяси тұтқындар мен экстрадиция қаупі төнген адамдардың сот істерін бақылауға көмектесемін.

    Іске жазылыңыз — жаңа сот отырысы, оның шегерілуі не мәлімдеме туралы хабарлаймын, әр отырыс алдында еске саламын.
    Төмендегі тізімнен істі таңдаңыз немесе іздеңіз: <code>/follow Тегі</code>.
help-text =
    <b>Не істей аламын</b>
    /cases — барлық істер
    /follow <i>аты</i> — істі бақылау (кез келген септікте немесе латынша)
    /unfollow <i>аты</i> — бақылауды тоқтату
    /my — менің істерім және хабарлама деңгейі
    /case <i>аты</i> — іс карточкасы
    /hearings — алдағы отырыстар
    /settings — еске салулар мен жаңалықтар
    /lang — тіл
    /privacy — сіз туралы не сақтаймын
    /forget — сіз туралы сақталғанның бәрін өшіру

    Деңгейлер: <b>бәрі</b> — отырыстар, еске салулар, мәлімдемелер мен жаңалықтар; <b>тек отырыстар</b> — отырыс күндері, шегерулер және еске салулар.
privacy-text =
    <b>Не сақтаймын</b>
    Тек осы чаттың нөмірі, түрі, таңдалған тіл, жазылымдарыңыз бен баптауларыңыз. Аты-жөнді, пайдаланушы атын және хабарламаларыңыздың мәтінін сақтамаймын, журналға жазбаймын.
    Жазылушылар тізімі ешкімге көрсетілмейді: әкімшілер тек санын көреді.
    /forget командасы мұның бәрін із қалдырмай өшіреді.

## Commands (setMyCommands)
cmd-start = Бастау
cmd-cases = Барлық істер
cmd-follow = Істі бақылау
cmd-unfollow = Бақылауды тоқтату
cmd-my = Менің істерім
cmd-case = Іс карточкасы
cmd-lang = Тіл
cmd-help = Көмек
cmd-privacy = Не сақтаймын
cmd-forget = Деректерімді өшіру

## Statuses and levels
status-detained = қамауда
status-house_arrest = үй қамауында
status-trial = сот жүріп жатыр
status-appeal = апелляция
status-sentenced = үкім шықты
status-extradition = экстрадиция мәселесі шешілуде
status-released = бостандықта
status-acquitted = ақталды
level-all = бәрі
level-hearings = тек отырыстар

## Case list and card
cases-title = <b>Істер</b> ({ $pages } беттің { $page }-беті). Карточканы ашу үшін атын басыңыз; ➕ — бақылау, ✅ — бақылап отырсыз.
cases-empty = Әзірге ашық іс жоқ.
case-card =
    <b>{ $name }</b>
    Мәртебесі: { $status }
case-court = Сот: { $court }
case-following = Сіз бақылап отырсыз: <b>{ $level }</b>.
case-not-following = Сіз бұл істі әлі бақыламайсыз.
case-links = Сілтемелер:
btn-follow-all = 🔔 Бәрін бақылау
btn-follow-hearings = 📅 Тек отырыстар
btn-unfollow = 🔕 Бақылауды тоқтату
btn-cases = 📋 Барлық істер
btn-prev = ◀
btn-next = ▶

## Follow, unfollow, my
follow-usage = Командадан кейін атын жазыңыз, мысалы: <code>/follow Балашов</code>. Немесе /cases тізімінен таңдаңыз.
follow-done = Сіз <b>{ $name_gen }</b> ісін бақылайсыз ({ $level }).
follow-level-changed = <b>{ $name_gen }</b> ісі бойынша енді аласыз: { $level }.
follow-already = Сіз <b>{ $name_gen }</b> ісін бақылап отырсыз ({ $level }).
follow-choose = Бірнеше іс табылды. Қайсысын айттыңыз?
follow-none = «{ $query }» ісі табылмады. Тізімді қараңыз: /cases
unfollow-usage = Командадан кейін атын жазыңыз, мысалы: <code>/unfollow Балашов</code>. Сіздің істеріңіз: /my
unfollow-done = Сіз енді <b>{ $name_gen }</b> ісін бақыламайсыз.
unfollow-not-following = Сіз <b>{ $name_gen }</b> ісін бақыламайсыз.
my-empty = Сіз әлі ешбір істі бақыламайсыз. Барлық істер: /cases
my-title = <b>Сіздің істеріңіз</b> (деңгейді ауыстыру үшін басыңыз):
my-line = • <b>{ $name }</b> — { $level }
case-usage = Командадан кейін атын жазыңыз, мысалы: <code>/case Ильяшев</code>.
query-too-long = Сұрау тым ұзын: тегі жеткілікті.

## Deep links
deeplink-unknown = Сілтеменің мерзімі өткен немесе іс табылмады. Істер тізімі: /cases

## Language
lang-choose = Тілді таңдаңыз:
lang-set = Дайын: енді қазақша жазамын.

## Forget
forget-confirm = Осы чат туралы сақталғанның бәрін өшірейін бе: жазылымдар, баптаулар, тіл? Мұны қайтару мүмкін емес.
btn-forget-yes = Иә, өшіру
btn-cancel = Бас тарту
forget-done = Дайын: осы чат туралы сақтағанның бәрін өшірдім. Қайта бастау үшін /start басыңыз.
forget-cancelled = Ештеңе өшірілген жоқ.

## Groups and errors
group-admins-only = Топта істерді бақылауды тек топ әкімшілері қоса не тоқтата алады.
error-generic = Бірдеңе дұрыс болмады. Сәлден соң қайталап көріңіз.
button-expired = Бұл батырманың мерзімі өтті. Тізімді қайта ашыңыз: /cases
unknown-command = Мұндай команда жоқ. Командалар тізімі: /help

plain-text-hint = Істі табу үшін тегін жазыңыз немесе /cases ашыңыз. Барлық командалар — /help
## The case card: address, hearings, news, sharing
case-address = Сот мекенжайы: { $address }
case-next-hearing = 📅 Келесі сот отырысы: { $when }
case-past-hearings = 🗂 Өткен сот отырыстары:
case-past-line = • { $when }
case-latest-news = 📰 Соңғы жаңалық ({ $when }): { $text }
case-news-status = жаңа мәртебе — { $status }
btn-share = 📤 Бөлісу
share-text = { $name_gen } ісін бақылаңыз: сот отырыстары, ауыстырулар мен жаңалықтар Telegram-да
