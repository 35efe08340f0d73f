## Хат карточкасы және туған күндер
btn-write = ✉️ Хат жазу
btn-write-to = ✉️ { $name_dat }
letters-title = ✉️ <b>{ $name_dat } қалай хат жазуға болады</b>
letters-address = 📮 <b>Мекенжайы:</b>
letters-rules = 📝 <b>Ережелер:</b>
letters-service = 💻 Электрондық хат: { $link }
letters-birthday = 🎂 Туған күні: { $day }
letters-day = { $day } { $month }
letters-none = { $name_dat } қалай хат жазу керегі әлі көрсетілмеген.
write-choose = ✉️ Кімге хат жазасыз? Таңдаңыз — мекенжайы мен хат жазу ережелерін көрсетемін.
write-no-cards = Сіз бақылайтын істердің ешқайсысында әзірге хат карточкасы жоқ. Басқа істі табу үшін командадан кейін атын жазыңыз, мысалы: <code>/write Балашов</code>.
write-nothing-followed = Сіз әлі ешбір істі бақыламайсыз. Командадан кейін атын жазыңыз, мысалы: <code>/write Балашов</code>, немесе тізімді қараңыз: /cases
cmd-write = Хат жазу
letters-birthday-soon = 🎂 Бір аптадан кейін, { $when }, { $name_gen } туған күні.
letters-birthday-soon-age = 🎂 Бір аптадан кейін, { $when }, { $name_dat } { $age } жас толады.
letters-postcard = Ашықхат жазыңыз: бірнеше жылы сөз ойлағаннан да көп нәрсе береді, ал хаттар әкімшілікке адамның тағдырын бақылап отырғандар бар екенін көрсетеді.

## Карточканы өзгерту (/editcase)
field-mail_address = ✉️ Пошта мекенжайы
field-mail_address_en = ✉️ Пошта мекенжайы ағылшынша
field-mail_address_kk = ✉️ Пошта мекенжайы қазақша
field-mail_rules = ✉️ Хат жазу ережелері
field-mail_rules_en = ✉️ Хат жазу ережелері ағылшынша
field-mail_rules_kk = ✉️ Хат жазу ережелері қазақша
field-mail_service = ✉️ Электрондық хат сілтемесі
field-mail_service_name = ✉️ Электрондық хат қызметінің атауы
field-birthday = 🎂 Туған күні
letters-bad-url = Электрондық хат сілтемесі — бір ғана https:// мекенжайы, 300 таңбадан аспауы керек.
letters-bad-birthday = Туған күнді күні мен айы арқылы жазыңыз, белгілі болса жылын да: 14.03 немесе 14.03.1985.
