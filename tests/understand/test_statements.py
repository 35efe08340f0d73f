"""Recognising the detainee's own words, and whose they are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.config import load_cases_file
from bot.understand.docs import parse_document
from bot.understand.pipeline import Understander

ROOT = Path(__file__).resolve().parents[2]
PUB = dt.date(2026, 2, 1)


@pytest.fixture(scope="module")
def u() -> Understander:
    return Understander(load_cases_file(ROOT / "tests" / "corpus" / "cases.toml"))


def _statement(u: Understander, raw: str, source_case: str | None = None) -> tuple[bool, list[str]]:
    doc = parse_document(raw)
    r = u.understand(
        doc.text, PUB, title=doc.title, front_matter=doc.front_matter or None, source_case=source_case
    )
    return r.statement, r.statement_cases


STATEMENTS = [
    (
        "letter from detention in the lead",
        "Юлия Емельянова передала письмо из СИЗО. «Я не боюсь, мне просто хочется домой. Я думаю о своих близких каждый день», — пишет она.",
        ["emelyanova"],
    ),
    (
        "letter named before 'из СИЗО'",
        "Письмо Виктора Балашова из СИЗО\n\n«Я пишу, потому что больше не могу молчать. Меня держат без лечения, мне отказывают во враче».",
        ["balashov"],
    ),
    (
        "last word in court",
        "Последнее слово Андрея Мороза\n\nЯ не признаю вину. Я писал правду, и меня судят за мои слова. Мне не стыдно.",
        ["moroz"],
    ),
    (
        "message through a lawyer",
        "Жаксыбеков через адвоката передал: «Я не сломлен. Мне запрещают звонки, но я знаю, что вы рядом».",
        ["zhaksybekov"],
    ),
    (
        "english letter from detention",
        'In a letter from pre-trial detention, Yulia Emelyanova wrote: "I am not a criminal. I believed in what I did. I ask you not to send me back."',
        ["emelyanova"],
    ),
    (
        "kazakh letter",
        "Тергеу изоляторынан хат. «Мен ешқандай қылмыс жасаған жоқпын. Менің жалғыз кінәм — шындықты айтқаным. Маған көмектескендерге рахмет», — деп жазды Айгерім Нұрланқызы.",
        ["nurlankyzy"],
    ),
    (
        "markdown archive entry",
        '---\ntitle: "Альнур Ильяшев (последнее слово)"\ndate: 2020-06-22T13:01:00+06:00\n---\n'
        "Я позволю себе встать. Мне хочется сказать это стоя. Я благодарю всех, кто пришёл сегодня в этот зал, "
        "и прошу суд услышать меня. Я не совершал преступления, в котором меня обвиняют.",
        ["ilyashev"],
    ),
    (
        "authored complaint",
        "Генеральному прокурору Республики Казахстан\nот гражданина Ильяшева Альнура Кайратовича\n\nЗАЯВЛЕНИЕ\n\n"
        "Прошу возбудить уголовное дело по факту фальсификации протоколов. Я располагаю копиями документов.",
        ["ilyashev"],
    ),
]


@pytest.mark.parametrize(("raw", "cases"), [c[1:] for c in STATEMENTS], ids=[c[0] for c in STATEMENTS])
def test_recognises_statements_and_their_author(u: Understander, raw: str, cases: list[str]) -> None:
    assert _statement(u, raw) == (True, cases)


NOT_STATEMENTS = [
    (
        "old open letter recalled",
        "Правозащитники напомнили, что в мае Мовлаев уже обращался к народу с открытым письмом. Сейчас он в СИЗО, а защита готовит жалобу.",
    ),
    (
        "statement phrase deep in a news piece",
        "Суд продолжил рассмотрение дела Балашова. Прокурор выступил с репликой. Защита заявила ходатайство. "
        "Судья объявил перерыв. Журналисты ждали у входа. Позже стало известно, что ещё весной он передал письмо из СИЗО.",
    ),
    (
        "last word only reported",
        "Виктор Балашов выступил с последним словом 31 октября. Приговор огласят 19 ноября.",
    ),
    (
        "a relative speaks",
        "Ирина Балашова, мать осуждённого, обратилась к президенту с просьбой о помиловании сына.",
    ),
    (
        "english passing mention",
        "Movlaev's open letter, published last year, is cited in a new report on extraditions.",
    ),
]


@pytest.mark.parametrize("raw", [c[1] for c in NOT_STATEMENTS], ids=[c[0] for c in NOT_STATEMENTS])
def test_news_about_a_statement_is_not_one(u: Understander, raw: str) -> None:
    assert _statement(u, raw) == (False, [])


def test_source_case_owns_the_statement(u: Understander) -> None:
    raw = "Мансур пишет: «Я получил ваши письма. Мне тут холодно, но я держусь, в камере нас пятеро»."
    assert _statement(u, raw, source_case="movlaev") == (True, ["movlaev"])


def test_source_case_owns_the_hearings(u: Understander) -> None:
    r = u.understand(
        "Друзья, следующее заседание назначено на 15 февраля в 11:00.", PUB, source_case="balashov"
    )
    assert r.cases == ["balashov"]
    assert [(h.case, h.date, h.time, h.when) for h in r.hearings] == [
        ("balashov", "2026-02-15", "11:00", "upcoming")
    ]


def test_hearing_goes_to_every_case_listed_together(u: Understander) -> None:
    r = u.understand("Заседание по ходатайствам Мовлаева и Емельяновой состоится 4 февраля.", PUB)
    assert sorted(h.case for h in r.hearings) == ["emelyanova", "movlaev"]


def test_hearing_goes_to_the_nearest_case(u: Understander) -> None:
    r = u.understand("Мовлаев остаётся в СИЗО. Заседание по делу Емельяновой назначено на 4 февраля.", PUB)
    assert [h.case for h in r.hearings] == ["emelyanova"]


@pytest.mark.slow
def test_a_long_document_is_read_whole(u: Understander) -> None:
    # ~115 KB. Reading it was quadratic once (minutes): the suite's timeout stops such a regression, and
    # bench/extraction.py measures the speed; no wall-clock figure is asserted here.
    text = (
        "Заседание по делу Балашова назначено на 17 марта в 10:00. Мовлаев 5 марта, 6 марта в 11:00 суд. "
        * 1200
    )
    r = u.understand(text, PUB)
    assert ("balashov", "2026-03-17", "10:00") in {(h.case, h.date, h.time) for h in r.hearings}


# An outlet's own introduction, then the person's words: the three kinds seen in real reporting.
LETTERS_UNDER_AN_INTRODUCTION = [
    (
        "ru letter with intro and signature",
        "Письмо Андрея Мороза из колонии\n\nБлогер Андрей Мороз прислал в редакцию письмо. Публикуем его "
        "почти без сокращений.\n\nЗдесь рано темнеет. Я работаю в швейном цехе и шью рукавицы. Мне пишут "
        "незнакомые люди, и я отвечаю каждому, пока хватает бумаги.\n\nАндрей Мороз",
        ["moroz"],
    ),
    (
        "en letter the family shared",
        "Viktor Balashov's family gets a letter from the Almaty jail\n\nThe wife of journalist Viktor "
        "Balashov has received a letter he wrote in pre-trial detention and shared it with us.\n\n"
        '"I draw pictures for my daughter in every letter. I try not to think about the sentence. I think '
        'about the day I walk out."',
        ["balashov"],
    ),
    (
        "kk letter from prison",
        "Ерлан Жақсыбеков түрмеден хат жолдады\n\nСотталған белсенді колониядан жазған хатын туыстары "
        "арқылы редакцияға жіберді.\n\n«Мен аман-есенмін. Маған жазылған хаттардың бәрін оқыдым. Мен өз "
        "ісімнен бас тартпаймын», — деп жазды Жақсыбеков.",
        ["zhaksybekov"],
    ),
    (
        "ru letter retold by the outlet",
        "Айгерим Нурланкызы прислала письмо из СИЗО\n\nПисьмо от журналистки получила её мать. Как пишет "
        "Нурланкызы, после перевода в другую камеру ей стало легче. Она рассказывает, что врача не видела с "
        "декабря. В конце письма журналистка просит поблагодарить всех, кто приходил к суду.",
        ["nurlankyzy"],
    ),
]


@pytest.mark.parametrize(
    ("raw", "cases"),
    [c[1:] for c in LETTERS_UNDER_AN_INTRODUCTION],
    ids=[c[0] for c in LETTERS_UNDER_AN_INTRODUCTION],
)
def test_letter_from_detention_under_an_outlets_introduction(
    u: Understander, raw: str, cases: list[str]
) -> None:
    assert _statement(u, raw) == (True, cases)


LAST_WORDS_IN_FULL = [
    (
        "ru full text of the speech",
        "Журналист Виктор Балашов выступил в суде с последним словом. Публикуем полный текст его речи.\n\n"
        "«Двадцать лет я пишу о том, что вижу сам. Ни одна строчка из моих текстов не оказалась ложью. Я "
        "прошу оценить доказательства, а не мою фамилию».",
        ["balashov"],
    ),
    (
        "en full text of the closing statement",
        "Full text: Mansur Movlaev's closing statement\n\nAt the end of the extradition hearing Mansur "
        'Movlaev addressed the judge. We publish his speech in full.\n\n"I am not asking you to approve of '
        "me. I am asking you not to hand me over to people who tortured my relatives. I have broken no law "
        'here."',
        ["movlaev"],
    ),
    (
        "kk last word published in full",
        "Юлия Кузнецтің соңғы сөзі\n\nҚұқық қорғаушы Юлия Кузнец сотта соңғы сөз сөйледі. Оның сөзін "
        "толықтай жариялаймыз.\n\n«Мен кінәмді мойындамаймын. Мен он жыл бойы адамдарға көмектестім. Менің "
        "арым таза, маған ұялатын ештеңе жоқ».",
        ["kuznets"],
    ),
]


@pytest.mark.parametrize(
    ("raw", "cases"), [c[1:] for c in LAST_WORDS_IN_FULL], ids=[c[0] for c in LAST_WORDS_IN_FULL]
)
def test_last_word_the_outlet_publishes_in_full(u: Understander, raw: str, cases: list[str]) -> None:
    assert _statement(u, raw) == (True, cases)


APPEALS_PASSED_ON = [
    (
        "ru appeal through a lawyer",
        "Мансур Мовлаев передал через адвоката обращение к генеральному прокурору. «Я прошу отменить "
        "решение о моей выдаче. Моих родственников задерживали, чтобы заставить меня вернуться. Я ни разу "
        "не нарушил закон Казахстана», — говорится в обращении, которое передали его защитники.",
        ["movlaev"],
    ),
    (
        "en appeal to the UN passed on by a lawyer",
        "Jailed journalist Aigerim Nurlankyzy appeals to the UN\n\nNurlankyzy has written an appeal to the "
        'UN Working Group on Arbitrary Detention. Her lawyer passed the text to reporters. "I was arrested '
        'for my reporting and nothing else. I ask the Working Group to examine my case," she writes.',
        ["nurlankyzy"],
    ),
    (
        "kk letter to the Prosecutor General",
        "Альнур Ильяшев Бас прокурорға жолдаған хатында полиция қысымын тоқтатуды талап етті. Хатты "
        "белсендінің адвокаты жариялады. «Мен ешқандай заң бұзған жоқпын. Мені жарты жылда алты рет "
        "полицияға шақырды», — деп жазды Ильяшев.",
        ["ilyashev"],
    ),
    (
        "en answers from the colony through a lawyer",
        "Andrei Moroz answered our questions from the colony through his lawyer.\n\nWhat is the hardest "
        'part? "The silence. I am used to writing every day, and here I can only write letters."\n\n'
        'Do you regret anything? "No. I would write the same posts again."',
        ["moroz"],
    ),
]


@pytest.mark.parametrize(
    ("raw", "cases"), [c[1:] for c in APPEALS_PASSED_ON], ids=[c[0] for c in APPEALS_PASSED_ON]
)
def test_open_letter_or_appeal_passed_on_by_lawyer_or_relatives(
    u: Understander, raw: str, cases: list[str]
) -> None:
    assert _statement(u, raw) == (True, cases)


# The person's words in passing, or somebody else's words: not a statement.
WORDS_IN_PASSING = [
    (
        "remark in court quoted in a hearing report",
        "Медеуский суд 20 января продолжил процесс по делу Виктора Балашова. Журналист выступил с репликой: "
        "«Я двадцать лет пишу правду, и мне не стыдно ни за одну строчку. Я прошу вызвать моих свидетелей». "
        "Прокурор попросил приобщить к делу письмо из министерства. Следующее заседание — 27 января.",
    ),
    (
        "english remark through an interpreter",
        "At Tuesday's hearing in Almaty, Mansur Movlaev spoke for the first time since his arrest. \"I am "
        'not a criminal, I am a refugee. I ask the court to hear me," he said through an interpreter. The '
        "judge set the next hearing for March 10.",
    ),
    (
        "brought from the detention centre to court, where he spoke",
        "Viktor Balashov was brought from the detention centre to the courtroom, where he told reporters: "
        '"I am tired, but I am not giving up. My lawyers will appeal." The hearing was adjourned until '
        "February 20.",
    ),
    (
        "last word quoted in a verdict report",
        "A court in Uralsk sentenced blogger Andrei Moroz to five years on March 2. In his last word, Moroz "
        'said: "I asked questions, and if questions are a crime, then I am guilty." His lawyer said the '
        "defence would appeal.",
    ),
    (
        "kazakh last word paraphrased in a verdict report",
        "Орал қалалық соты блогер Андрей Морозды бес жылға бас бостандығынан айырды. Соңғы сөзінде Мороз "
        "өзін кінәлі деп санамайтынын айтып, «Мен тек сұрақ қойдым» деді.",
    ),
    (
        "old letter recalled with a quote",
        "Суд отказал Мансуру Мовлаеву в жалобе на отказ в статусе беженца. Напомним, в прошлом году Мовлаев "
        "передал из изолятора открытое письмо, в котором просил не выдавать его: «Я не доживу там до суда».",
    ),
    (
        "kazakh old letter recalled",
        "Апелляциялық сот Виктор Балашовтың үкімін өзгеріссіз қалдырды. Еске сала кетейік, бұған дейін "
        "Балашов тергеу изоляторынан хат жолдап, «Мен ешкімді алдаған жоқпын» деп жазған болатын.",
    ),
]


@pytest.mark.parametrize("raw", [c[1] for c in WORDS_IN_PASSING], ids=[c[0] for c in WORDS_IN_PASSING])
def test_words_in_passing_in_a_hearing_report_are_not_a_statement(u: Understander, raw: str) -> None:
    assert _statement(u, raw) == (False, [])


SOMEBODY_ELSE_SPEAKS = [
    (
        "lawyer in the first person",
        "Адвокат Виктора Балашова рассказал, что подал жалобу на приговор. «Я считаю приговор незаконным и "
        "буду добиваться его отмены. Я жду, когда жалобу назначат к рассмотрению», — сказал адвокат.",
    ),
    (
        "english lawyer sent a letter",
        "Mansur Movlaev's lawyer said he had sent a letter to the UN refugee agency on his client's behalf. "
        '"I have asked the agency to step in before the extradition. I believe we still have time," he '
        "said.",
    ),
    (
        "mother's open letter",
        "Мать Юлии Емельяновой написала открытое письмо президенту. «Я прошу вас как мать: не отдавайте мою "
        "дочь. Я каждый день жду от неё звонка», — говорится в письме.",
    ),
    (
        "kazakh mother writes to her son",
        "Мовлаевтың анасы ұлына хат жазды. «Мен сені күтемін, балам», — деп жазды ол. Мовлаев әлі тергеу "
        "изоляторында.",
    ),
    (
        "rights groups' open letter",
        'Rights groups have sent an open letter urging Kazakhstan not to extradite Mansur Movlaev. "We are '
        'deeply concerned that Mr Movlaev faces torture if returned," the letter says.',
    ),
    (
        "letter the detainee received",
        "Виктор Балашов получил письмо из Генеральной прокуратуры с отказом. «Я ждал этого ответа полгода, "
        "и мне снова отказали», — сказал Балашов на заседании. «Я не сдамся», — сказал он.",
    ),
    (
        "untracked detainee's letter",
        "Письмо Тимура Жанатова из СИЗО\n\nАктивист Тимур Жанатов прислал письмо из изолятора. «Я не знаю, "
        "сколько ещё меня здесь продержат. Мне не дают видеться с адвокатом», — пишет он. По словам "
        "Жанатова, в соседней камере содержится журналист Виктор Балашов.",
    ),
    (
        "untracked co-defendant's last word in full",
        "Публикуем полный текст последнего слова Марата Кенжебаева, осуждённого вместе с Виктором "
        "Балашовым.\n\n«Я не выходил на площадь ради беспорядков. Я пришёл, потому что мне стало стыдно "
        "молчать. Я прошу суд не ломать жизни моих детей».",
    ),
    (
        "english untracked letter",
        "A letter from Daniyar Seitkali, jailed alongside Viktor Balashov, reached his family this week. "
        '"I am fine. I am reading a lot, and I ask you not to worry about me," Seitkali wrote.',
    ),
    (
        "kazakh untracked letter",
        "Белсенді Нұржан Әбдіков тергеу изоляторынан хат жолдады. «Мен өзімді кінәлі санамаймын, маған әділ "
        "сот керек», — деп жазды ол. Әбдіков Айгерім Нұрланқызымен бір іс бойынша ұсталған.",
    ),
]


@pytest.mark.parametrize(
    "raw", [c[1] for c in SOMEBODY_ELSE_SPEAKS], ids=[c[0] for c in SOMEBODY_ELSE_SPEAKS]
)
def test_words_of_lawyers_relatives_or_untracked_people_are_not_the_cases_statement(
    u: Understander, raw: str
) -> None:
    assert _statement(u, raw) == (False, [])


def test_kazakh_conjunction_men_is_not_the_first_person(u: Understander) -> None:
    # "мен" is "I" and also "and": a report joining nouns with it carries no first-person words
    raw = (
        "Венада Мансур Мовлаевты қолдап пикет өтті. Акция қатысушылары президентке үндеу жолдап, босқындардың "
        "өмірі мен денсаулығы, отбасы мен балалары, құқығы мен қауіпсіздігі туралы айтты."
    )
    assert _statement(u, raw) == (False, [])


def test_statement_fold_is_the_shared_fold() -> None:
    from bot.understand import statements, text

    sample = "Ёлка ӘҒҚҢӨҰҮҺІ әғқңөұүһі\u00a0x\u2009y\u202fz İstanbul Мовлаевтың «Мен»"
    assert statements.fold(sample) == text.fold(sample)


# Real introductions run longer: the letter may be named in the fourth sentence, the person may speak
# in the first person without quotes, or be quoted by first name after a dash.
LONG_INTRODUCTIONS = [
    (
        "letter named deep in the lead, quoted after a dash",
        "«Здесь нет часов». Полгода в изоляторе: Юлия Емельянова\n\nВ марте исполнится полгода, как Юлия "
        "Емельянова находится под стражей. Суд снова продлил ей арест. В городской газете напечатано "
        "письмо, которое прислала Юлия. Мы публикуем отрывки из него.\n\n— Пора спать. Часов здесь нет, "
        "но время всё равно чувствуешь, — пишет Юлия.",
        ["emelyanova"],
    ),
    (
        "explains from the detention centre, then first person without quotes",
        "Андрей Мороз — о том, зачем писать заключённым\n\nБлогер Андрей Мороз с весны находится в СИЗО. "
        "Его обвиняют в клевете на чиновников. Из изолятора Мороз объяснил нашему изданию, почему письма "
        "важны.\n\nПисьма ко мне приходят волнами. Когда меня только арестовали, их было очень много. "
        "Теперь меньше, и я понимаю почему: люди устают.",
        ["moroz"],
    ),
    (
        "answers to readers passed on by the lawyer, as dialogue",
        "«Я держусь»: Виктор Балашов ответил на вопросы читателей\n\nЖурналист Виктор Балашов второй год "
        "находится в СИЗО. Ответы на вопросы наших читателей передал его адвокат.\n\n— Как проходят ваши дни?\n"
        "— Читаю, пишу, жду писем. Газеты мне приносят раз в неделю.\n\n— Чего не хватает?\n— Разговоров. "
        "И солнца.",
        ["balashov"],
    ),
    (
        "kazakh answers from the detention centre",
        "Ерлан Жақсыбеков тергеу изоляторынан жауап берді\n\nБелсенді басылымның сұрақтарына адвокаты арқылы "
        "жауап жолдады. «Мұнда күндер бір-біріне ұқсайды. Маған тағылған айып — менің сөзім үшін жаза», — "
        "деп жазды Жақсыбеков.",
        ["zhaksybekov"],
    ),
]


@pytest.mark.parametrize(
    ("raw", "cases"), [c[1:] for c in LONG_INTRODUCTIONS], ids=[c[0] for c in LONG_INTRODUCTIONS]
)
def test_statement_framed_anywhere_in_a_long_introduction(
    u: Understander, raw: str, cases: list[str]
) -> None:
    assert _statement(u, raw) == (True, cases)
