"""Checks of the words of our labels, language by language: the register a reader is addressed in,
the Erasmus+ programme's own terms, the typography, and what is missing or left in English.

`mobility-portal translations --labels` prints what `check_locale` finds; the tests run it on
every locale. The decisions behind it are written down in theme/locales/README.md.

Register: in each language, the words that address the reader informally (German du, French tu,
Spanish tú) and formally (Sie, vous, usted). Only words that cannot mean anything else are
listed: Spanish "su" is also "his", German "Ihr" at the start of a sentence is also "her", so
German and Italian count a formal pronoun only when it is capitalised inside a sentence. A
language where every reader is addressed the same way (Swedish du) lists no formal words.

The labels of theme/locales/ are shared between the audiences (one "What is expected of you" on
the learners' page and on the companies'): where a language addresses learners in another
register than companies (`REGISTERS`), its shared labels must use neither (nouns, impersonal
forms), the learners' questionnaire the learners' register and the companies' the formal one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..load.yaml_source import SAFE_LOADER
from .typography import typeset

INFORMAL, FORMAL, NEUTRAL = "informal", "formal", "neutral"


@dataclass(frozen=True)
class Pronouns:
    informal: frozenset[str]
    formal: frozenset[str]
    formal_capitalised: frozenset[str] = frozenset()  # formal only capitalised inside a sentence (Sie, Lei)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PRONOUNS: dict[str, Pronouns] = {
    "de": Pronouns(_words("du dich dir dein deine deinen deinem deiner deines euch euer eure euren eurem eurer"),
                   frozenset(), _words("Sie Ihnen Ihr Ihre Ihren Ihrem Ihrer Ihres")),
    "fr": Pronouns(_words("tu te t' toi ton ta tes tien tienne tiens tiennes"), _words("vous votre vos vôtre vôtres")),
    "es": Pronouns(_words("tú tu tus te ti contigo tuyo tuya tuyos tuyas vosotros vosotras vuestro vuestra vuestros "
                          "vuestras puedes tienes debes quieres estás eres necesitas recibirás podrás tendrás deberás"),
                   _words("usted ustedes ud. uds. vd. vds.")),
    "it": Pronouns(_words("tu ti te tuo tua tuoi tue"), _words("voi vostro vostra vostri vostre"),
                   _words("Lei Suo Sua Suoi Sue")),
    "pt": Pronouns(_words("tu teu tua teus tuas contigo"), _words("você vocês si")),
    "nl": Pronouns(_words("je jij jou jouw"), _words("u uw")),
    "fi": Pronouns(_words("sinä sinun sinua sinulle sinulta sinulla sinusta sinut sinuun"),
                   _words("te teidän teitä teille teiltä teillä teistä teihin teidät")),
    "et": Pronouns(_words("sina sinu sind sulle sinule sinul sinult"), frozenset(),
                   _words("Teie Teid Teile Teil Teilt")),
    "hu": Pronouns(_words("te téged neked tiéd veled tőled"), _words("ön önt önnek önök öné önnel öntől önöknek")),
    "pl": Pronouns(_words("ty ciebie cię tobie twój twoja twoje twojego twojej twoim twoich"),
                   _words("pan pani państwo pana panu panią państwa państwu")),
    "cs": Pronouns(_words("ty tebe tě tobě tvůj tvoje tvá tvé tvých tvým tvého"),
                   _words("vy vás vám vámi váš vaše vaši vašeho vašem vašich")),
    "sk": Pronouns(_words("ty teba ťa tebe tvoj tvoja tvoje tvojho tvojich"),
                   _words("vy vás vám vami váš vaša vaše vašej vašich")),
    "sl": Pronouns(_words("ti tebe tebi tvoj tvoja tvoje tvojega tvojih"), _words("vi vas vam vaš vaša vaše vašega vaših")),
    "hr": Pronouns(_words("ti tebe tebi tvoj tvoja tvoje tvojeg tvojih"), _words("vi vas vam vaš vaša vaše vašeg vaših")),
    "sr": Pronouns(_words("ti tebe tebi tvoj tvoja tvoje ти тебе теби твој твоја твоје"),
                   _words("vi vas vam vaš vaša vaše ви вас вам ваш ваша ваше")),
    "ro": Pronouns(_words("tu ție ţie tău tale tăi"), _words("dumneavoastră dvs. dvs")),
    "bg": Pronouns(_words("ти теб тебе твой твоя твоето твоите"), _words("вие вас ваш ваша вашия вашият вашата вашите ваше")),
    "mk": Pronouns(_words("ти тебе твој твоја твоето твоите"), _words("вие вас ваш ваша вашиот вашата вашите")),
    "el": Pronouns(_words("εσύ εσένα σένα σου"), _words("εσείς σας")),
    "lt": Pronouns(_words("tu tave tau tavo"), _words("jūs jus jums jūsų")),
    "lv": Pronouns(_words("tu tevi tev tavs tava tavu tavi tavas"), _words("jūs jums jūsu")),
    "tr": Pronouns(_words("sen seni sana senin sende"), _words("siz sizi size sizin sizde")),
    # One register for every reader: du, þú, int, tú (Irish). Nothing can mix.
    "sv": Pronouns(_words("du dig din ditt dina"), frozenset()),
    "da": Pronouns(_words("du dig din dit dine"), frozenset()),
    "no": Pronouns(_words("du deg din ditt dine"), frozenset()),
    "is": Pronouns(_words("þú þig þér þín þinn þitt þínir"), frozenset()),
    "mt": Pronouns(_words("int lilek tiegħek"), frozenset()),
    "ga": Pronouns(frozenset(), frozenset()),
    "en": Pronouns(frozenset(), frozenset()),
}


@dataclass(frozen=True)
class Register:
    """How a language addresses learners and everyone else (companies, partners, funders)."""

    learners: str
    others: str

    @property
    def shared(self) -> str:
        """The register of a text every audience reads: theirs when they agree, else neither."""
        return self.learners if self.learners == self.others else NEUTRAL


# Decided for the languages revised by hand (theme/locales/README.md gives the reasons).
REGISTERS: dict[str, Register] = {
    "de": Register(learners=FORMAL, others=FORMAL),
    "fr": Register(learners=FORMAL, others=FORMAL),
    "es": Register(learners=INFORMAL, others=FORMAL),
    "fi": Register(learners=INFORMAL, others=FORMAL),
}

WORD = re.compile(r"[^\W\d_]+(?:\.|')?", re.UNICODE)
SENTENCE_START = re.compile(r"(^|[.!?:;«»„“\"(]\s*|\n\s*)$")


def register_words(text: str, lang: str) -> tuple[set[str], set[str]]:
    """The informal and the formal words of address found in a text."""
    pronouns = PRONOUNS.get(lang.split("-")[0])
    if pronouns is None:
        return set(), set()
    informal: set[str] = set()
    formal: set[str] = set()
    for match in WORD.finditer(text):
        word = match.group()
        bare = word.rstrip(".'")
        lower_word, lower_bare = word.lower(), bare.lower()
        if lower_word in pronouns.informal or lower_bare in pronouns.informal:
            # A capitalised informal word at the start of a sentence is still informal (Du, Tu, Tú).
            informal.add(bare)
            continue
        mid_sentence = not SENTENCE_START.search(text[:match.start()])
        if lower_word in pronouns.formal or lower_bare in pronouns.formal or (
                bare in pronouns.formal_capitalised and mid_sentence):
            formal.add(bare)
    return informal, formal


def register_of(text: str, lang: str) -> str | None:
    """informal, formal or neutral; None when the text mixes both."""
    informal, formal = register_words(text, lang)
    if informal and formal:
        return None
    return INFORMAL if informal else FORMAL if formal else NEUTRAL


def fits(found: str | None, wanted: str) -> bool:
    """A text in register `found` may stand where `wanted` is asked: a neutral text fits anywhere."""
    return found in (NEUTRAL, wanted)


@dataclass
class Glossary:
    """theme/glossary.yml: each programme term, in each language, and the labels using it."""

    terms: dict[str, dict]

    @classmethod
    def read(cls, file: Path) -> Glossary:
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=SAFE_LOADER) if file.is_file() else None
        return cls(terms=dict((data or {}).get("terms") or {}))

    def term(self, term_id: str, lang: str) -> str | None:
        value = self.terms.get(term_id, {}).get("term", {}).get(lang)
        return str(value) if value else None

    def forms(self, term_id: str, lang: str) -> list[str]:
        """The term and the inflected forms that count as it (Finnish oppimissopimuksen)."""
        entry = self.terms.get(term_id, {})
        forms = [str(form) for form in (entry.get("forms", {}) or {}).get(lang, [])]
        term = self.term(term_id, lang)
        return [term, *forms] if term else forms

    def avoided(self, term_id: str, lang: str) -> list[str]:
        return [str(word) for word in (self.terms.get(term_id, {}).get("avoid", {}) or {}).get(lang, [])]

    def labels(self, term_id: str) -> list[str]:
        return [str(key) for key in self.terms.get(term_id, {}).get("labels", [])]


TERM_REFERENCE = re.compile(r"\{\{([Tt])erm:([\w-]+)\}\}")


def resolve_terms(text: str, lang: str, glossary: Glossary) -> tuple[str, list[str]]:
    """A label with its `{{term:id}}` references replaced by the glossary's term in the language
    (`{{Term:id}}`: with a capital), and the ids the glossary lacks in that language: those are
    put in in English, like a missing label, or as their id when the glossary has no such term."""
    unknown: list[str] = []

    def term(match: re.Match[str]) -> str:
        capital, term_id = match.groups()
        words = glossary.term(term_id, lang)
        if words is None:
            unknown.append(term_id)
            words = glossary.term(term_id, "en") or term_id
        return words[:1].upper() + words[1:] if capital == "T" else words

    return TERM_REFERENCE.sub(term, text), unknown


def uses_term(text: str, forms: list[str]) -> bool:
    folded = text.casefold()
    return any(form.casefold() in folded for form in forms)


@dataclass
class LocaleReport:
    """What the check of one language found, each a list of `key: explanation` lines."""

    lang: str
    missing: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    identical: list[str] = field(default_factory=list)
    register: list[str] = field(default_factory=list)
    glossary: list[str] = field(default_factory=list)
    typography: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        """What fails the tests: missing or unknown labels, mixed register, typography."""
        return [*self.missing, *self.unknown, *self.register, *self.typography]

    def lines(self) -> list[str]:
        sections = [("missing", self.missing), ("unknown (not in en.yml)", self.unknown),
                    ("identical to English (check)", self.identical), ("register", self.register),
                    ("not the programme's term", self.glossary), ("typography", self.typography)]
        out = [f"{self.lang}: " + ", ".join(f"{len(items)} {name.split(' (')[0]}" for name, items in sections if items)
               if any(items for _, items in sections) else f"{self.lang}: ok"]
        for name, items in sections:
            if items:
                out.append(f"  {name}:")
                out += [f"    {item}" for item in items]
        return out


# Labels that may be the same as English in any language: codes, names, abbreviations.
SAME_AS_ENGLISH_ALLOWED = {"question_number", "europass_mobility", "news_feed", "website", "gallery"}

# Labels read by learners only, in the learners' register (none yet: every label is shared).
LEARNER_LABELS: frozenset[str] = frozenset()

# Languages whose grammar changes a noun with its case. A language name is put into a sentence
# ({language}) in the form CLDR gives (Babel): the dictionary form. It may stand in brackets or
# after a colon ("tällä kielellä (suomi)", "Kieli: suomi"), and, in the places listed for the
# language, where that form is already right: Estonian, Hungarian, Lithuanian and Latvian names
# are the invariable stem put before the word "language" ("inglise keeles", "angol nyelven",
# "anglų kalba", "angļu valodā"); Polish, Croatian and Serbian names are adjectives whose
# accusative after "na" is the dictionary form ("na angielski"); Greek ones are neuter plurals,
# the same after "στα". Czech, Slovak and Slovenian names (angličtina) inflect: colon or brackets.
# Bulgarian and Macedonian have no cases.
NAME_PLACES: dict[str, tuple[re.Pattern[str], ...]] = {
    "fi": (),
    "cs": (), "sk": (), "sl": (),
    "et": (re.compile(r"^ keel"),), "hu": (re.compile(r"^ nyelv"),),
    "lt": (re.compile(r"^ kalb"),), "lv": (re.compile(r"^ valod"),),
    "pl": (re.compile(r"(^|\s)na $"),), "hr": (re.compile(r"(^|\s)na $"),), "sr": (re.compile(r"(^|\s)на $"),),
    "el": (re.compile(r"(^|\s)στα $"),),
}
CASE_LANGUAGES = set(NAME_PLACES)
NAME_PLACEHOLDERS = ("{language}", "{main}", "{shown}")


def name_fits(text: str, start: int, end: int, lang: str) -> bool:
    """Whether the name put in at text[start:end] needs no case ending where it stands."""
    before, after = text[:start], text[end:]
    if before == "" or before.endswith(("(", ": ")):
        return True
    return any(place.search(before[-12:]) if place.pattern.endswith("$") else place.search(after[:12])
               for place in NAME_PLACES.get(lang, ()))


def _texts(label: object) -> list[str]:
    return [str(value) for value in label.values()] if isinstance(label, dict) else [str(label)]


def check_typography(lang: str, key: str, text: str) -> list[str]:
    """What the reader would see wrong in a label, once set in the language's typography."""
    text = typeset(text, lang)
    found = []
    if lang == "fr":
        for mark in ":;?!»":
            for match in re.finditer(re.escape(mark), text):
                before = text[match.start() - 1] if match.start() else ""
                if mark == ":" and (before.isdigit() or text[match.start():match.start() + 3] == "://"):
                    continue  # 8:00, https://
                if before not in ("\u00a0", "\u202f") and before != "":
                    found.append(f"{key}: no non-breaking space before {mark!r}: {text!r}")
                    break
        if "«" in text and not re.search("«[\u00a0\u202f]", text):
            found.append(f"{key}: no non-breaking space after '«': {text!r}")
    elif lang == "en" and ("«" in text or "»" in text):
        found.append(f"{key}: « » are not English quotation marks: {text!r}")
    if lang in CASE_LANGUAGES:
        for name in NAME_PLACEHOLDERS:
            for match in re.finditer(re.escape(name), text):
                if not name_fits(text, match.start(), match.end(), lang):
                    found.append(f"{key}: {name} inside a sentence needs a case ending; put it in brackets "
                                 f"or after a colon: {text!r}")
    return found


def check_locale(locales_dir: Path, lang: str, glossary: Glossary | None = None) -> LocaleReport:
    """Every check of one language's labels against English and the glossary."""
    glossary = glossary or Glossary.read(locales_dir.parent / "glossary.yml")
    report = LocaleReport(lang)
    english, _ = _resolved(_read(locales_dir / "en.yml"), "en", glossary)
    labels, unknown_terms = _resolved(_read(locales_dir / f"{lang}.yml"), lang, glossary)
    report.missing = [f"{key}: {_texts(english[key])[0]!r}" for key in english if key not in labels]
    report.unknown = [key for key in labels if key not in english] + unknown_terms
    if lang != "en":
        report.identical = [f"{key}: {_texts(labels[key])[0]!r}" for key in labels
                            if key in english and labels[key] == english[key] and key not in SAME_AS_ENGLISH_ALLOWED]
    register = REGISTERS.get(lang)
    informal_keys, formal_keys = [], []
    for key, label in labels.items():
        for text in _texts(label):
            found = register_of(text, lang)
            if found is None:
                report.register.append(f"{key}: mixes registers: {text!r}")
            elif found == INFORMAL:
                informal_keys.append(key)
            elif found == FORMAL:
                formal_keys.append(key)
            if register is not None and found is not None:
                wanted = register.learners if key in LEARNER_LABELS else register.shared
                if not fits(found, wanted):
                    words = ", ".join(sorted(set().union(*register_words(text, lang))))
                    report.register.append(f"{key}: {found} ({words}) where {lang} labels are {wanted}: {text!r}")
            report.typography += check_typography(lang, key, text)
    if register is None and informal_keys and formal_keys:
        report.register.append(f"informal in {', '.join(sorted(set(informal_keys)))}; "
                               f"formal in {', '.join(sorted(set(formal_keys)))}")
    raw = _read(locales_dir / f"{lang}.yml")
    for term_id in glossary.terms:
        forms = glossary.forms(term_id, lang)
        term = glossary.term(term_id, lang)
        for key, label in raw.items():  # a label that is the term names it, so that it is translated once
            if term and any(text.strip().casefold() == term.casefold() for text in _texts(label)):
                report.glossary.append(f"{key}: is the term {term_id}: write {{{{term:{term_id}}}}} "
                                       f"(or {{{{Term:{term_id}}}}}) instead of {_texts(label)[0]!r}")
        for key in glossary.labels(term_id):
            if key in labels and forms and not all(uses_term(text, forms) for text in _texts(labels[key])):
                report.glossary.append(f"{key}: {term_id} is {forms[0]!r} in {lang}: {_texts(labels[key])[0]!r}")
        for avoided in glossary.avoided(term_id, lang):
            for key, label in labels.items():
                if any(uses_term(text, [avoided]) for text in _texts(label)):
                    report.glossary.append(f"{key}: says {avoided!r}; the term for {term_id} is {forms[0]!r}"
                                           if forms else f"{key}: says {avoided!r}")
    return report


def _resolved(labels: dict, lang: str, glossary: Glossary) -> tuple[dict, list[str]]:
    """The labels with their glossary terms put in, and a line for each term the glossary lacks."""
    unknown: list[str] = []

    def text(key: str, words: object) -> str:
        resolved, missing = resolve_terms(str(words), lang, glossary)
        unknown.extend(f"{key}: {{{{term:{term_id}}}}} is not in theme/glossary.yml for {lang}" for term_id in missing)
        return resolved

    return {key: ({category: text(key, words) for category, words in label.items()} if isinstance(label, dict)
                  else text(key, label)) for key, label in labels.items()}, unknown


@lru_cache(maxsize=64)
def _read_cached(path: str, mtime: float) -> dict:
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}


def _read(file: Path) -> dict:
    return _read_cached(str(file), file.stat().st_mtime) if file.is_file() else {}


def locale_languages(locales_dir: Path) -> list[str]:
    return sorted(path.stem for path in locales_dir.glob("*.yml"))
