## Commands (setMyCommands)
cmd-hearings = Алдағы сот отырыстары
cmd-settings = Еске салу және жаңалықтар

## Dates: "17 наурыз, сейсенбі, 10:00 (Алматы)"
weekday-1 = дүйсенбі
weekday-2 = сейсенбі
weekday-3 = сәрсенбі
weekday-4 = бейсенбі
weekday-5 = жұма
weekday-6 = сенбі
weekday-7 = жексенбі
month-1 = қаңтар
month-2 = ақпан
month-3 = наурыз
month-4 = сәуір
month-5 = мамыр
month-6 = маусым
month-7 = шілде
month-8 = тамыз
month-9 = қыркүйек
month-10 = қазан
month-11 = қараша
month-12 = желтоқсан
when-date = { $day } { $month }, { $weekday }
when-datetime = { $day } { $month }, { $weekday }, { $time } ({ $zone })
zone-asia-almaty = Алматы
zone-asia-aqtobe = Ақтөбе
zone-asia-aqtau = Ақтау
zone-asia-atyrau = Атырау
zone-asia-oral = Орал
zone-asia-qyzylorda = Қызылорда
zone-asia-qostanay = Қостанай
zone-europe-moscow = Мәскеу
zone-asia-tashkent = Ташкент
zone-asia-bishkek = Бішкек

## Announcements
ann-hearing-new = 📅 <b>{ $name }</b>: сот отырысы тағайындалды
ann-hearing-moved = 🔁 <b>{ $name }</b>: сот отырысы басқа күнге ауыстырылды — { $when }
ann-hearing-corrected = ✏️ <b>{ $name }</b>: түзету — сот отырысы { $when } өтеді
ann-hearing-time-set = 🕙 <b>{ $name }</b>: сот отырысының уақыты белгілі болды
ann-hearing-time-changed = 🕙 <b>{ $name }</b>: сот отырысының уақыты өзгерді
ann-hearing-cancelled = ❌ <b>{ $name }</b>: сот отырысы болмайды
ann-when = 🗓 { $when }
ann-was = Бұрын: { $when }
ann-time-unknown = Уақыты әзірге белгісіз — білген бойда хабарлаймын.
ann-court = 🏛 { $court }
ann-source = 🔗 <a href="{ $url }">Дереккөз</a>
ann-reminder = ⏰ <b>{ $name }</b>: жақында сот отырысы
ann-reminder-10080 = ⏰ <b>{ $name }</b>: сот отырысына бір апта қалды
ann-reminder-4320 = ⏰ <b>{ $name }</b>: сот отырысына 3 күн қалды
ann-reminder-1440 = ⏰ <b>{ $name }</b>: сот отырысына бір тәулік қалды
ann-reminder-720 = ⏰ <b>{ $name }</b>: сот отырысына 12 сағат қалды
ann-reminder-120 = ⏰ <b>{ $name }</b>: сот отырысына 2 сағат қалды
ann-reminder-60 = ⏰ <b>{ $name }</b>: сот отырысына бір сағат қалды
ann-reminder-eve = ⏰ <b>{ $name }</b>: сот отырысы ертең
ann-reminder-morn = ⏰ <b>{ $name }</b>: сот отырысы бүгін
ann-statement = 💬 <b>{ $name }</b>: мәлімдеме
ann-mention = 📰 <b>{ $name }</b>: жаңалықтарда аталды
ann-update = 📢 <b>{ $name }</b>: қолдау тобының жаңалығы
ann-correction = ✏️ <b>{ $name }</b>: түзету
ann-status = ℹ️ <b>{ $name }</b>: жаңа мәртебе — { $status } (бұрын: { $old })
read-more = Толығырақ оқу

## Buttons on announcements
btn-calendar = 📅 Күнтізбеге қосу
btn-open-case = 📂 Іс карточкасы
btn-stop-unfollow = 🔕 Жазылымнан шығу
btn-stop-hearings-only = 🔕 Тек отырыстар
stop-unfollowed = Сіз енді <b>{ $name_gen }</b> ісін бақыламайсыз. Кез келген уақытта қайта жазыла аласыз:
stop-hearings-only = <b>{ $name_gen }</b> ісі бойынша енді тек сот отырыстары мен еске салулар келеді.
ics-summary = { $name_gen } ісі бойынша сот отырысы
ics-caption = 📅 <b>{ $name_gen }</b> ісі бойынша сот отырысы: күнтізбеге қосу үшін файлды ашыңыз.
hearing-gone = Бұл сот отырысы енді кестеде жоқ. Алдағылары: /hearings

## /hearings
hearings-title-mine = <b>Сіздің істеріңіз бойынша алдағы сот отырыстары</b>
hearings-title-all = <b>Алдағы сот отырыстары</b> (сіз әзірге ешбір істі бақыламайсыз, сондықтан барлық ашық істерді көрсетемін)
hearings-empty-mine = Сіздің істеріңіз бойынша әзірге сот отырысы тағайындалған жоқ. Білген бойда хабарлаймын.
hearings-empty-all = Әзірге алдағы сот отырыстарының бірі де белгісіз.
hearings-line = • <b>{ $name }</b> — { $when }
hearings-line-moved = • <b>{ $name }</b> — { $when } (ауыстырылды)

## /settings
settings-title =
    <b>Еске салу және жаңалықтар</b>
    Сот отырысы туралы еске салу: { $reminders }.
    Отырыстың уақыты белгісіз болса — алдыңғы күні кешкі 18:00-де және сол күні таңғы 08:00-де, сот уақытымен.
    Істеріңіз аталған жаңалықтар («бәрі» деңгейі үшін): { $news }.
    Қосу не өшіру үшін батырманы басыңыз.
settings-none = еске салмау
settings-news-on = жіберу
settings-news-off = жібермеу
rem-10080 = 7 күн бұрын
rem-4320 = 3 күн бұрын
rem-1440 = 1 күн бұрын
rem-720 = 12 сағат бұрын
rem-120 = 2 сағат бұрын
rem-60 = 1 сағат бұрын
btn-rem-none = 🔕 Еске салмау
btn-rem-default = ↩ Әдепкі бойынша
btn-news-on = 📰 Жаңалықтар: иә
btn-news-off = 📰 Жаңалықтар: жоқ
settings-saved = Сақталды

## Notices to admins
notice-source-failing = ⚠️ <code>{ $source }</code> дереккөзі қатарынан { $failures } рет оқылмады: { $error }
notice-source-recovered = ✅ <code>{ $source }</code> дереккөзі қайтадан оқылып жатыр.

## Follower reports
btn-report = ⚠️ Күні қате ме?
report-thanks = Рахмет! Науқан командасы күнді тексеріп, қажет болса, барлығы үшін түзетеді.
report-already = Рахмет, бұл туралы хабарланған: күн тексеріліп жатыр.

## Delivery problems
notice-render-failed = ⚠️ { $case } ісі бойынша «{ $kind }» хабарламасы құрастырылмады және жазылушыларға жіберілмеді. Басқа хабарламалар әдеттегідей жіберіледі. Әзірлеушілерге: <code>{ $error }</code>

## Follower reports: refusals
report-not-follower = Қате күн туралы тек осы істің жазылушылары хабарлай алады. Хабарлау үшін іске жазылыңыз.
report-already-yours = Сіз бұл күн туралы хабарлап қойдыңыз. Рахмет: ол тексеріліп жатыр.
report-too-many = Соңғы бір сағатта бұл чаттан күндер туралы хабарламалар тым көп келді. Кейінірек қайталап көріңіз.
report-busy = Бұл күн туралы көп адам хабарлады: ол тексеріліп жатыр. Рахмет!
## The weekday inside a sentence: the date comes first in Kazakh, so the weekday keeps its form
weekday-acc-1 = дүйсенбі
weekday-acc-2 = сейсенбі
weekday-acc-3 = сәрсенбі
weekday-acc-4 = бейсенбі
weekday-acc-5 = жұма
weekday-acc-6 = сенбі
weekday-acc-7 = жексенбі
weekday-in-1 = дүйсенбі
weekday-in-2 = сейсенбі
weekday-in-3 = сәрсенбі
weekday-in-4 = бейсенбі
weekday-in-5 = жұма
weekday-in-6 = сенбі
weekday-in-7 = жексенбі

## A final status (released, acquitted, closed)
status-closed = іс жабылды
ann-status-hearings-cancelled = ❌ Болмайды, еске салу келмейді:

## Calendar files: what an event says about its case
ics-case = Іс: { $name } ({ $status })
ics-court = Сот: { $court }
ics-address = Мекенжайы: { $address }
ics-calendar-name = { $name_gen } ісі бойынша сот отырыстары

## A date gone by, with its year: "2025 жылғы 19 қараша"
when-date-year = { $year } жылғы { $day } { $month }

## /hearings past
hearings-past-hint = Өткен сот отырыстары: /hearings past
hearings-past-title-mine = <b>Сіздің істеріңіз бойынша өткен сот отырыстары</b>
hearings-past-title-all = <b>Өткен сот отырыстары</b> (сіз әлі ешбір істі бақыламайсыз — барлық ашық істерді көрсетемін)
hearings-past-empty = Өткен сот отырыстары туралы әзірге білмеймін.

## Retention
ann-case-closed = 🗂 <b>{ $name }</b>: іс { $days } күннен бері жабық. Ол туралы енді хабар жібермеймін және оны бақылағандар тізімін, осы жазылымды қоса, өшіремін. Істі қайта бақылау үшін оның карточкасын ашыңыз.
