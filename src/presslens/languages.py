"""Languages: their codes, which ones the analysis covers, and what the sentence splitter needs of each.

An article's language is stored as an ISO 639-1 code (``en``, ``de``, ``uk``);
:func:`language_code` turns what an input declares (``en-GB``, ``de_DE``, ``fra``) into one.
:data:`ANALYSED_LANGUAGES` are those the lexicons are written for; in any other language
structure and counts still work and the lexicon measures are skipped. The word lists the
sentence splitter uses per language (abbreviations after which a full stop ends nothing,
abbreviations that may also end a sentence, the words that show a new sentence began) and each
language's quotation marks are defined here, once, as :class:`SentenceRules`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presslens.vocabulary import MONTH_ABBREVIATIONS

#: English names of the languages presslens splits into sentences by their own rules.
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "uk": "Ukrainian",
    "ru": "Russian",
}

#: Languages the topic taxonomy, stakeholder registry and claim cues are written for.
ANALYSED_LANGUAGES: frozenset[str] = frozenset({"en", "de", "fr", "es", "uk", "ru"})

#: Each language's double quotation marks as (opening, closing) pairs, for the quotation finder:
#: German „…“ (and »…« as books set it), French, Spanish, Russian and Ukrainian «…». Typographers'
#: nested marks („…“ inside «…» in Russian) are left out: they open quotes inside quotes.
DOUBLE_QUOTES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("“", "”"),),
    "de": (("„", "“"), ("»", "«")),
    "fr": (("«", "»"),),
    "es": (("«", "»"),),
    "ru": (("«", "»"),),
    "uk": (("«", "»"),),
}

#: ISO 639-2 codes (both the bibliographic and the terminology form) that inputs declare now and
#: then, for the languages presslens names and their neighbours; others must be given as ISO 639-1.
_THREE_LETTER = {
    "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "ukr": "uk",
    "rus": "ru", "ita": "it", "por": "pt", "pol": "pl", "nld": "nl", "dut": "nl", "bel": "be",
}

_TAG_RE = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")


def language_code(tag: str | None) -> str | None:
    """The ISO 639-1 code of a language tag, or None when the tag names no language.

    ``en-GB`` and ``EN`` give ``en``, ``de_DE`` gives ``de``, ``fra`` gives ``fr``; a
    three-letter code without a two-letter equivalent here, or something that is no tag
    (``x-default``, ``english``), gives None.

    Args:
        tag: A language tag as an input or the command line states it.
    """
    if tag is None:
        return None
    match = _TAG_RE.fullmatch(tag.strip())
    if match is None:
        return None
    primary = match.group(1).lower()
    if len(primary) == 3:
        return _THREE_LETTER.get(primary)
    return primary


def language_name(code: str | None) -> str:
    """The English name of a language code, or the code itself when presslens has none ("it")."""
    if code is None:
        return "unknown language"
    return LANGUAGE_NAMES.get(code, code)


def unanalysed_language_note(code: str | None, *, skipped: bool = True) -> str | None:
    """The message for an article in a language the lexicons do not cover, or None when they do.

    Args:
        code: The article's ISO 639-1 code (None when it could not be told).
        skipped: Whether the caller leaves the lexicon measures out (``analyze`` does); the
            report still shows them, and the message then says how to read them.
    """
    if code in ANALYSED_LANGUAGES:
        return None
    covered = ", ".join(language_name(c) for c in sorted(ANALYSED_LANGUAGES))
    which = f"in {language_name(code)} ({code})" if code else "in no language presslens could identify"
    outcome = (
        "so they are skipped" if skipped
        else "so the report's sections on them, measured with the English lists, will be empty or wrong"
    )
    return (
        f"the article is {which}; topics, stakeholders, claims, repetition and the role check need lexicons and "
        f"word lists, which exist for {covered} only, {outcome}; structure and counts are measured as usual "
        "(give --language CODE if the language was misread)"
    )


@dataclass(frozen=True)
class SentenceRules:
    """What the sentence splitter needs to know of one language.

    Attributes:
        non_terminal: Abbreviations after which a full stop never ends a sentence, lowercased,
            without their final full stop; a spaced one is written without its spaces
            (``z.b`` stands for "z. B." and "z.B.").
        ending: Abbreviations that also end sentences ("etc.", "usw."): they end one only
            before a word of ``openers``.
        final: Abbreviations that close an enumeration ("и т. д.", "та ін.") and so end a
            sentence before any capitalised word.
        openers: Words that, after an abbreviation, a dotted acronym or an initial, show that
            a new sentence began.
        closers: Characters that close a quotation or a bracket after the final punctuation.
        opening: Characters that open a quotation or a bracket before a sentence's first word.
        spaced_closers: Closing marks that typography sets after a space ("fin. »").
        ordinal_numbers: Whether "12. Juni" is an ordinal number rather than a sentence end:
            a number of up to three digits then ends a sentence only before an opener.
        unicode_initials: Whether an initial may be any capital letter ("А. И. Семенов"),
            not just A to Z.
    """

    non_terminal: frozenset[str]
    ending: frozenset[str]
    openers: frozenset[str]
    closers: str
    opening: str
    final: frozenset[str] = frozenset()
    spaced_closers: str = ""
    ordinal_numbers: bool = False
    unicode_initials: bool = False


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _abbreviations(text: str) -> frozenset[str]:
    """Abbreviations as written ("z. B.", "Nr.", "p. ex."): lowercased, spaces and final stop dropped."""
    return frozenset(entry.replace("_", "").lower().rstrip(".") for entry in text.split())


#: English (the rules the splitter had before there were others; pySBD's 48 Golden Rules pass).
ENGLISH = SentenceRules(
    non_terminal=_words(
        """
        mr mrs ms mx dr prof st gen lt col maj capt cpt sgt cpl pvt adm cmdr cdr brig
        gov sen rep rev hon pres supt insp det atty amb sec treas messrs mme mlle
        no nos n° vol vols pp fig figs art ch approx est ca cf vs al
        dept univ assn ave blvd rd mt ft
        """
    ) | {m.lower() for m in MONTH_ABBREVIATIONS},
    ending=_words("inc ltd corp co bros jr sr etc plc llc"),
    openers=_words(
        """
        The A An This That These Those It Its He She They We I You His Her Their Our But And
        Yet So However Meanwhile In On At For After Before While When If As There Here Such
        Some Many Most Both Each Other Officials Still Also Now Then
        How What Why Who Where Which Did Do Does Is Are Was Were Can Will Would Should Could Has Have
        """
    ),
    closers="\"'”’»)]",
    opening="\"'“‘«([",
)

# In the lists below an abbreviation of several parts is written with "_" for its optional
# spaces ("z._B."): the splitter finds it spaced ("z. B.") and unspaced ("z.B.") alike.

#: Titles and words of reference that several languages write alike.
_SHARED = "dr. prof. no. nr. n°. st. mt. art. vol. ca. cf. vs."

GERMAN = SentenceRules(
    non_terminal=_abbreviations(
        _SHARED + """
        z._b. z._t. z._z. u._a. u._ä. o._ä. o._g. d._h. i._d._r. v._a. u._u. s._o. s._u. m._e.
        bzw. ca. vgl. evtl. ggf. bspw. sog. inkl. exkl. zzgl. abzgl. lt. ehem. eigtl. einschl.
        hr. hrn. fr. frl. dipl. ing. med. phil. rer. nat. jur. habil. mag.
        abs. abt. anm. bd. bde. jh. jhd. jhs. kap. s. ff. tel. str. pl. geb. gest. verh. röm. kath. ev.
        mio. mrd. tsd. std. min. sek. mind. max. gem. u. o. zb. ua. dh. usf.
        jan. feb. febr. mär. apr. jun. jul. aug. sep. sept. okt. nov. dez.
        """
    ),
    ending=_abbreviations("usw. etc. usf. u._ä. o._ä."),
    openers=_words(
        """
        Der Die Das Den Dem Des Ein Eine Einen Er Sie Es Wir Ich Ihr Man Dies Diese Dieser Dieses
        Doch Aber Und Auch Denn So Dann Nun Damit Daher Deshalb Danach Zudem Außerdem Jedoch Trotzdem
        Im In Am Auf Nach Vor Bei Mit Für Seit Wie Was Wer Wo Warum Wann Ob Als Wenn Laut
        """
    ),
    closers="\"'”’“‘»«)]",
    opening="\"'„‚“‘»«›‹([",
    ordinal_numbers=True,
    unicode_initials=True,
)

FRENCH = SentenceRules(
    non_terminal=_abbreviations(
        _SHARED + """
        m. mm. mme. mmes. mlle. mlles. me. mgr. pr. dr. st. ste.
        p._ex. c.-à-d. cf. env. av. bd. boul. apr. j.-c. t. p. pp. chap. éd. fig. n°. nº. no.
        janv. févr. fév. avr. juil. sept. oct. nov. déc.
        """
    ),
    ending=_abbreviations("etc. cie. ltd. inc. co. corp."),
    openers=_words(
        """
        Le La Les L Un Une Des Il Elle Ils Elles On Nous Vous Je Ce Cette Ces Cet Mais Et Or Donc
        Pourtant Cependant Ainsi Selon Dans En Au Aux À Pour Après Avant Depuis Lors Puis Alors
        Qui Que Quand Comment Pourquoi Où Si
        """
    ),
    closers="\"'”’»›)]",
    opening="\"'“‘«‹([",
    spaced_closers="»›",
    unicode_initials=True,
)

SPANISH = SentenceRules(
    non_terminal=_abbreviations(
        _SHARED + """
        sr. sra. sres. sras. srta. srtas. dra. lic. ing. arq. abog. d. dña. ud. uds. vd. vds.
        núm. nro. pág. págs. art. arts. párr. párrf. cap. aprox. admón. adm. av. avda. cra. cl. dpto. depto.
        p._ej. ej. tel. ext. min. máx. mín. hs. ee. ee._uu. gral. cnel. tte. sto. sta.
        ene. feb. mar. abr. may. jun. jul. ago. sep. sept. oct. nov. dic.
        lun. mié. jue. vie. sáb. dom.
        """
    ),
    ending=_abbreviations("etc. cía. ltda. s.a. ltd. inc. co. corp."),
    openers=_words(
        """
        El La Los Las Lo Un Una Unos Unas Él Ella Ellos Ellas Yo Nosotros Usted Este Esta Estos Esto
        Pero Y Sin Así Además Según En Con Para Por Tras Desde Cuando Como Qué Quién Dónde Si
        """
    ),
    closers="\"'”’»)]",
    opening="\"'“‘«¿¡([",
    unicode_initials=True,
)

#: Russian and Ukrainian share their quotation marks and most of their openers' habits.
_CYRILLIC_CLOSERS = "\"'”“»)]"
_CYRILLIC_OPENING = "\"'„“«(["

RUSSIAN = SentenceRules(
    non_terminal=_abbreviations(
        """
        г. гг. т._е. т._к. т._н. т._наз. т._ч. и._о. н._э. в. вв. см. ср. стр. с.
        ул. пер. пл. просп. пр-т. д. кв. корп. обл. р-н. пгт. им. ст. ч. п. пп. рис. табл. гл.
        проф. акад. доц. ген. г-н. г-жа. д-р. тыс. млн. млрд. трлн. руб. коп. долл. дол.
        куб. кв._м. куб._м. у._е. ок. напр. англ. нем. франц. лат. янв. февр. авг. сент. окт. нояб. дек.
        """
    ),
    ending=_abbreviations("и._др. и._пр. др. пр."),
    final=_abbreviations("т._д. т._п."),
    openers=_words(
        """
        Он Она Оно Они Это Этот Эта Эти Я Мы Вы В Во На По Но И А Однако Также Кроме После До При
        Как Когда Что Где Почему Если Так Тогда Затем Сейчас Теперь Там Здесь
        """
    ),
    closers=_CYRILLIC_CLOSERS,
    opening=_CYRILLIC_OPENING,
    unicode_initials=True,
)

UKRAINIAN = SentenceRules(
    non_terminal=_abbreviations(
        """
        р. рр. м. с. смт. ст. ім. вул. пров. пл. просп. бул. обл. р-н. д. кв. буд. корп.
        т._зв. т._ч. т._б. н._е. ч. п. пп. рис. табл. гол. заст. ген. проф. акад. доц.
        пан. див. напр. тис. млн. млрд. трлн. грн. коп. дол. ос. англ. нім. франц. лат.
        січ. лют. бер. квіт. трав. черв. лип. серп. вер. жовт. лист. груд.
        """
    ),
    ending=_abbreviations("ін."),
    final=_abbreviations("т._д. т._ін. т._п."),
    openers=_words(
        """
        Він Вона Воно Вони Це Цей Ця Ці Я Ми Ви В У На По Але І Й А Однак Проте Також Крім Після До
        При Як Коли Що Де Чому Якщо Так Тоді Потім Зараз Тепер Там Тут Їх Його Її Їм
        """
    ),
    closers=_CYRILLIC_CLOSERS,
    opening=_CYRILLIC_OPENING,
    unicode_initials=True,
)

#: Sentence rules by language code; any other language is split by the English rules.
SENTENCE_RULES: dict[str, SentenceRules] = {
    "en": ENGLISH, "de": GERMAN, "fr": FRENCH, "es": SPANISH, "ru": RUSSIAN, "uk": UKRAINIAN,
}


def sentence_rules(language: str | None) -> SentenceRules:
    """The sentence rules for a language code; English for None and for languages without rules."""
    return SENTENCE_RULES.get(language or "en", ENGLISH)
