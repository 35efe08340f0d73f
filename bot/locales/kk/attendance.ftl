## Attendance kit in hearing messages and reminders
kit-address = 📍 { $address }
kit-courtroom = 🚪 Зал: { $room }
kit-public-yes = 👥 Отырыс ашық: кез келген адам келе алады
kit-public-no = 🔒 Отырыс жабық: залға көрермендер кіргізілмейді
kit-bring = 🪪 Жеке куәлігіңізді ала жүріңіз
kit-bring-more = 🪪 Жеке куәлігіңізді ала жүріңіз. { $more }
kit-arrive-at = ⏱ Келу уақыты: { $time } (басталуынан { $minutes } минут бұрын)
kit-arrive = ⏱ Басталуынан { $minutes } минут бұрын келіңіз
kit-plan = 🧭 Жоспар құрыңыз: қашан шығасыз және сотқа қалай жетесіз?
kit-plan-by = 🧭 Жоспар құрыңыз: сотта сағат { $time } болу үшін қашан шығасыз және қалай жетесіз?

## "I'm going"
btn-going = 🙋 Мен барамын
btn-going-yes = ✅ Сіз барасыз · болдырмау
going-marked = Белгіленді: сіз барасыз. Барлығы баратындар: { $count }.
going-unmarked = Белгі алынып тасталды.
going-count = 🙋 { $count }

## "How it went"
ann-how-it-went = 📝 <b>{ $name }</b>: { $when } күнгі сот отырысы қалай өтті
ann-how-it-went-why = Сіз бұл отырысқа баратыныңызды белгілеген едіңіз.

## Admin: the kit
cmd-kit = Отырысқа баратындарға жадынама
cmd-howitwent = Баратындарға отырыс қалай өткенін айту
admin-kit-usage = Былай: /kit &lt;іс&gt; — жадынаманы көрсету; өзгерту:
    /kit balashov room 305 — жақын отырыстың залы
    /kit balashov public иә | жоқ | белгісіз — отырыс көпшілікке ашық па
    /kit balashov arrive 30 — басталуынан неше минут бұрын келу керек
    /kit balashov bring [ru|en|kk] мәтін — куәліктен басқа не алу керек
    Мәннің орнына «-» жазсаңыз, ол өшіріледі.
admin-kit-shown = <b>{ $name_gen }</b> ісі бойынша жадынама — оқырмандар оны осылай көреді:
    { $lines }
admin-kit-next = Жақын отырыс: { $when }
admin-kit-no-next = Алдағы отырыс жоқ: зал мен ашықтық жақын отырыс үшін беріледі.
admin-kit-bad-public = «{ $value }» түсініксіз: «иә», «жоқ» немесе «белгісіз» деп жазыңыз.
admin-kit-bad-minutes = «{ $value }» түсініксіз: 0 мен { $max } аралығындағы минут саны керек.
admin-kit-bad-field = «{ $field }» деген өріс жоқ: room, public, arrive немесе bring.

## Admin: how it went
admin-howitwent-ask = <b>{ $name_gen }</b> ісі бойынша { $when } күнгі отырыс: «🙋 Мен барамын» деп { $count } чат белгіледі. Отырыс қалай өткені туралы қысқа мәтінді келесі хабарламамен жіберіңіз; оны тек солар алады. /cancel тоқтатады.
admin-howitwent-none = <b>{ $name_gen }</b> ісі бойынша әлі бірде-бір отырыс өткен жоқ.
admin-howitwent-pruned = { $when } күнгі отырысқа қойылған «🙋» белгілері өшірілген: олар сот уақытымен келесі күннің соңына дейін сақталады. Жіберетін ешкім жоқ.
admin-howitwent-nobody = { $when } күнгі отырысқа ешкім «🙋 Мен барамын» деп белгілеген жоқ. Жіберетін ешкім жоқ.

## Privacy
privacy-what-going_marks = чаттың отырысқа баратыны (тек чат пен отырыстың кілттік хеші, чаттың өзі емес)
privacy-kept-going = отырыстан кейінгі күннің соңына дейін (сот уақытымен)

## Admin: /stats
admin-stats-going = ↳ { $when }: 🙋 { $count }
admin-howitwent-late = Жазба дайындалып жатқанда «🙋» белгілері өшірілді; ештеңе жіберілген жоқ.
