"""Field types of data format v1: what each kind of text must be, with Swedish messages.

Every value reaches these validators as the text the editor wrote (see yamlstrict); each type
decides what that text must look like and, where it helps, normalises it.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from okide.clock import FIRST_YEAR, LAST_YEAR, STOCKHOLM

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
# Patterns the JSON Schemas give editors' tools too: one definition for both.
_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_EMAIL_PATTERN = r'^[^@\s<>()\[\],;:"]+@[^@\s<>()\[\],;:"]+\.[A-Za-z]{2,}$'
_PHONE_PATTERN = r"^\+?[0-9][0-9 ()\-]*[0-9]$"
_DATE = re.compile(_DATE_PATTERN)
_DATETIME = re.compile(
    r"^([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?$"
)
_WHOLE = re.compile(r"^[0-9]+$")
# Longest whole number (and part of a clause number) read: up to 999 999 999, far beyond any
# order or clause, and checked before int(), which refuses past 4,300 digits with an exception.
MAX_DIGITS = 9
_EMAIL = re.compile(_EMAIL_PATTERN)
_PHONE = re.compile(_PHONE_PATTERN)
_ORG_NUMBER = re.compile(r"^([0-9]{2})?([0-9]{6})-?([0-9]{4})$")
_CLAUSE_NUMBER = re.compile(r"^[1-9][0-9]*(\.[0-9]+)*$")
# Every `](target` is an inline link or image, whatever brackets the link text holds.
_MD_INLINE_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_MD_IMAGE = re.compile(r"!\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\][(\[]")
_MD_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]*:[^>\s]*)>")
# Reference definitions, also inside block quotes and list items; the target may stand on
# the line after the colon (Python-Markdown links it either way).
_MD_REFERENCE = re.compile(
    r"^(?:[ \t]*(?:>[ \t]?|[*+\-][ \t]+|[0-9]{1,9}[.)][ \t]+))*[ \t]{0,3}"
    r"\[[^\[\]\n]*\]:[ \t]*(?:\n(?:[ \t]*>)*)?[ \t]*<?([^\s>]+)>?[ \t]*(?:$|[\r\"'(])",
    re.MULTILINE,
)
_LINK_SCHEMES = ("https:", "http:", "mailto:")
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


def rule_error(
    message: str, hint: str = "", loc: tuple[int | str, ...] = ()
) -> PydanticCustomError:
    """A Swedish validation error; the hint (and a place inside the value) travel in the context.

    The message goes in through the context, not as the template, so that braces in what the
    editor wrote are shown as written instead of being filled in by pydantic.
    """
    context: dict[str, Any] = {}
    if hint:
        context["hint"] = hint
    if loc:
        context["loc"] = loc
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
    return text


def _url_character_hint(char: str) -> str:
    if char.isspace():
        return "en webbadress har inga mellanslag eller radbrytningar; skriv %20 för mellanslag"
    if char.isprintable():
        return f"tecknet {char} får inte stå i en webbadress; skriv det som {quote(char)}"
    return f"ta bort det osynliga tecknet U+{ord(char):04X} ur adressen"


def check_email(value: str) -> str:
    text = value.strip()
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
    """Links in Markdown must go to the web or to e-mail; images are never loaded."""
    nonblank(value)
    if _MD_IMAGE.search(value):
        raise rule_error(
            "bilder stöds inte i textfält",
            "sidan får inte hämta något från andra webbplatser; länka i stället",
        )
    for target in _MD_INLINE_TARGET.findall(value):
        _check_link_target(target)
    for target in _MD_AUTOLINK.findall(value):
        _check_link_target(target)
    for target in _MD_REFERENCE.findall(value):
        _check_link_target(target)
    return value


def _check_link_target(target: str) -> None:
    if not target.lower().startswith(_LINK_SCHEMES) or target.lower() in _LINK_SCHEMES:
        raise rule_error(
            f"länken '{target}' är inte tillåten",
            "länkar ska börja med https:, http: eller mailto:",
        )


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


Line = Annotated[str, Field(min_length=1), AfterValidator(one_line)]
Markdown = Annotated[
    str,
    # A `|` block ends with a newline that YAML adds, not the editor: it does not count.
    BeforeValidator(lambda v: v.rstrip("\n") if isinstance(v, str) else v),
    Field(min_length=1),
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
        pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://\S+$",
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
SlugList = Annotated[list[Slug], BeforeValidator(none_as_empty_list), AfterValidator(unique_items)]
