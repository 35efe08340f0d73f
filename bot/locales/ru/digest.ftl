## Сводка новостей раз в день (/settings → сводка)
btn-digest = 🗞 Сводка новостей
digest-screen-title = <b>Сводка новостей</b>
digest-screen-explain = Заявления, упоминания в СМИ и новости от команды поддержки могут приходить одним сообщением в день — в выбранный вами час, по вашему часовому поясу. Это касается дел, за которыми вы следите на уровне «всё». Заседания, переносы, отмены и напоминания всегда приходят сразу.
digest-now-off = Сейчас: каждая новость приходит сразу, как только я о ней узнаю.
digest-now-on = Сейчас: раз в день в <b>{ $time }</b>, { $zone }. Час и часовой пояс можно выбрать ниже.
digest-waiting = Ждут следующей сводки: { $count }.
btn-digest-off = ⚡ Сразу
btn-digest-on = 🗞 Раз в день
btn-digest-back = ↩ Назад
digest-released = Отложенные новости уже в пути: { $count }.
digest-zone-asia-almaty = Казахстан
digest-zone-asia-bishkek = Бишкек
digest-zone-asia-tashkent = Ташкент
digest-zone-europe-moscow = Москва
digest-zone-asia-tbilisi = Тбилиси
digest-zone-europe-istanbul = Стамбул
digest-zone-europe-berlin = Берлин
digest-zone-europe-london = Лондон
digest-zone-utc = UTC

## Сама сводка
digest-title = 🗞 <b>Сводка новостей</b> · { $when }
digest-part = (часть { $part } из { $parts })
digest-no-case = <b>Другие новости</b>
digest-footer = Новости приходят вам раз в день: { $time }, { $zone }. Изменить: /settings

## Темы форума (/topic)
cmd-topic = Новости дела — в отдельную тему (группы с темами)
topic-not-forum = Это работает в группах с темами: напишите там <code>/topic</code> и имя внутри той темы, куда должны приходить новости дела.
topic-admins-only = Выбирать, куда приходят новости дела, могут только администраторы группы.
topic-usage = Напишите <code>/topic</code> и имя внутри темы, например <code>/topic Балашов</code>, — сообщения по этому делу будут приходить в эту тему. <code>/topic Балашов off</code> вернёт их в общий чат.
topic-inside = Напишите эту команду внутри той темы, куда должны приходить сообщения по делу.
topic-choose = Подходит несколько дел. Повторите команду с одним из них:
topic-list = Дела со своей темой:
topic-list-line = • <b>{ $name }</b> — тема № { $thread }
topic-bound = Готово: сообщения по делу <b>{ $name_gen }</b> будут приходить в эту тему.
topic-same = Сообщения по делу <b>{ $name_gen }</b> уже приходят в эту тему.
topic-unbound = Сообщения по делу <b>{ $name_gen }</b> снова будут приходить в общий чат.
topic-not-following = Группа ещё не следит за делом <b>{ $name_gen }</b>. Сначала подпишитесь: <code>/follow { $slug }</code>

## Заявление о данных
privacy-what-digest_settings = получает ли чат новости сводкой раз в день, в котором часу и в каком часовом поясе
privacy-kept-digest = пока чат не вернётся к новостям сразу или не нажмёт /forget
