## The calendar feed on the case card: a webcal:// address to subscribe to
case-calendar =
    📆 Отырыстар күнтізбеңізде: <code>{ $link }</code>
    Бұл мекенжайды күнтізбе қолданбасына жазылым ретінде қосыңыз: отырыс басқа күнге ауыстырылса немесе болмай қалса, күнтізбе өздігінен жаңарады.
