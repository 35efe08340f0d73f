## Letters card and birthdays
btn-write = ✉️ Write
btn-write-to = ✉️ To { $name_dat }
letters-title = ✉️ <b>How to write to { $name_dat }</b>
letters-address = 📮 <b>Address:</b>
letters-rules = 📝 <b>Rules:</b>
letters-service = 💻 Electronic letter: { $link }
letters-birthday = 🎂 Birthday: { $day }
letters-day = { $day } { $month }
letters-none = How to write to { $name_dat } has not been given yet.
write-choose = ✉️ Who would you like to write to? Pick one and I will show the address and the rules for letters.
write-no-cards = None of the cases you follow has a letters card yet. For another case, write its name after the command, e.g. <code>/write Balashov</code>.
write-nothing-followed = You don't follow any case yet. Write a name after the command, e.g. <code>/write Balashov</code>, or see the list: /cases
cmd-write = Write a letter
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
