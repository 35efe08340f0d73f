## Rights
admin-refused = Бұл команда науқан әкімшілері мен іс редакторларына арналған.
admin-private-only = Науқан құралдары тек ботпен жеке чатта жұмыс істейді.
admin-only = Мұны тек бот әкімшілері жасай алады.
admin-not-your-case = Сіз «{ $slug }» ісінің редакторы емессіз.

## Common
admin-need-case = Істі көрсетіңіз: оның кодын (slug) немесе атын.
admin-unknown-case = «{ $query }» ісі жоқ.
admin-ambiguous-case = Бірнеше іс сәйкес келеді: { $slugs }. Кодын көрсетіңіз.
admin-btn-confirm = ✅ Растау
admin-btn-cancel = ✖ Бас тарту
admin-cancelled = Тоқтатылды; ештеңе өзгерген жоқ.
admin-draft-expired = Бұл алдын ала көріністің мерзімі өтті немесе қолданылып қойған. Жаңасын жасаңыз.
admin-draft-stale = Алдын ала көріністен кейін бірдеңе өзгерді; ештеңе жіберілген жоқ. Жаңасын жасаңыз.
admin-sent = Дайын: { $count } чатқа жіберу кезегіне қойылды.
admin-preview-followers = Алдын ала көрініс — жазылушылар дәл осыны алады:
admin-preview-silent = Жазылушыларға ештеңе жіберілмейді: бұл оларға айтылғанды өзгертпейді немесе отырыс уақыты өтіп кетті.
admin-bad-date = «{ $value }» ішінен күнді түсінбедім. «17 наурыз 10:00», «17.03.2026 10:00» немесе «2026-03-17» деп көріңіз.
admin-date-past = Бұл күн өтіп кетті. Отырысты бүгінге немесе кейінгі күнге қосуға болады.
admin-too-long = Тым ұзын: «{ $field }» — { $limit } таңбадан аспауы керек.
admin-bad-value = «{ $field }» өрісі үшін дұрыс мән емес.

## Editors
admin-invite = <b>{ $name_gen }</b> ісінің редакторына бір реттік шақыру (24 сағат, бір рет жарамды):
    { $link }
    Оны осы істі сеніп тапсыратын адамға ғана жіберіңіз.
admin-invite-invalid = Шақыру сілтемесі жарамсыз: ол қолданылған, мерзімі өткен немесе мүлде болмаған.
admin-invite-accepted = Енді сіз <b>{ $name_gen }</b> ісінің редакторысыз. Жаңалық (/post { $slug }) және отырыс (/hearing { $slug } күні уақыты) жариялай аласыз.
admin-editors-none = Әзірге редактор жоқ.
admin-editors-title = <b>Редакторлар</b>
admin-editors-line = • { $slug }: пайдаланушы { $user }
admin-revoke-usage = Былай: /revoke &lt;іс&gt; &lt;пайдаланушы id&gt;
admin-revoked = { $user } пайдаланушысы енді { $slug } редакторы емес.
admin-not-editor = { $user } пайдаланушысы { $slug } редакторы емес.

## Cases
admin-newcase-intro = Жаңа іс. Сұрақтарға жауап беріңіз; «-» міндетті емесін өткізіп жібереді, /cancel тоқтатады.
admin-ask-slug = { $n }/{ $total }. Сілтемелерге арналған іс коды: латын әріптері, сандар, - және _ (мысалы, ivanov).
admin-ask-name = { $n }/{ $total }. Көрсетілетін аты (орысша).
admin-ask-name_en = { $n }/{ $total }. Ағылшынша аты (немесе -).
admin-ask-name_kk = { $n }/{ $total }. Қазақша аты (немесе -).
admin-ask-aliases = { $n }/{ $total }. Басқа жазылу түрлері үтір арқылы (немесе -).
admin-ask-court = { $n }/{ $total }. Сот (немесе -).
admin-ask-timezone = { $n }/{ $total }. Соттың уақыт белдеуі, мысалы Asia/Almaty (- дегені Asia/Almaty).
admin-ask-status = { $n }/{ $total }. Мәртебесі:
admin-ask-description = { $n }/{ $total }. Орысша қысқаша сипаттама (немесе -).
admin-ask-links = { $n }/{ $total }. Сілтемелер бос орын арқылы (немесе -).
admin-bad-slug = Код: кіші латын әріптері, сандар, - және _, 32 таңбаға дейін, әріптен не саннан басталады.
admin-slug-taken = «{ $slug }» коды бос емес. Басқасын таңдаңыз.
admin-bad-links = Сілтемелер http:// немесе https:// деп басталуы керек (10-нан аспайды).
admin-bad-timezone = «{ $value }» уақыт белдеуі белгісіз. Мысалы, Asia/Almaty деп жазыңыз.
admin-bad-status = Мәртебе мыналардың бірі болуы керек: { $statuses }.
admin-preview-newcase = Іс карточкасының алдын ала көрінісі:
admin-newcase-done = <b>{ $name_gen }</b> ісі құрылды. Сілтемесі: { $link }
admin-editcase-choose = <b>{ $name_gen }</b> ісінде нені өзгертеміз?
admin-editcase-ask = { $field }: жаңа мәнін жазыңыз (қазір: { $current }). «-» тазартады, /cancel тоқтатады.
admin-preview-edit = Өзгерістің алдын ала көрінісі:
admin-editcase-preview = <b>{ $name }</b>: { $field } → { $value }
admin-editcase-done = Сақталды: <b>{ $name }</b> — { $field }.
admin-setstatus-usage = Былай: /setstatus &lt;іс&gt; &lt;мәртебе&gt;; мәртебелер: { $statuses }
admin-status-same = Істің мәртебесі қазірдің өзінде «{ $status }».

## Sources
admin-addsource-usage = Былай: /addsource &lt;url&gt; [іс]
admin-url-not-http = Тек http:// және https:// мекенжайларын қосуға болады.
admin-addsource-checking = Дереккөзді тексеріп жатырмын…
admin-addsource-failed = { $url } дереккөзі оқылмады: { $reason }
admin-source-exists = { $source } дереккөзі бар.
admin-addsource-found = Түрі: <b>{ $kind }</b>, { $url }. Табылған материалдар: { $count }. Ең жаңалары:
admin-addsource-case = Барлық материал <b>{ $name_gen }</b> ісіне жатады.
admin-preview-source = Дереккөзді қосамыз ба? Қазір бар материалдар оқылған деп сақталады; тек жаңалары жарияланады.
admin-source-added = { $source } дереккөзі қосылды; алғашқы сұрау бір минут ішінде.
admin-sources-none = Әзірге дереккөз жоқ. Қосыңыз: /addsource &lt;url&gt; [іс]
admin-sources-title = <b>Дереккөздер</b>
admin-source-ok = ✅ { $source } ({ $kind }): жақсы, соңғы оқылғаны { $last }
admin-source-new = 🆕 { $source } ({ $kind }): әлі оқылмаған
admin-source-paused = ⏸ { $source } ({ $kind }): кідіртілген
admin-source-removed = 🗑 { $source } ({ $kind }): жойылған
admin-source-failing = ⚠️ { $source } ({ $kind }): { $since } бастап қате, қатарынан { $failures } рет: { $error }
admin-unknown-source = «{ $source }» дереккөзі жоқ. Тізім: /sources
admin-source-usage = Былай: /{ $command } &lt;дереккөз id&gt;
admin-source-did-pause = { $source } дереккөзі кідіртілді.
admin-source-did-resume = { $source } дереккөзі қайта сұралады.
admin-source-did-remove = { $source } дереккөзі жойылды.

## Hearings
admin-hearing-usage = Былай: /hearing &lt;іс&gt; &lt;күні&gt; [уақыты] [сот], мысалы /hearing balashov 17 наурыз 10:00
admin-movehearing-usage = Былай: /movehearing &lt;іс&gt; &lt;жаңа күні&gt; [уақыты] — ең жақын отырысты ауыстырады.
admin-cancelhearing-usage = Былай: /cancelhearing &lt;іс&gt; — ең жақын отырысты болдырмайды.
admin-no-upcoming = Істің алдағы отырысы жоқ.

## Posts
admin-post-ask = <b>{ $name_gen }</b> ісі бойынша жаңалық мәтінін келесі хабарламамен жіберіңіз (пішімі мен сілтемелері сақталады). /cancel тоқтатады.
admin-post-empty = Жаңалықта мәтін жоқ.

## Review
admin-review-none = Тексеруді күтіп тұрған ештеңе жоқ.
admin-review-item = <b>Тексеруге</b> ({ $left } қалды): { $name }
    Күні: { $when }{ $postponed }
    Сенімділік: { $confidence }
admin-review-report = <b>Жазылушы бұл отырыстың күні қате болуы мүмкін дейді</b> ({ $left } тексеруде): { $name }
    Қазір: { $when }
    Сотпен тексеріп, түзетіңіз немесе сол күйінде қалдырыңыз.
admin-btn-keep = ✅ Бәрі дұрыс
admin-review-postponed = , шегерілген
admin-btn-approve = ✅ Жариялау
admin-btn-edit = ✏️ Күнін/уақытын түзету
admin-btn-reject = ✖ Қабылдамау
admin-btn-next = ⏭ Келесі
admin-review-approved = Мақұлданды және { $count } чатқа жарияланды.
admin-review-rejected = Қабылданбады; жарияланбайды.
admin-review-edit-ask = Дұрыс күн мен уақытты жіберіңіз, мысалы «17 наурыз 10:00». /cancel тоқтатады.
admin-review-gone = Бұл табылған дерек тексеріліп қойған.
admin-review-no-date = Мәлімдемеде немесе еске алуда түзететін күн жоқ: оны жариялаңыз не қабылдамаңыз.

## Stats and export
admin-stats = <b>Статистика</b> (тек сандар)
    Жазылушылар:
    { $followers }
    Бүгін ({ $day }, { $zone }) жазылушыларға жіберілді: { $sent }, қате: { $failed }, кезекте: { $pending }
    Қатесі бар дереккөздер: { $sources } ішінен { $failing }
    Тексеруді күткен табылғандар: { $review }
admin-stats-line = • { $slug }: бәрі — { $all }, тек отырыстар — { $hearings }
admin-export-done = <b>{ $name_gen }</b> ісінің отырыстары мен жаңалықтары.

## Help for admins and editors
admin-help =
    <b>Науқан құралдары</b>
    /hearing <i>іс күні [уақыты] [сот]</i> — отырысты жариялау
    /movehearing <i>іс күні [уақыты]</i>, /cancelhearing <i>іс</i> — ауыстыру, болдырмау
    /post <i>іс</i> — жаңалық жариялау
    /export <i>іс</i> — отырыстар мен жаңалықтар файлмен
    /kit <i>іс …</i> — зал, отырыс ашық па, қашан келу керек, өзіңізбен не алу керек
    /howitwent <i>іс</i> — 🙋 басқандарға отырыс қалай өткенін айту
    Тек әкімшілерге: /newcase, /editcase, /setstatus, /addsource, /sources, /pausesource, /resumesource, /removesource, /review, /stats, /editor, /editors, /revoke

## Commands of admins and editors (setMyCommands, their own chats)
cmd-editor = Іс редакторын шақыру
cmd-editors = Іс редакторлары
cmd-revoke = Редактор құқығын алу
cmd-newcase = Жаңа іс
cmd-editcase = Істі өзгерту
cmd-setstatus = Іс мәртебесін өзгерту
cmd-addsource = Дереккөз қосу
cmd-sources = Дереккөздер және жағдайы
cmd-pausesource = Дереккөзді кідірту
cmd-resumesource = Дереккөзді жалғастыру
cmd-removesource = Дереккөзді жою
cmd-hearing = Отырысты жариялау
cmd-movehearing = Отырысты ауыстыру
cmd-cancelhearing = Отырысты болдырмау
cmd-post = Жаңалық жариялау
cmd-review = Табылғандарды тексеру
cmd-stats = Статистика
cmd-export = Отырыстар мен жаңалықтарды жүктеу

## Review: agreement and conflicts between sources
admin-review-confirmed = ✔ { $count ->
    [one] Мұны { $count } тәуелсіз дереккөз растады
   *[other] Мұны { $count } тәуелсіз дереккөз растады
}.
admin-review-conflict = ⚠️ <b>Дереккөздер әртүрлі күн айтады.</b> Басқа дереккөз бұл іс бойынша өзге күнді атап қойған: { $date } { $time }
    «{ $evidence }»
    { $link }
    Сотпен нақтылаңыз. «Жариялау» бұл күнді жеке отырыс ретінде қосады, «Түзету» оны түзетеді, «Қабылдамау» тек белгілі күнді қалдырады. Егер сот белгілі отырысты шегерсе, мұны қабылдамаңыз да, /movehearing командасын пайдаланыңыз.
admin-review-conflict-admin = ⚠️ <b>Әкімші бұл іс бойынша басқа күнді енгізіп қойған:</b> { $date } { $time }
    Сотпен нақтылаңыз. «Жариялау» бұл күнді жеке отырыс ретінде қосады, «Түзету» оны түзетеді, «Қабылдамау» тек белгілі күнді қалдырады. Егер сот белгілі отырысты шегерсе, мұны қабылдамаңыз да, /movehearing командасын пайдаланыңыз.
## Why /addsource could not add a link
admin-addsource-not-http = { $url }: тек http:// және https:// мекенжайларын қосуға болады.
admin-addsource-too-many = Бір жолы { $limit } сілтемеден артық қосуға болмайды.
admin-addsource-why-not-http = тек http:// және https:// мекенжайларын қосуға болады.
admin-addsource-why-blocked = бұл интернеттегі жария мекенжай емес (немесе бұл портқа рұқсат жоқ), бот мұндай мекенжайларды ашпайды.
admin-addsource-why-timeout = сайт уақытында жауап бермеді. Кейінірек қайталап көріңіз.
admin-addsource-why-unreachable = сайтқа қосылу мүмкін болмады. Мекенжайды тексеріңіз.
admin-addsource-why-not-found = мұндай бет жоқ ({ $status } қатесі). Мекенжайды тексеріңіз.
admin-addsource-why-forbidden = сайт ботты кіргізбейді ({ $status } қатесі).
admin-addsource-why-server = сайт қазір жұмыс істемей тұр ({ $status } қатесі). Кейінірек қайталап көріңіз.
admin-addsource-why-http = сайт { $status } қатесімен жауап берді.
admin-addsource-why-redirects = қайта бағыттау тым көп.
admin-addsource-why-too-big = бет тым үлкен.
admin-addsource-why-needs-selectors = бұл жаңалықтар арнасы жоқ қарапайым бет; мұндай дереккөз конфигурация файлында бапталады.
admin-addsource-why-not-a-source = бұл жаңалықтар арнасы да, Telegram арнасы да, бот оқи алатын бет те емес.
admin-addsource-why-other = оқу мүмкін болмады. Толығырақ — бот журналында.

## What /review shows to check a finding against
admin-review-evidence = Мәтіннен: «{ $evidence }»
admin-review-source = Дереккөз: { $link }
admin-review-no-grounds = Дереккөзі белгісіз: күнін сот сайтынан тексеріңіз.
admin-review-more = Тексеруде тағы бар: { $left }. Жалғастыру: /review
## Case fields as /editcase shows them
field-name = Аты
field-name_gen = Орысша ілік септіктегі аты
field-name_ins = Орысша көмектес септіктегі аты
field-name_en = Ағылшынша аты
field-name_kk = Қазақша аты
field-aliases = Басқа жазылу түрлері
field-court = Сот
field-court_en = Сот ағылшынша
field-court_kk = Сот қазақша
field-address = Сот мекенжайы
field-address_en = Сот мекенжайы ағылшынша
field-address_kk = Сот мекенжайы қазақша
field-timezone = Уақыт белдеуі
field-description = Сипаттама
field-description_en = Сипаттама ағылшынша
field-description_kk = Сипаттама қазақша
field-links = Сілтемелер
field-public = Істер тізімінде көрінеді
admin-yes = иә
admin-no = жоқ
admin-btn-yes = ✅ Иә
admin-btn-no = ✖ Жоқ
admin-editcase-ask-yesno = { $field }? Қазір: { $current }.
admin-value-empty = бос

## /newcase: descriptions in English and Kazakh
admin-ask-description_en = { $n }/{ $total }. Ағылшынша сипаттама (немесе -).
admin-ask-description_kk = { $n }/{ $total }. Қазақша сипаттама (немесе -).
