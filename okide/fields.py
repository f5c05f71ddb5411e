"""Field types of data format v1: what each kind of text must be, with Swedish messages.

Every value reaches these validators as the text the editor wrote (see yamlstrict); each type
decides what that text must look like and, where it helps, normalises it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from okide.clock import FIRST_YEAR, LAST_YEAR, STOCKHOLM
from okide.markdown import allowed_link, targets

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
# Patterns the JSON Schemas give editors' tools too: one definition for both.
_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# No `?`, `#`, `%` or `&` anywhere, nor `/` or `=` after the @: in a mailto: link they would
# start a query (`?cc=`, `&bcc=`) or a fragment, or change the address that mail goes to.
_EMAIL_PATTERN = r'^[^@\s<>()\[\],;:"?#%&]+@[^@\s<>()\[\],;:"?#%&/=]+\.[A-Za-z]{2,}$'
_EMAIL_URL_PARTS = "?#%&"
_PHONE_PATTERN = r"^\+?[0-9][0-9 ()\-]*[0-9]$"
_DATE = re.compile(_DATE_PATTERN)
_MONTH_PATTERN = r"^[0-9]{4}-[0-9]{2}$"
_MONTH = re.compile(_MONTH_PATTERN)
_DATETIME = re.compile(
    r"^([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?$"
)
_WHOLE = re.compile(r"^[0-9]+$")
_YEAR_PATTERN = r"^[0-9]{4}$"
_YEAR = re.compile(_YEAR_PATTERN)
_DAY_OF_YEAR_PATTERN = r"^[0-9]{2}-[0-9]{2}$"
_DAY_OF_YEAR = re.compile(_DAY_OF_YEAR_PATTERN)
# Longest whole number (and part of a clause number) read: up to 999 999 999, far beyond any
# order or clause, and checked before int(), which refuses past 4,300 digits with an exception.
MAX_DIGITS = 9
_EMAIL = re.compile(_EMAIL_PATTERN)
_PHONE = re.compile(_PHONE_PATTERN)
_ORG_NUMBER = re.compile(r"^([0-9]{2})?([0-9]{6})-?([0-9]{4})$")
_CLAUSE_NUMBER = re.compile(r"^[1-9][0-9]*(\.[0-9]+)*$")
# Characters a URL never contains unencoded (RFC 3986): in a page they could end the link and
# start markup. Also whitespace and invisible format characters, which editors cannot see.
_URL_FORBIDDEN = re.compile(
    r'[\s<>"`{}|\\^\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2060-\u2064\ufeff]'
)
# Characters a reader never sees but which reach the value through YAML's escapes ("\x01",
# "\u202e"): control characters (tab and line breaks aside), Unicode line separators, bidi
# overrides, a byte order mark and noncharacters. XML, iCalendar and CSV readers choke on them.
_UNSEEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)


# Invisible, but not format characters (Cf): the combining grapheme joiner, Hangul fillers,
# Khmer inherent vowels, Mongolian variation selectors and the variation selectors.
_IGNORABLE_NOT_CF = frozenset(
    map(chr, [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, *range(0x180B, 0x1810), 0x3164,
              *range(0xFE00, 0xFE10), 0xFFA0])
)  # fmt: skip
# The alphabets whose letters are mistaken for each other, with their Swedish adjectives
# (plural, singular common gender).
_SCRIPTS = {
    "LATIN": ("latinska", "latinsk"),
    "GREEK": ("grekiska", "grekisk"),
    "CYRILLIC": ("kyrilliska", "kyrillisk"),
}
# Greek and Cyrillic letters that look like a Latin letter in common fonts (a small part of
# Unicode's confusables.txt), upper case and lower case.
_LOOKALIKES = str.maketrans(
    "АВЕКМНОРСТХУЅІЈԚԜҮӀаеорсухѕіјһԁԛԝӏүΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιρυχνκα",
    "ABEKMHOPCTXYSIJQWYIaeopcyxsijhdqwlyABEZHIKMNOPTYXoipuxvka",
)


def rule_error(
    message: str,
    hint: str = "",
    loc: tuple[int | str, ...] = (),
    at: tuple[int, int] | None = None,
) -> PydanticCustomError:
    """A Swedish validation error; the hint, a key path below the value (`loc`) and a place in
    a text value (`at`: 0-based line and column of the text) travel in the context.

    The message goes in through the context, not as the template, so that braces in what the
    editor wrote are shown as written instead of being filled in by pydantic.
    """
    context: dict[str, Any] = {}
    if hint:
        context["hint"] = hint
    if loc:
        context["loc"] = loc
    if at is not None:
        context["at"] = at
    context["message"] = message  # last: pydantic fills the template in context order
    return PydanticCustomError("okide", "{message}", context)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise rule_error("ska vara text", "skriv värdet på samma rad som nyckeln")
    return value


def visible(value: str) -> str:
    """Text an editor can see: no control or other invisible characters."""
    match = _UNSEEN.search(value)
    if match:
        code = f"U+{ord(match.group()):04X}"
        raise rule_error(
            f"innehåller ett osynligt styrtecken ({code})",
            f"ta bort tecknet; inom citattecken skrivs det som \\u{ord(match.group()):04x}",
        )
    return value


def nonblank(value: str) -> str:
    visible(value)
    if not value.strip():
        raise rule_error(
            "får inte vara tomt",
            "skriv något efter kolonet, eller ta bort raden om den inte behövs",
        )
    return value


def one_line(value: str) -> str:
    nonblank(value)
    if "\n" in value.strip() or "\r" in value:
        raise rule_error("ska stå på en rad", "ta bort radbrytningarna")
    return value.strip()


def _ignorable(char: str) -> bool:
    """A character Unicode asks software to ignore when it compares words: the format
    characters (Cf: soft hyphen, zero-width space and joiners, direction marks, BOM, …) and the
    few invisible fillers, joiners and variation selectors that are not Cf."""
    return (
        char in _IGNORABLE_NOT_CF
        or unicodedata.category(char) == "Cf"
        or 0xE0100 <= ord(char) <= 0xE01EF
    )


def without_ignorables(text: str) -> str:
    return "".join(char for char in text if not _ignorable(char))


def _words(text: str) -> Iterator[str]:
    """Runs of letters and their combining marks: a hyphen, a digit or a space ends a word."""
    word: list[str] = []
    for char in text:
        if unicodedata.category(char)[0] in "LM":
            word.append(char)
        elif word:
            yield "".join(word)
            word = []
    if word:
        yield "".join(word)


def _script(char: str) -> str:
    """LATIN, GREEK or CYRILLIC for a letter of those alphabets (å, ä, ö, é and ü are LATIN,
    also in their fullwidth or mathematical forms once NFKC has mapped them), else ''."""
    script = unicodedata.name(char, "").partition(" ")[0]
    return script if script in _SCRIPTS else ""


def _one_alphabet(word: str) -> None:
    scripts = [script for script in map(_script, word) if script]
    found = [script for script in _SCRIPTS if script in scripts]
    if len(found) < 2:
        return
    fewest = min(found, key=scripts.count)
    other = next(script for script in found if script != fewest)
    char = next(char for char in word if _script(char) == fewest)
    raise rule_error(
        f"ordet '{word}' blandar " + " och ".join(_SCRIPTS[s][0] for s in found) + " bokstäver",
        f"{char} (U+{ord(char):04X}) är en {_SCRIPTS[fewest][1]} bokstav som liknar en "
        f"{_SCRIPTS[other][1]}; skriv hela ordet med ett och samma alfabet",
    )


def legible(value: str) -> str:
    """A name a reader can read and tell apart: at least one letter or digit that is not an
    invisible character, and no word that mixes Latin letters with Greek or Cyrillic lookalikes
    ("Аlfa" with a Cyrillic А); a word wholly in one alphabet is fine."""
    if max(value, default=" ") <= "\u00ff":  # Latin-1, as most names: one alphabet only
        if not any(char.isalnum() for char in value):
            raise _no_letter_error()
        return value
    seen = unicodedata.normalize("NFKC", without_ignorables(value))
    if not any(unicodedata.category(char)[0] in "LN" for char in seen):
        raise _no_letter_error()
    for word in _words(seen):
        _one_alphabet(word)
    return value


def _no_letter_error() -> PydanticCustomError:
    return rule_error(
        "innehåller ingen synlig bokstav eller siffra",
        "skriv namnet med bokstäver; skiljetecken, mellanslag och osynliga tecken räknas inte",
    )


def name_key(text: str) -> str:
    """What two names have in common when a reader cannot tell them apart: the same text once
    case (casefold), spacing (all white space), Unicode compatibility forms (NFKC: fullwidth
    Ａ is A) and invisible characters are set aside, and Greek and Cyrillic letters that look
    like Latin ones (А, Β, о, р, …) are read as those."""
    folded = unicodedata.normalize("NFKC", without_ignorables(text)).translate(_LOOKALIKES)
    return "".join(unicodedata.normalize("NFKC", folded.casefold()).split())


def _shown(text: str, length: int = 40) -> str:
    """What the editor wrote, shortened for a message (a value can be 64 KiB)."""
    return text if len(text) <= length else text[:length] + "…"


def in_years(day: date) -> date:
    """A date within the years the register speaks of (see clock.FIRST_YEAR)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise rule_error(
            f"året {day.year:04d} ligger utanför {FIRST_YEAR}–{LAST_YEAR}",
            "kontrollera årtalet",
        )
    return day


def parse_date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return in_years(value)
    text = _text(value).strip()
    if not _DATE.match(text):
        raise rule_error(
            f"'{_shown(text)}' är inte ett datum på formen ÅÅÅÅ-MM-DD",
            "skriv t.ex. 2017-09-15",
        )
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise rule_error(
            f"datumet {text} finns inte i kalendern", "kontrollera månaden och dagen"
        ) from None
    return in_years(day)


def parse_month(value: Any) -> date:
    """`2026-11` → the first day of that month: for facts known to the month, not the day."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return in_years(value.replace(day=1))
    text = _text(value).strip()
    if not _MONTH.match(text) or not 1 <= int(text[5:]) <= 12:
        raise rule_error(
            f"'{_shown(text)}' är inte en månad på formen ÅÅÅÅ-MM", "skriv t.ex. 2026-11"
        )
    return in_years(date(int(text[:4]), int(text[5:]), 1))


def parse_year(value: Any) -> int:
    """A year written with four digits, within the years the register speaks of."""
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    else:
        text = _text(value).strip()
    if not _YEAR.match(text):
        raise rule_error(f"'{_shown(text)}' är inte ett årtal med fyra siffror", "skriv t.ex. 2026")
    return in_years(date(int(text), 1, 1)).year


def parse_day_of_year(value: Any) -> tuple[int, int]:
    """A day that comes back every year, `MM-DD` (e.g. 03-31): month and day. 02-29 is
    refused, as most years do not have it."""
    text = _text(value).strip()
    if not _DAY_OF_YEAR.match(text):
        raise rule_error(
            f"'{_shown(text)}' är inte en dag på formen MM-DD", "skriv t.ex. 03-31 för 31 mars"
        )
    month, day = int(text[:2]), int(text[3:])
    try:
        date(2001, month, day)  # a year without 29 February
    except ValueError:
        leap = (month, day) == (2, 29)
        hint = "välj 02-28 eller 03-01" if leap else "kontrollera månaden och dagen"
        raise rule_error(f"dagen {text} finns inte varje år", hint) from None
    return month, day


def parse_datetime(value: Any) -> datetime:
    """`YYYY-MM-DDTHH:MM`, Stockholm local time, or with an explicit UTC offset."""
    if isinstance(value, datetime):
        in_years(value.date())
        return value if value.tzinfo else value.replace(tzinfo=STOCKHOLM)
    text = _text(value).strip()
    match = _DATETIME.match(text)
    if not match:
        hint = "skriv t.ex. 2026-12-03T17:30 (med ett T mellan datum och klockslag)"
        raise rule_error(f"'{_shown(text)}' är inte en tidpunkt på formen ÅÅÅÅ-MM-DDTHH:MM", hint)
    day, hour, minute, offset = match.groups()
    try:
        moment = datetime.fromisoformat(f"{day}T{hour}:{minute}" + (offset or ""))
    except ValueError:
        raise rule_error(
            f"tidpunkten {text} finns inte",
            "kontrollera datumet, timmen (00–23) och minuten (00–59)",
        ) from None
    in_years(moment.date())  # before any conversion: 9999-12-31T23:00-05:00 would overflow
    if moment.tzinfo is None:
        local = moment.replace(tzinfo=STOCKHOLM)
        if local.astimezone(UTC).astimezone(STOCKHOLM).replace(tzinfo=None) != moment:
            raise rule_error(
                f"klockan {hour}.{minute} finns inte den {day}: klockan ställs fram en timme",
                "välj en tid före 02.00 eller från 03.00",
            )
        if local.replace(fold=1).utcoffset() != local.utcoffset():
            raise rule_error(
                f"klockan {hour}.{minute} finns två gånger den {day}: klockan ställs tillbaka "
                "en timme",
                f"skriv vilken med UTC-offset: {day}T{hour}:{minute}+02:00 är den första "
                f"(sommartid), {day}T{hour}:{minute}+01:00 den andra",
            )
        return local
    return moment.astimezone(STOCKHOLM)


def parse_whole_number(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = _text(value).strip()
        if not _WHOLE.match(text):
            raise rule_error(f"'{_shown(text)}' är inte ett heltal", "skriv t.ex. 3")
        _check_digits(text, "talet")
        number = int(text)
    if number < 1:
        raise rule_error("ska vara 1 eller större", "den första har nummer 1")
    return number


# YAML 1.2's booleans (the core schema), the only texts a yes-or-no key accepts: `yes`, `ja`
# and `1` are not read as true, as a YAML 1.1 reader would.
_TRUE, _FALSE = ("true", "True", "TRUE"), ("false", "False", "FALSE")


def parse_flag(value: Any) -> bool:
    """A yes-or-no value: `true` or `false`, nothing that only looks like one."""
    if isinstance(value, bool):
        return value
    if value is None:
        raise rule_error("värdet saknas", "skriv true, eller ta bort raden")
    if isinstance(value, (list, dict)):
        kind = "en lista" if isinstance(value, list) else "en mappning"
        raise rule_error(f"ska vara true eller false, inte {kind}", "skriv t.ex. example: true")
    text = _text(value).strip()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise rule_error(f"'{_shown(text)}' är varken true eller false", "skriv true eller false")


def _check_digits(digits: str, what: str) -> None:
    if len(digits) > MAX_DIGITS:
        raise rule_error(
            f"{what} har {len(digits)} siffror; högst {MAX_DIGITS} siffror går att läsa",
            "skriv ett mindre tal, t.ex. 3",
        )


def is_slug(text: str) -> bool:
    return bool(_SLUG.match(text))


def check_slug(value: str) -> str:
    if not _SLUG.match(value):
        raise rule_error(
            f"'{value}' är inte ett giltigt id",
            "använd bara a–z, 0–9 och bindestreck, t.ex. minskat-utanforskap",
        )
    return value


def check_url(value: str) -> str:
    text = value.strip()
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError:
        host = None
    if parts.scheme not in ("https", "http") or not host:
        raise rule_error(
            f"'{text}' är inte en webbadress",
            "skriv hela adressen med https://, t.ex. https://www.exempel.se",
        )
    forbidden = _URL_FORBIDDEN.search(text)
    if forbidden:
        raise rule_error(f"'{text}' är inte en webbadress", _url_character_hint(forbidden.group()))
    check_link_userinfo(text)
    return text


def _authority(url: str) -> str:
    """The part of a URL that names the server, read the way a browser reads it (WHATWG URL).

    For http(s) any number of slashes or backslashes may follow the colon (`https:\\\\x`,
    `https:x`), and the authority ends at the first `/`, `\\`, `?` or `#`; any other scheme
    has an authority only after `//`. Free of urlsplit, so text urlsplit refuses is read too.
    """
    text = url.strip().replace("\t", "").replace("\n", "").replace("\r", "")
    scheme, colon, rest = text.partition(":")
    if not colon:
        return ""
    if scheme.lower() in ("http", "https"):
        rest = rest.lstrip("/\\")
    elif rest.startswith("//"):
        rest = rest[2:]
    else:
        return ""
    for end in "/\\?#":
        rest = rest.partition(end)[0]
    return rest


def check_link_userinfo(url: str, at: tuple[int, int] | None = None) -> None:
    """Refuse a URL or link whose start names one site while it leads to another (`at`: where
    a link sits in a Markdown text)."""
    authority = _authority(url)
    if "@" in authority:
        host = authority.rpartition("@")[2] or "en annan server"
        raise rule_error(
            f"'{url.strip()}' har ett användarnamn före @ i adressen",
            f"allt före @ är bara ett användarnamn: adressen leder till {host}, inte till "
            "webbplatsen som står först; skriv adressen utan det som står före @",
            at=at,
        )


def _url_character_hint(char: str) -> str:
    if char.isspace():
        return "en webbadress har inga mellanslag eller radbrytningar; skriv %20 för mellanslag"
    if char.isprintable():
        return f"tecknet {char} får inte stå i en webbadress; skriv det som {quote(char)}"
    return f"ta bort det osynliga tecknet U+{ord(char):04X} ur adressen"


def check_email(value: str) -> str:
    text = value.strip()
    url_part = next((char for char in text if char in _EMAIL_URL_PARTS), "")
    if url_part:
        raise rule_error(
            f"'{text}' är inte en e-postadress",
            f"tecknet {url_part} hör till en länk, inte till en adress; ämne, kopia och "
            "liknande kan inte anges: skriv bara adressen, t.ex. info@forening.se",
        )
    if text.lower().startswith("mailto:") or not _EMAIL.match(text):
        raise rule_error(
            f"'{text}' är inte en e-postadress",
            "skriv t.ex. info@forening.se, utan mailto:",
        )
    return text


def check_phone(value: str) -> str:
    text = value.strip()
    digits = sum(ch.isdigit() for ch in text)
    if not _PHONE.match(text) or not 5 <= digits <= 15:
        raise rule_error(
            f"'{text}' är inte ett telefonnummer",
            "skriv siffror med riktnummer, t.ex. 0522-69 60 00",
        )
    return text


def luhn_check_digit(nine_digits: str) -> int:
    """The check digit that the Luhn algorithm assigns to nine digits."""
    total = 0
    for index, char in enumerate(nine_digits):
        product = int(char) * (2 - index % 2)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def normalise_org_number(value: str) -> str:
    """Check a Swedish organisationsnummer and write it as NNNNNN-NNNN."""
    text = value.strip()
    match = _ORG_NUMBER.match(text.replace(" ", ""))
    if not match:
        raise rule_error(
            f"'{_shown(text)}' är inte ett organisationsnummer",
            "skriv tio siffror på formen NNNNNN-NNNN",
        )
    prefix, head, tail = match.groups()
    digits = head + tail
    personal = int(digits[2:4]) < 20 or prefix in ("19", "20")
    if personal:
        raise rule_error(
            "numret är ett personnummer, inte ett organisationsnummer",
            "personuppgifter publiceras inte; ta bort org_number för en enskild firma",
        )
    if prefix is not None and prefix != "16":
        raise rule_error(f"'{text}' har ett okänt prefix {prefix}", "ta bort prefixet")
    expected = luhn_check_digit(digits[:9])
    if int(digits[9]) != expected:
        raise rule_error(
            f"kontrollsiffran stämmer inte (väntade {expected})",
            "kontrollera numret mot Bolagsverkets eller Skatteverkets uppgifter",
        )
    return f"{digits[:6]}-{digits[6:]}"


def check_clause_number(value: str) -> str:
    text = value.strip()
    if not _CLAUSE_NUMBER.match(text):
        raise rule_error(f"'{_shown(text)}' är inte ett punktnummer", "skriv t.ex. 3 eller 3.2")
    for part in text.split("."):
        _check_digits(part, "en del av numret")
    return text


def check_markdown(value: str) -> str:
    """Links in Markdown go to the web or to e-mail; images are never loaded. Read from the
    parser's own tokens, so what is checked is what the page will show."""
    nonblank(value)
    for target in targets(value):
        at = (target.line, target.column)
        if target.kind == "image":
            raise rule_error(
                "bilder stöds inte i textfält",
                "sidan får inte hämta något från andra webbplatser; länka i stället",
                at=at,
            )
        if not allowed_link(target.url):
            raise rule_error(
                f"länken '{target.url}' är inte tillåten",
                "länkar ska börja med https:, http: eller mailto:",
                at=at,
            )
        check_link_userinfo(target.url, at=at)
    return value


def none_as_empty_list(value: Any) -> Any:
    """`areas:` with nothing after it means no areas."""
    return [] if value is None else value


def unique_items(values: list[str]) -> list[str]:
    """Each item once; a repeat is reported at the repeat, not at the list."""
    seen: set[str] = set()
    for index, item in enumerate(values):
        if item in seen:
            raise rule_error(f"'{item}' står två gånger i listan", "ta bort dubbletten", (index,))
        seen.add(item)
    return values


def _schema(**extra: Any) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", **extra})


# Every one-line text names something (a party, a title, a place): it must be legible.
Line = Annotated[str, Field(min_length=1), AfterValidator(one_line), AfterValidator(legible)]
# The longest Markdown text: about eight pages, far more than a clause or a description needs.
# It bounds the parser's work: its slowest inputs (dense brackets) cost about 15 µs a character,
# so a text at the limit is parsed in well under a second (`make bench` shows the figure).
MARKDOWN_MAX_LENGTH = 20_000
Markdown = Annotated[
    str,
    # A `|` block ends with a newline that YAML adds, not the editor: it does not count.
    BeforeValidator(lambda v: v.rstrip("\n") if isinstance(v, str) else v),
    # Checked before the text is parsed: the length limit comes first.
    Field(min_length=1, max_length=MARKDOWN_MAX_LENGTH),
    AfterValidator(check_markdown),
]
# The schema patterns below accept what these validators accept, written as ECMAScript
# regular expressions for editors; `patternErrorMessage` is what VS Code shows.
Slug = Annotated[
    str,
    AfterValidator(check_slug),
    _schema(
        pattern=SLUG_PATTERN,
        patternErrorMessage="Ett id: bara a–z, 0–9 och bindestreck, t.ex. minskat-utanforskap.",
    ),
]
Url = Annotated[
    str,
    AfterValidator(check_url),
    _schema(
        format="uri",
        # No @ before the path: user info would hide the real host (see check_link_userinfo).
        pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#@]+([/?#]\S*)?$",
        examples=["https://www.exempel.se"],
        patternErrorMessage="Hela webbadressen med https://, t.ex. https://www.exempel.se.",
    ),
]
Email = Annotated[
    str,
    AfterValidator(check_email),
    _schema(
        pattern=_EMAIL_PATTERN,
        patternErrorMessage="En e-postadress, t.ex. info@forening.se, utan mailto:.",
    ),
]
Phone = Annotated[
    str,
    AfterValidator(check_phone),
    _schema(
        pattern=_PHONE_PATTERN,
        patternErrorMessage="Siffror med riktnummer, t.ex. 0522-69 60 00.",
    ),
]
Day = Annotated[
    date,
    BeforeValidator(parse_date),
    _schema(
        format="date",
        pattern=_DATE_PATTERN,
        examples=["2017-09-15"],
        patternErrorMessage="Ett datum på formen ÅÅÅÅ-MM-DD, t.ex. 2017-09-15.",
    ),
]
Month = Annotated[
    date,
    BeforeValidator(parse_month),
    _schema(
        pattern=_MONTH_PATTERN,
        examples=["2026-11"],
        patternErrorMessage="En månad på formen ÅÅÅÅ-MM, t.ex. 2026-11.",
    ),
]
Moment = Annotated[
    datetime,
    BeforeValidator(parse_datetime),
    _schema(
        pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?$",
        examples=["2026-12-03T17:30"],
        patternErrorMessage="En tidpunkt på formen ÅÅÅÅ-MM-DDTHH:MM, t.ex. 2026-12-03T17:30.",
    ),
]
WholeNumber = Annotated[
    int,
    BeforeValidator(parse_whole_number),
    WithJsonSchema({"type": "integer", "minimum": 1}),
]
OrgNumber = Annotated[
    str,
    AfterValidator(normalise_org_number),
    # Spaces are allowed anywhere, as normalise_org_number removes them. Written without a
    # hyphen, a YAML 1.2 reader sees an integer: 0020000000 (3rd–4th digits ≥ 20) and up.
    _schema(
        pattern=r"^(1 *6 *)?([0-9] *){6}(- *)?([0-9] *){3}[0-9]$",
        minimum=20000000,
        maximum=169999999999,
        examples=["NNNNNN-NNNN"],
        patternErrorMessage="Tio siffror på formen NNNNNN-NNNN.",
    ),
]
ClauseNumber = Annotated[
    str,
    BeforeValidator(lambda v: v if not isinstance(v, int) else str(v)),
    AfterValidator(check_clause_number),
    WithJsonSchema(
        {
            "type": ["string", "number"],
            "pattern": _CLAUSE_NUMBER.pattern,
            "minimum": 1,
            "examples": ["3.2"],
            "patternErrorMessage": "Ett punktnummer, t.ex. 3 eller 3.2.",
        }
    ),
]
Year = Annotated[
    int,
    BeforeValidator(parse_year),
    _schema(
        type=["string", "integer"],
        pattern=_YEAR_PATTERN,
        minimum=FIRST_YEAR,
        maximum=LAST_YEAR,
        examples=["2026"],
        patternErrorMessage="Ett årtal med fyra siffror, t.ex. 2026.",
    ),
]
DayOfYear = Annotated[
    tuple[int, int],
    BeforeValidator(parse_day_of_year),
    _schema(
        pattern=_DAY_OF_YEAR_PATTERN,
        examples=["03-31"],
        patternErrorMessage="En dag på formen MM-DD, t.ex. 03-31.",
    ),
]
Flag = Annotated[bool, BeforeValidator(parse_flag), WithJsonSchema({"type": "boolean"})]
SlugList = Annotated[list[Slug], BeforeValidator(none_as_empty_list), AfterValidator(unique_items)]
