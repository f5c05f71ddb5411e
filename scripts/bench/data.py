"""Synthetic but realistic data sets for the benchmark: N signing organisations, their dialogues,
their yearly follow-ups and the actions of two collaboration plans.

Everything here is made up. The names are combinations of common Swedish organisation kinds and
place names; the organisation numbers are synthetic (valid by Luhn, 3rd–4th digits ≥ 20, so they
pass validation) and belong to no real organisation. The same seed gives the same files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from slugify import slugify

from okide.fields import luhn_check_digit

PLACES = (
    "Ljungskile", "Herrestad", "Skredsvik", "Dalaberg", "Hogstorp", "Lane-Ryr", "Forshälla",
    "Ödsmål", "Kärna", "Bokenäs", "Grohed", "Torp", "Kuröd", "Sörbygden", "Holma", "Hovhult",
    "Unneröd", "Skeppsviken", "Tureborg", "Norrmalm", "Skellefteå", "Kåge", "Byske", "Jörn",
    "Boliden", "Burträsk", "Lövånger", "Bureå", "Ursviken", "Skelleftehamn", "Medle", "Kusmark",
    "Ostvik", "Kalvträsk", "Drängsmark", "Myckle", "Varuträsk", "Fällfors", "Bastuträsk",
    "Sunnanå", "Morö backe", "Anderstorp", "Erikslid", "Degerbyn", "Ersmark", "Kusmarksgården",
    "Sörböle", "Norrböle", "Kyrkholmen", "Brännan", "Klutmark", "Storkåge", "Ytterstfors", "Åbyn",
    "Kågedalen", "Frostkåge", "Ånäset", "Innervik", "Sillskatan",
)  # fmt: skip
PREFIXES = ("", "Norra ", "Södra ", "Östra ", "Västra ", "Nya ", "Gamla ", "Stora ", "Lilla ")
# (kind, form, how often): the kinds of associations a register actually holds.
KINDS: tuple[tuple[str, str, int], ...] = (
    ("Idrottsförening", "ideell förening", 14),
    ("Hembygdsförening", "ideell förening", 8),
    ("Pensionärsförening", "ideell förening", 8),
    ("Byalag", "ideell förening", 7),
    ("Församling", "trossamfund", 5),
    ("Missionsförsamling", "trossamfund", 3),
    ("Skytteförening", "ideell förening", 3),
    ("Fotbollsklubb", "ideell förening", 5),
    ("Skidklubb", "ideell förening", 3),
    ("Ryttarförening", "ideell förening", 3),
    ("Scoutkår", "ideell förening", 4),
    ("Föräldraförening", "ideell förening", 3),
    ("Körsällskap", "ideell förening", 3),
    ("Musikförening", "ideell förening", 2),
    ("Teaterförening", "ideell förening", 2),
    ("Byggnadsförening", "ekonomisk förening", 2),
    ("Bygdegårdsförening", "ekonomisk förening", 3),
    ("Folkets hus-förening", "ekonomisk förening", 2),
    ("Samhällsförening", "ideell förening", 3),
    ("Röda Korskrets", "ideell förening", 2),
    ("Lions Club", "ideell förening", 1),
    ("Kvinnojour", "ideell förening", 1),
    ("Brukshundklubb", "ideell förening", 2),
    ("Fiskevårdsförening", "ideell förening", 2),
    ("Jaktvårdskrets", "ideell förening", 1),
    ("Stiftelse för bygdens barn", "stiftelse", 2),
    ("Minnesfond", "stiftelse", 1),
    ("Studiecirkelnätverk", "studieförbund", 1),
    ("Arbetsintegrerande kooperativ", "idéburet företag", 2),
    ("Integrationsnätverk", "nätverk", 2),
    ("Grannsamverkan", "nätverk", 2),
    ("Föreningsråd", "annan", 1),
)
AREAS = (
    ("minskat-utanforskap", "Minskat utanförskap"),
    ("barn-och-unga", "Barn och unga"),
    ("folkhalsa", "Folkhälsa"),
    ("trygghet", "Trygghet"),
    ("fritid-och-kultur", "Fritid och kultur"),
    ("landsbygd", "Levande landsbygd"),
    ("integration", "Integration och inkludering"),
    ("miljo-och-klimat", "Miljö och klimat"),
)
ACTIVITIES = (
    "träningar för barn och unga", "öppna kvällar i bygdegården", "en vävstuga",
    "sopplunch varje torsdag", "läxhjälp", "friluftsdagar", "språkcafé", "sommarläger",
    "julmarknad", "boulekvällar", "studiecirklar om bygdens historia", "motionslopp",
    "körövningar", "gudstjänster och samtalsgrupper", "stavgång för seniorer", "midsommarfirande",
    "kulturvandringar", "fixardagar i hembygdsgården", "digitalt café för äldre", "loppis",
    "skidskola", "fiskedagar vid sjön",
)  # fmt: skip
STREETS = ("Storgatan", "Kyrkvägen", "Skolgatan", "Byvägen", "Strandvägen", "Idrottsvägen")
TLDS = (".se", ".se", ".se", ".nu", ".org")
FIRST_YEAR = 2012
SLUG_REPLACEMENTS = [["å", "a"], ["ä", "a"], ["ö", "o"]]


@dataclass(frozen=True)
class DataSet:
    root: Path
    parties: int
    dialogues: int
    files: int
    followups: int = 0
    actions: int = 0


def _quote(text: str) -> str:
    """A double-quoted YAML scalar: always text, whatever the content."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _block(text: str, indent: str = "  ") -> str:
    return "|\n" + "\n".join(indent + line if line else "" for line in text.splitlines())


def _names(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    """`count` distinct (name, form, place), weighted towards the common kinds."""
    weights = [weight for _, _, weight in KINDS]
    seen: set[str] = set()
    names: list[tuple[str, str, str]] = []
    while len(names) < count:
        kind, form, _ = rng.choices(KINDS, weights)[0]
        place = rng.choice(PLACES)
        if rng.random() < 0.3:
            place = rng.choice(PREFIXES) + place
        genitive = place if place.endswith(("s", "x", "z")) else place + "s"
        name = f"{place} {kind}" if rng.random() < 0.4 else f"{genitive} {kind.lower()}"
        if name.casefold() in seen:  # names that differ only in case are the same party
            name = f"{name} av {rng.randint(1890, 2020)}"
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        names.append((name, form, place))
    return names


def _org_numbers(rng: random.Random, count: int) -> list[str]:
    """Synthetic organisationsnummer `80NNNN-NNNC`: 3rd–4th digits ≥ 20, unique, Luhn-valid."""
    serials = rng.sample(range(2_000_000, 10_000_000), count)
    numbers = []
    for serial in serials:
        nine = f"80{serial:07d}"
        numbers.append(f"{nine[:6]}-{nine[6:]}{luhn_check_digit(nine)}")
    return numbers


def _description(rng: random.Random, name: str, place: str) -> str:
    picked = rng.sample(ACTIVITIES, rng.randint(2, 5))
    parts = [f"**{name}** samlar människor i {place} kring {picked[0]} och {picked[1]}."]
    if rng.random() < 0.6:
        parts.append(
            "\n\nVi ordnar bland annat:\n\n" + "\n".join(f"- {activity}" for activity in picked[2:])
            if len(picked) > 2
            else "\n\nAlla är välkomna, oavsett ålder och bakgrund."
        )
    if rng.random() < 0.5:
        year = rng.randint(1905, 2015)
        parts.append(f"\n\nFöreningen bildades *{year}* och drivs helt av ideella krafter.")
    if rng.random() < 0.4:
        parts.append(
            f" Läs mer i [verksamhetsberättelsen](https://www.example.org/{slugify(place)}/arsberattelse)."
        )
    return "".join(parts)[:990]


@dataclass(frozen=True)
class _Org:
    name: str
    form: str
    place: str
    org_number: str
    slug: str


# When an organisation was a party: from `signed` until `left` (None while it still is).
Membership = tuple[date, date | None]


def _is_party_on(membership: Membership, day: date) -> bool:
    signed, left = membership
    return signed <= day and (left is None or left >= day)


def _signatory(rng: random.Random, org: _Org, today: date) -> tuple[str, Membership]:
    adopted = date(FIRST_YEAR, 3, 1)  # as in AGREEMENT: no one signs before that
    span = (today - adopted).days
    # More signings in later years, as registers grow.
    signed = adopted + timedelta(days=int(span * rng.random() ** 0.7))
    lines = [f"name: {_quote(org.name)}", f"form: {org.form}", f"signed: {signed.isoformat()}"]
    left = None
    if rng.random() < 0.08 and signed < today - timedelta(days=60):
        left = signed + timedelta(days=rng.randint(30, (today - signed).days))
        lines.append(f"left: {left.isoformat()}")
    if rng.random() < 0.85:
        lines.append(f"org_number: {_quote(org.org_number)}")
    domain = org.slug.replace("-", "")[:40] + rng.choice(TLDS)
    if rng.random() < 0.7:
        lines.append(f"website: https://www.{domain}")
    if rng.random() < 0.9:
        lines.append("description: " + _block(_description(rng, org.name, org.place)))
    areas = rng.sample([area for area, _ in AREAS], rng.choice((0, 1, 1, 2, 2, 3)))
    if areas:
        lines.append("areas:\n" + "\n".join(f"  - {area}" for area in areas))
    contact = []
    if rng.random() < 0.8:
        contact.append(f"  email: info@{domain}")
    if rng.random() < 0.6:
        digits = " ".join(str(rng.randint(10, 99)) for _ in range(3))
        contact.append(f'  phone: "0{rng.choice(("522", "910", "31"))}-{digits}"')
    if rng.random() < 0.2:
        contact.append(f"  url: https://www.{domain}/kontakt")
    if contact:
        lines.append("contact:\n" + "\n".join(contact))
    return "\n".join(lines) + "\n", (signed, left)


ONLINE = "https://mote.example.org/stordialog-{index}"
OUTCOME = "Tre arbetsgrupper startades.\n\n- en om lokaler\n- en om bidrag\n- en om unga ledare"


def _dialogue(
    rng: random.Random, index: int, hosts: dict[str, Membership], today: date
) -> tuple[str, str]:
    """The first dialogue (a past one) has every field; the second is cancelled. Of the
    hosts drawn, those that were parties on the dialogue's day host it."""

    def chance(probability: float) -> bool:
        return index == 0 or rng.random() < probability

    area_id, area_title = rng.choice(AREAS)
    first = date(FIRST_YEAR + 2, 1, 1)
    day = first + timedelta(days=rng.randint(0, (today - first).days + 400))
    if index == 0:
        day = today - timedelta(days=90)
    description = (
        f"Hur arbetar vi vidare med **{area_title.lower()}** tillsammans?\n\n"
        "Kommunen och föreningarna möts för att dela erfarenheter och göra upp nästa steg. "
        "Fika serveras."
    )
    hour = rng.choice((9, 13, 17, 18))
    lines = [
        f"title: {_quote('Stordialog om ' + area_title.lower())}",
        f"start: {day.isoformat()}T{hour:02d}:30",
        f"end: {day.isoformat()}T{hour + 2:02d}:30",
        "description: " + _block(description),
    ]
    in_place = chance(0.8)
    if in_place:
        place = rng.choice(PLACES)
        address = f"{rng.choice(STREETS)} {rng.randint(1, 40)}, {place}"
        lines.append(
            f"location:\n  name: {_quote(place + ' bygdegård')}\n  address: {_quote(address)}\n"
            "  accessibility: Entré utan trappsteg, hörslinga i stora salen."
        )
    if not in_place or chance(0.4):
        lines.append("online: " + ONLINE.format(index=index))
    lines.append(f"areas: [{area_id}]")
    on_the_day = [host for host, membership in hosts.items() if _is_party_on(membership, day)]
    if on_the_day:
        lines.append("hosts:\n" + "\n".join(f"  - {host}" for host in on_the_day))
    if chance(0.6):
        registration = ["registration:"]
        if chance(0.7):
            registration.append(f"  url: https://www.example.org/anmalan/{index}")
        if len(registration) == 1 or chance(0.3):
            registration.append("  email: stordialog@benchby.example.org")
        if chance(0.8):
            registration.append(f"  deadline: {(day - timedelta(days=7)).isoformat()}")
        lines.append("\n".join(registration))
    if index == 1 or (index and rng.random() < 0.05):
        lines.append("status: cancelled")
    elif chance(0.2):
        lines.append("status: planned")
    if day < today and chance(0.7):
        lines.append("outcome: " + _block(OUTCOME))
    return f"{day.isoformat()[:7]}-{area_id}-{index}", "\n".join(lines) + "\n"


AGREEMENT = """short_name: ÖK Idé
title: Överenskommelse mellan Benchby kommun och den idéburna sektorn i Benchby
public_party: Benchby kommun
adopted: 2012-03-01
purpose: |
  Kommunen och den idéburna sektorn vill *tillsammans* stärka demokratin och välfärden.

  Överenskommelsen bygger på [den nationella överenskommelsen](https://www.example.org/nok).
areas:
{areas}
document: https://www.example.org/ok-ide.pdf
contact:
  email: ok-ide@benchby.example.org
  phone: "0910-73 50 00"
  url: https://www.benchby.example.org/ok-ide
follow_up:
  due: 03-31
  first_year: {first_follow_up_year}
"""
VALUES = (
    ("Självständighet och oberoende", "Sektorn bestämmer själv över sin verksamhet."),
    ("Dialog", "Vi talar med varandra, inte om varandra."),
    ("Kvalitet", "Verksamheten utgår från människors behov."),
    ("Långsiktighet", "Samverkan byggs upp över tid och ska hålla."),
    ("Öppenhet och insyn", "Alla kan läsa vad vi kommer överens om."),
    ("Mångfald", "Alla former av idéburen verksamhet är välkomna."),
)


# Sub-clauses too, ordered by their numeric parts (3.10 after 3.9).
CLAUSE_NUMBERS = ("1", "2", "3", "3.1", "3.2", "3.10", "4", "5", "6", "7", "8", "9", "10")
CLAUSE_TEXT = "Parterna ska samverka enligt värdegrunden.\n\n- i dialog\n- med respekt"


def _write_agreement(root: Path, today: date) -> int:
    (root / "agreement" / "values").mkdir(parents=True)
    (root / "agreement" / "clauses").mkdir(parents=True)
    areas = "\n".join(f"  - id: {area}\n    title: {title}" for area, title in AREAS)
    text = AGREEMENT.format(areas=areas, first_follow_up_year=today.year - FOLLOW_UP_YEARS)
    (root / "agreement" / "agreement.yml").write_text(text, "utf-8")
    value_ids = []
    for order, (title, text) in enumerate(VALUES, start=1):
        value_id = slugify(title, replacements=SLUG_REPLACEMENTS)
        value_ids.append(value_id)
        text = _block(text + "\n\nParterna följer upp detta varje år.")
        body = f"order: {order}\ntitle: {title}\ntext: {text}\n"
        (root / "agreement" / "values" / f"{value_id}.yml").write_text(body, "utf-8")
    for index, number in enumerate(CLAUSE_NUMBERS):
        lines = [f'number: "{number}"', f"title: Punkt {number}", f"text: {_block(CLAUSE_TEXT)}"]
        if index % 4:
            lines.append("party: " + ("public", "sector", "joint")[index % 3])
        if index % 3:
            lines.append(f"values: [{value_ids[index % len(value_ids)]}]")
        slug = "punkt-" + number.replace(".", "-")
        text = "\n".join(lines) + "\n"
        (root / "agreement" / "clauses" / f"{slug}.yml").write_text(text, "utf-8")
    return 1 + len(VALUES) + len(CLAUSE_NUMBERS)


def write_data_set(root: Path, parties: int, today: date, seed: int = 2026) -> DataSet:
    """Write agreement/, signatories/ and dialogues/ for `parties` organisations under root."""
    rng = random.Random(f"{seed}-{parties}")
    files = _write_agreement(root, today)
    (root / "signatories").mkdir(parents=True)
    (root / "dialogues").mkdir(parents=True)
    slugs: list[str] = []
    slugs_seen: set[str] = set()
    memberships: dict[str, Membership] = {}
    names, numbers = _names(rng, parties), _org_numbers(rng, parties)
    for (name, form, place), org_number in zip(names, numbers, strict=True):
        slug = slugify(name, replacements=SLUG_REPLACEMENTS)[:80].strip("-")
        while slug in slugs_seen:
            slug += "-2"
        slugs_seen.add(slug)
        slugs.append(slug)
        text, memberships[slug] = _signatory(rng, _Org(name, form, place, org_number, slug), today)
        (root / "signatories" / f"{slug}.yml").write_text(text, "utf-8")
    dialogue_count = max(4, parties // 100)
    # The first dialogue, 90 days ago, has hosts: two of the parties on that day.
    first_hosts = [s for s in slugs if _is_party_on(memberships[s], today - timedelta(days=90))]
    for index in range(dialogue_count):
        drawn_from = first_hosts if index == 0 else slugs
        count = 2 if index == 0 else rng.choice((0, 1, 2, 3, 4))
        drawn = rng.sample(drawn_from, min(len(drawn_from), count))
        slug, text = _dialogue(rng, index, {host: memberships[host] for host in drawn}, today)
        (root / "dialogues" / f"{slug}.yml").write_text(text, "utf-8")
    # Drawn from their own generator, so that the parties and dialogues stay as they were.
    plan_rng = random.Random(f"{seed}-{parties}-plans")
    action_ids = _write_plans(plan_rng, root, slugs, memberships, today)
    followups = _write_followups(plan_rng, root, slugs, memberships, action_ids, today)
    count = dialogue_count + followups + len(action_ids) + 2
    return DataSet(
        root, parties, dialogue_count, files + parties + count, followups, len(action_ids)
    )


# The years followed up: the last FOLLOW_UP_YEARS full years before the build date.
FOLLOW_UP_YEARS = 2
CONTRIBUTION = (
    "Under året ordnade vi **{activity}** tillsammans med kommunen, och {count} personer deltog."
    "\n\nVi var också med i [stordialogen](https://www.example.org/stordialog) om {area}."
)
PROPOSALS = (
    "Kommunen samlar sina föreningsbidrag på en sida.", "Lokaler bokas i samma system.",
    "Fler träffar mellan förvaltningarna och föreningarna.", "Enklare ansökan om samverkansmedel.",
    "En kontaktperson per förening på kommunen.", "Gemensam kalender för arrangemang.",
)  # fmt: skip
STATUSES = ("planerad", "pågår", "pågår", "klar", "avbruten")


def _write_followups(
    rng: random.Random,
    root: Path,
    slugs: list[str],
    memberships: dict[str, Membership],
    action_ids: list[str],
    today: date,
) -> int:
    """Most parties report each year, some late, some not at all."""
    (root / "followups").mkdir()
    written = 0
    for year in range(today.year - FOLLOW_UP_YEARS, today.year):
        due = date(year + 1, 3, 31)
        for slug in slugs:
            signed, left = memberships[slug]
            if signed.year > year or (left is not None and left.year < year):
                continue
            if rng.random() > 0.75:
                continue
            submitted = due - timedelta(days=rng.randint(-40, 80))
            if submitted > today or submitted.year < year:
                continue
            _, area = rng.choice(AREAS)
            text = CONTRIBUTION.format(
                activity=rng.choice(ACTIVITIES), count=rng.randint(5, 400), area=area.lower()
            )
            lines = [
                f"party: {slug}",
                f"year: {year}",
                f"submitted: {submitted.isoformat()}",
                "contribution: " + _block(text),
            ]
            proposals = rng.sample(PROPOSALS, rng.choice((0, 1, 1, 2, 3)))
            if proposals:
                lines.append("proposals:\n" + "\n".join(f"  - {p}" for p in proposals))
            if rng.random() < 0.3:
                lines.append(f"report: https://www.example.org/{slug}/uppfoljning-{year}")
            if action_ids and rng.random() < 0.2:
                lines.append(f"actions: [{rng.choice(action_ids)}]")
            text = "\n".join(lines) + "\n"
            (root / "followups" / f"{year}-{slug}.yml").write_text(text, "utf-8")
            written += 1
    return written


def _write_plans(
    rng: random.Random,
    root: Path,
    slugs: list[str],
    memberships: dict[str, Membership],
    today: date,
) -> list[str]:
    """Two plans (the previous and the current), each with three challenges, and one action
    for every twenty parties, led by parties that had not left when it started."""
    (root / "plans").mkdir()
    (root / "actions").mkdir()
    action_ids: list[str] = []
    for plan_index, first_year in enumerate((today.year - 4, today.year - 1)):
        plan_id = f"plan-{first_year}-{first_year + 2}"
        challenges = rng.sample(AREAS, 3)
        lines = [
            f"title: Samverkansplan {first_year}–{first_year + 2}",
            f"start: {first_year}",
            f"end: {first_year + 2}",
            "description: " + _block("Planen togs fram i **stordialog** och följs upp varje år."),
            "challenges:",
        ]
        for area, title in challenges:
            lines += [f"  - id: {area}", f"    title: {title}", f"    areas: [{area}]"]
        (root / "plans" / f"{plan_id}.yml").write_text("\n".join(lines) + "\n", "utf-8")
        for index in range(max(2, len(slugs) // 40)):
            start = date(first_year, 1, 1) + timedelta(days=rng.randint(0, 3 * 365 - 60))
            status = rng.choice(STATUSES) if start <= today else "planerad"
            parties = [
                slug for slug in rng.sample(slugs, min(len(slugs), 3))
                if memberships[slug][1] is None or memberships[slug][1] >= start
            ]  # fmt: skip
            area, title = rng.choice(challenges)
            action_id = f"insats-{plan_index}-{index}"
            lines = [
                f"plan: {plan_id}",
                f"title: {_quote(title + ': ' + rng.choice(ACTIVITIES))}",
                "description: " + _block(f"Parterna ordnar *{rng.choice(ACTIVITIES)}*."),
                f"challenges: [{area}]",
                f"public_party: {'true' if rng.random() < 0.5 or not parties else 'false'}",
                f"start: {start.isoformat()}",
                f"status: {status}",
            ]
            if parties:
                lines.append(f"parties: [{', '.join(parties)}]")
            end = start + timedelta(days=rng.randint(30, 400))
            if status in ("klar", "avbruten") and end > today:
                end = today
            if status in ("klar", "avbruten") or rng.random() < 0.5:
                lines.append(f"end: {end.isoformat()}")
            if status == "klar":
                lines.append("outcome: " + _block(OUTCOME))
            if rng.random() < 0.4:
                lines.append("funding: Samverkansmedel från kommunen")
            (root / "actions" / f"{action_id}.yml").write_text("\n".join(lines) + "\n", "utf-8")
            action_ids.append(action_id)
    return action_ids
