"""BIDRA.md, the editors' guide: every message it quotes is one the validator really prints,
its links work on GitHub, and the join page links to it."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from okide.handwritten import facts, fill
from okide.identity import read_agreement
from okide.load import load_register
from okide.mkdocs_config import project_from_mkdocs_yml
from okide.sections import data_tops
from tests.conftest import ROOT, SMALL, TODAY, TODAY_EPOCH

GUIDE = (ROOT / "BIDRA.md").read_text(encoding="utf-8")
PARTY = "name: Ny förening\nform: annan\nsigned: 2020-02-03\n"
DIALOGUE = "title: T\nstart: 2027-01-01T10:00\nend: 2027-01-01T12:00\ndescription: D\n"
ONLINE = "online: https://a.se\n"
FOLLOW_UP = "party: alfa-idrottsforening\nyear: 2025\nsubmitted: 2026-02-01\ncontribution: C\n"
PLAN = "title: P\nstart: 2025\nend: 2026\nchallenges:\n  - id: ensamhet\n    title: E\n"
ACTION = (
    "plan: p\ntitle: T\ndescription: D\nparties: [alfa-idrottsforening]\nstart: 2025-03-01\n"
    "status: pågår\n"
)


class Link(str):
    """A symbolic link to this target, where a trigger would otherwise write a file."""


# For every message the guide quotes: files that make the validator print it.
TRIGGERS: dict[str, dict[str, str | bytes]] = {
    "form: ska vara en av: ideell förening, …, annan – menade du 'studieförbund'?":
        {"signatories/x.yml": PARTY.replace("annan", "Studieförbund")},
    "signed: datumet 2030-01-01 ligger i framtiden":
        {"signatories/x.yml": PARTY.replace("2020-02-03", "2030-01-01")},
    "signed: '15/9 2017' är inte ett datum på formen ÅÅÅÅ-MM-DD – skriv t.ex. 2017-09-15":
        {"signatories/x.yml": PARTY.replace("2020-02-03", "15/9 2017")},
    "signed: datumet 2021-02-30 finns inte i kalendern":
        {"signatories/x.yml": PARTY.replace("2020-02-03", "2021-02-30")},
    "signed: året 0202 ligger utanför 1900–2100 – kontrollera årtalet":
        {"signatories/x.yml": PARTY.replace("2020-02-03", "0202-02-03")},
    "order: talet har 12 siffror; högst 9 siffror går att läsa":
        {"agreement/values/x.yml": "order: 100000000000\ntitle: T\ntext: T\n"},
    "text: är för långt (20001 tecken, högst 20000)":
        {"agreement/values/x.yml": "order: 9\ntitle: T\ntext: " + "a" * 20_001 + "\n"},
    "left: lämnade 2019-01-01, före undertecknandet 2020-02-03":
        {"signatories/x.yml": PARTY + "left: 2019-01-01\n"},
    "start: '2027-01-01 10:00' är inte en tidpunkt på formen ÅÅÅÅ-MM-DDTHH:MM":
        {"dialogues/x.yml": DIALOGUE.replace("01T10", "01 10") + ONLINE},
    "end: slutet ska ligga efter starten":
        {"dialogues/x.yml": DIALOGUE.replace("T12:00", "T09:00") + ONLINE},
    "ange location, online eller båda": {"dialogues/x.yml": DIALOGUE},
    "org_number: kontrollsiffran stämmer inte (väntade 5)":
        {"signatories/x.yml": PARTY + "org_number: 802400-0004\n"},
    "org_number: '12345' är inte ett organisationsnummer":
        {"signatories/x.yml": PARTY + "org_number: 12345\n"},
    "org_number: numret är ett personnummer, inte ett organisationsnummer":
        {"signatories/x.yml": PARTY + "org_number: 800101-0019\n"},
    "org_number: organisationsnumret används redan i signatories/….yml":
        {"signatories/x.yml": PARTY + "org_number: 802499-9990\n"},
    "website: 'www.a.se' är inte en webbadress – skriv hela adressen med https://":
        {"signatories/x.yml": PARTY + "website: www.a.se\n"},
    "website: 'https://www.a.se@b.example/' har ett användarnamn före @ i adressen":
        {"signatories/x.yml": PARTY + "website: https://www.a.se@b.example/\n"},
    "hosts.0: 'gamma' lämnade överenskommelsen …, före dialogens dag …":
        {"dialogues/x.yml": DIALOGUE + ONLINE + "hosts: [gamma]\n",
         "signatories/gamma.yml": PARTY.replace("Ny", "Gamma") + "left: 2024-01-01\n"},
    "signed: undertecknad …, före … då överenskommelsen antogs (agreement/agreement.yml)":
        {"signatories/x.yml": PARTY.replace("2020-02-03", "2019-12-31")},
    "name: namnet är detsamma som i signatories/….yml":
        {"signatories/x.yml": PARTY.replace("Ny förening", "BETA-STIFTELSEN")},
    "name: ordet '…' blandar latinska och kyrilliska bokstäver":
        {"signatories/x.yml": PARTY.replace("Ny", "N\u0443")},
    "contact.email: 'mailto:a@b.se' är inte en e-postadress":
        {"signatories/x.yml": PARTY + "contact:\n  email: mailto:a@b.se\n"},
    "contact.phone: 'ring oss' är inte ett telefonnummer":
        {"signatories/x.yml": PARTY + "contact:\n  phone: ring oss\n"},
    "contact: ange minst en av email, phone och url":
        {"signatories/x.yml": PARTY + "contact: {}\n"},
    "areas.1: 'hav' finns inte bland fokusområdena – finns: …":
        {"signatories/x.yml": PARTY + "areas: [trygghet, hav]\n"},
    "hosts.0: 'abf' finns inte bland parterna – finns: …":
        {"dialogues/x.yml": DIALOGUE + ONLINE + "hosts: [abf]\n"},
    "example: 'yes' är varken true eller false – skriv true eller false":
        {"signatories/x.yml": PARTY + "example: yes\n"},
    "hosts.0: 'omega' är ett exempel (signatories/….yml) och publiceras inte":
        {"dialogues/x.yml": DIALOGUE + ONLINE + "hosts: [omega]\n",
         "signatories/omega.yml": PARTY.replace("Ny", "Omega") + "example: true\n"},
    "areas.1: 'trygghet' står två gånger i listan":
        {"signatories/x.yml": PARTY + "areas: [trygghet, trygghet]\n"},
    "registration: ange url eller email för anmälan":
        {"dialogues/x.yml": DIALOGUE + ONLINE + "registration:\n  deadline: 2026-12-01\n"},
    "registration.deadline: sista anmälningsdag ligger efter dialogens start":
        {"dialogues/x.yml": DIALOGUE + ONLINE + "registration:\n  url: https://a.se\n"
                                                "  deadline: 2027-01-09\n"},
    "number: numret används redan i agreement/clauses/….yml":
        {"agreement/clauses/x.yml": "number: 1\ntitle: T\ntext: T\n"},
    "number: '3a' är inte ett punktnummer":
        {"agreement/clauses/x.yml": "number: 3a\ntitle: T\ntext: T\n"},
    "name: är för kort (minst 2 tecken)":
        {"signatories/x.yml": PARTY.replace("Ny förening", "N")},
    "description: är för långt (1001 tecken, högst 1000)":
        {"signatories/x.yml": PARTY + "description: " + "x" * 1001 + "\n"},
    "name: ska stå på en rad": {"signatories/x.yml": PARTY.replace("Ny förening", "|\n  Ny\n  f")},
    "description: länken 'sida.html' är inte tillåten – länkar ska börja med https:, http: eller "
    "mailto:": {"signatories/x.yml": PARTY + "description: '[x](sida.html)'\n"},
    "description: bilder stöds inte i textfält":
        {"signatories/x.yml": PARTY + "description: '![x](https://a.se/x.png)'\n"},
    "websit: okänd nyckel 'websit' – menade du 'website'?":
        {"signatories/x.yml": PARTY + "websit: https://a.se\n"},
    "name: obligatorisk nyckel saknas – lägg till 'name:'":
        {"signatories/x.yml": PARTY.replace("name: Ny förening\n", "")},
    "name: värdet saknas": {"signatories/x.yml": PARTY.replace(" Ny förening", "")},
    "description: ska vara text, inte en lista":
        {"signatories/x.yml": PARTY + "description:\n  - a\n"},
    "areas: ska vara en lista, inte text": {"signatories/x.yml": PARTY + "areas: trygghet\n"},
    "contact: ska vara en mappning (nycklar med värden), inte text":
        {"signatories/x.yml": PARTY + "contact: info@a.se\n"},
    "filnamnet 'Föreningen Å' är inte ett giltigt id – byt namn till foreningen-a.yml":
        {"signatories/Föreningen Å.yml": PARTY},
    "id:t 'abf' finns också i signatories/abf.yaml":
        {"signatories/abf.yml": PARTY, "signatories/abf.yaml": PARTY.replace("Ny", "Annan")},
    "id:t 'index' är reserverat: webbplatsen gör själv parter/index.md":
        {"signatories/index.yml": PARTY},
    "en mapp inuti en datamapp läses inte": {"signatories/arkiv/x.yml": PARTY},
    "en symbolisk länk läses inte": {"signatories/lank.yml": Link("no.yml")},
    "YAML-fel: ett kolon (:) på fel ställe – sätt värdet inom citattecken …":
        {"signatories/x.yml": PARTY.replace("Ny förening", "Ny: förening")},
    "YAML-fel: filen tar slut mitt i ett värde":
        {"signatories/x.yml": PARTY + "website: 'https://a.se\n"},
    "nyckeln 'name' finns redan på rad 1": {"signatories/x.yml": PARTY + "name: Igen\n"},
    "tabbtecken används för indrag": {"signatories/x.yml": PARTY + "areas:\n\t- trygghet\n"},
    "filen är inte giltig UTF-8": {"signatories/x.yml": PARTY.encode("latin-1")},
    "filen innehåller flera YAML-dokument": {"signatories/x.yml": PARTY + "---\n" + PARTY},
    "ankare (&n) stöds inte": {"signatories/x.yml": "base: &n A\n" + PARTY},
    "alias (*n) stöds inte": {"signatories/x.yml": PARTY + "website: *n\n"},
    "taggen tag:yaml.org,2002:str stöds inte":
        {"signatories/x.yml": PARTY + "website: !!str https://a.se\n"},
    "osynligt radbrytningstecken (U+2028)":
        {"signatories/x.yml": PARTY.replace("Ny förening", "Ny\u2028förening")},
    "filen är tom": {"signatories/x.yml": ""},
    # The living agreement: follow-ups, plans and actions.
    "party: 'abf' finns inte bland parterna – finns: …":
        {"followups/x.yml": FOLLOW_UP.replace("alfa-idrottsforening", "abf")},
    "year: '…' skrev under … (signatories/….yml) och var inte part under …":
        {"followups/x.yml": FOLLOW_UP.replace("alfa-idrottsforening", "beta-stiftelsen")
                                     .replace("2025", "2020")},
    "year: året 2019 ligger före 2020, det första år som följs upp":
        {"followups/x.yml": FOLLOW_UP.replace("2025", "2019")},
    "year: partens uppföljning av samma år finns redan i followups/….yml":
        {"followups/x.yml": FOLLOW_UP, "followups/y.yml": FOLLOW_UP},
    "submitted: inlämnad 2024-12-31, före året 2025 som den följer upp":
        {"followups/x.yml": FOLLOW_UP.replace("2026-02-01", "2024-12-31")},
    "year: '25' är inte ett årtal med fyra siffror – skriv t.ex. 2026":
        {"followups/x.yml": FOLLOW_UP.replace("year: 2025", "year: 25")},
    "follow_up.due: dagen 02-29 finns inte varje år – välj 02-28 eller 03-01":
        {"agreement/agreement.yml": (SMALL / "agreement/agreement.yml").read_text("utf-8")
                                    + "follow_up:\n  due: 02-29\n"},
    "start: planens år 2025–2026 överlappar … i plans/….yml":
        {"plans/p.yml": PLAN, "plans/q.yml": PLAN.replace("2025", "2024")},
    "plan: 'plan-2030' finns inte bland planerna – finns: …":
        {"plans/p.yml": PLAN, "actions/x.yml": ACTION.replace("plan: p", "plan: plan-2030")},
    "challenges.0: '…' finns inte bland utmaningarna i plans/….yml":
        {"plans/p.yml": PLAN, "actions/x.yml": ACTION + "challenges: [hav]\n"},
    "parties: ingen är ansvarig för insatsen":
        {"plans/p.yml": PLAN, "actions/x.yml": ACTION.replace("[alfa-idrottsforening]", "")},
    "parties.0: '…' lämnade överenskommelsen …, före insatsens start …":
        {"plans/p.yml": PLAN,
         "actions/x.yml": ACTION.replace("alfa-idrottsforening", "gamma-natverket")},
    "end: slutet … ligger före starten …":
        {"plans/p.yml": PLAN, "actions/x.yml": ACTION + "end: 2025-01-01\n"},
    "status: ska vara en av: planerad, pågår, klar, avbruten":
        {"plans/p.yml": PLAN, "actions/x.yml": ACTION.replace("pågår", "pagar")},
    "status: status är klar men outcome saknas":
        {"plans/p.yml": PLAN, "actions/x.yml": ACTION.replace("pågår", "klar")},
    "dialogues.0: '…' finns inte bland stordialogerna – finns: …":
        {"plans/p.yml": PLAN, "actions/x.yml": ACTION + "dialogues: [stormote]\n"},
}  # fmt: skip


def quoted_messages() -> list[str]:
    """The messages in the first column of the guide's tables (two on some rows)."""
    cells = re.findall(r"^\| (`.+?`) \|", GUIDE, re.M)
    return [q for cell in cells for q in re.findall(r"`([^`]+)`", cell)]


def test_the_guide_quotes_many_messages_and_each_has_a_trigger() -> None:
    quoted = quoted_messages()
    assert len(quoted) >= 40
    assert sorted(set(quoted)) == sorted(TRIGGERS), "add a trigger for each new row"


@pytest.mark.parametrize("message", sorted(TRIGGERS))
def test_every_message_the_guide_quotes_is_printed_by_the_validator(
    message: str, tmp_path: Path
) -> None:
    root = tmp_path / "data"
    shutil.copytree(SMALL, root)
    for relative, content in TRIGGERS[message].items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Link):
            path.symlink_to(content)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    problems = load_register(root, TODAY)
    assert isinstance(problems, list)
    pattern = ".*".join(re.escape(part) for part in message.split("…"))
    printed = [problem.detail() for problem in problems]
    assert any(re.search(pattern, detail) for detail in printed), printed


def github_anchor(heading: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped (letters such as å, ä
    and ö kept), spaces made hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_guides_links_to_its_own_sections_work_on_github() -> None:
    anchors = {github_anchor(h) for h in re.findall(r"^#+ (.+)$", GUIDE, re.M)}
    links = re.findall(r"\]\(#([^)]+)\)", GUIDE)
    assert len(links) >= 5
    assert [link for link in links if link not in anchors] == []


def test_the_join_page_links_to_the_guide_in_the_sites_own_repository() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    repo_url = re.search(r"^repo_url: (\S+)$", config, re.M)[1]  # type: ignore[index]
    project = project_from_mkdocs_yml(ROOT / "mkdocs.yml")
    agreement = read_agreement(ROOT, TODAY)
    assert agreement is not None
    page_facts = facts(agreement, project.site)
    anslut = fill((ROOT / "docs/anslut.md").read_text(encoding="utf-8"), page_facts, "x")
    assert f"]({repo_url.rstrip('/')}/blob/main/BIDRA.md)" in anslut


def test_the_guide_walks_through_the_editors_tasks() -> None:
    for step in ("Create new file", "Propose new file", "Files changed", "Summary", "left:",
                 "Ta **inte** bort filen", "outcome:", "status: cancelled", "Redigera sidan"):  # fmt: skip
        assert step in GUIDE, step


def test_the_okide_commands_the_guide_gives_run_as_written(tmp_path: Path) -> None:
    """Each `.venv/bin/python -m okide …` in the guide, run in a copy of a project (with
    --stdout, so nothing is written): the commands exist and take the options shown."""
    import shlex
    import subprocess
    import sys

    text = " ".join(GUIDE.split())  # a command may be wrapped over two lines
    commands = re.findall(r"`\.venv/bin/python -m okide ([^`]+)`", text)
    assert len(commands) >= 4
    root = tmp_path / "data"
    shutil.copytree(SMALL, root)
    # The follow-up and the action name this repository's own party and plan.
    shipped = tmp_path / "shipped"
    for top in data_tops():
        if (ROOT / top).is_dir():
            shutil.copytree(ROOT / top, shipped / top)
    env = os.environ | {"SOURCE_DATE_EPOCH": TODAY_EPOCH}
    for command in commands:
        argv = [sys.executable, "-m", "okide", *shlex.split(command)]
        living = argv[3:5] in (["new", "followup"], ["new", "action"])
        argv += ["--root", str(shipped if living else root)]
        if argv[3] == "new":
            argv.append("--stdout")
        result = subprocess.run(
            argv, capture_output=True, text=True, check=False, timeout=60, env=env
        )
        assert result.returncode == 0, (command, result.stderr)
