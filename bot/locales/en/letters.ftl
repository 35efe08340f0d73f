## Letters card and birthdays
btn-write = ✉️ Write
letters-title = ✉️ <b>How to write to { $name_dat }</b>
letters-address = 📮 <b>Address:</b>
letters-rules = 📝 <b>Rules:</b>
letters-service = 💻 Electronic letter: { $link }
letters-birthday = 🎂 Birthday: { $day }
letters-day = { $day } { $month }
letters-none = How to write to { $name_dat } has not been given yet.
letters-birthday-soon = 🎂 In a week, on { $when }, it is { $name_gen }'s birthday.
letters-birthday-soon-age = 🎂 In a week, on { $when }, { $name_dat } turns { $age }.
letters-postcard = Write a postcard: a few warm words mean more than you think, and letters show the facility that people are watching.

## Editing the card (/editcase)
field-mail_address = ✉️ Postal address
field-mail_address_en = ✉️ Postal address in English
field-mail_address_kk = ✉️ Postal address in Kazakh
field-mail_rules = ✉️ Rules for letters
field-mail_rules_en = ✉️ Rules for letters in English
field-mail_rules_kk = ✉️ Rules for letters in Kazakh
field-mail_service = ✉️ Electronic letters link
field-mail_service_name = ✉️ Electronic letters service name
field-birthday = 🎂 Birthday
letters-bad-url = The electronic letters link must be one https:// address, 300 characters at most.
letters-bad-birthday = Write the birthday as day and month, with the year if you know it: 14.03 or 14.03.1985.
