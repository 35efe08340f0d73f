## Карточка писем и дни рождения
btn-write = ✉️ Написать
btn-write-to = ✉️ { $name_dat }
letters-title = ✉️ <b>Как написать { $name_dat }</b>
letters-address = 📮 <b>Адрес:</b>
letters-rules = 📝 <b>Правила:</b>
letters-service = 💻 Электронное письмо: { $link }
letters-birthday = 🎂 День рождения: { $day }
letters-day = { $day } { $month }
letters-none = Как написать { $name_dat }, пока не указано.
write-choose = ✉️ Кому написать? Выберите — я покажу адрес и правила переписки.
write-no-cards = Ни у одного из ваших дел пока нет карточки писем. Чтобы найти другое дело, напишите имя после команды, например: <code>/write Балашов</code>.
write-nothing-followed = Вы пока ни за чем не следите. Напишите имя после команды, например: <code>/write Балашов</code>, или посмотрите список: /cases
cmd-write = Написать письмо
letters-birthday-soon = 🎂 Через неделю, { $when }, день рождения у { $name_gen }.
letters-birthday-soon-age = 🎂 Через неделю, { $when }, { $name_dat } исполнится { $age } { $age ->
        [one] год
        [few] года
       *[other] лет
    }.
letters-postcard = Напишите открытку: несколько тёплых слов значат больше, чем кажется, а письма показывают администрации, что за судьбой человека следят.

## Правка карточки (/editcase)
field-mail_address = ✉️ Почтовый адрес
field-mail_address_en = ✉️ Почтовый адрес по-английски
field-mail_address_kk = ✉️ Почтовый адрес по-казахски
field-mail_rules = ✉️ Правила переписки
field-mail_rules_en = ✉️ Правила переписки по-английски
field-mail_rules_kk = ✉️ Правила переписки по-казахски
field-mail_service = ✉️ Ссылка на электронные письма
field-mail_service_name = ✉️ Название сервиса писем
field-birthday = 🎂 День рождения
letters-bad-url = Ссылка на электронные письма — один адрес https://, не длиннее 300 символов.
letters-bad-birthday = Напишите день рождения как день и месяц, с годом, если он известен: 14.03 или 14.03.1985.
