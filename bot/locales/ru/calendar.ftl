## The calendar feed on the case card: a webcal:// address to subscribe to
case-calendar =
    📆 Заседания в вашем календаре: <code>{ $link }</code>
    Добавьте этот адрес в приложение-календарь как подписку: если заседание перенесут или отменят, календарь обновится сам.
