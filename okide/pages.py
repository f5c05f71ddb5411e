"""Register + today → the generated pages, as Markdown from the templates in templates/.

A plain function of its inputs: no clock, no files, no MkDocs. Any engine that renders
Markdown (MkDocs today, its successor tomorrow) can publish the result.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from jinja2 import Environment
from markupsafe import escape

from okide import jsonld, statistics
from okide.addresses import SiteSettings
from okide.clock import end_of_day
from okide.markdown import escape_inline, escape_url, markdown_block, plain_text
from okide.models import ACTION_STATUSES, FORMS, PARTY_LABELS, Register
from okide.sections import PAGES, entry_page
from okide.swedish import count_sv, date_sv, day_month_sv, period_sv, weekday_date_sv
from okide.templating import environment

_EXTRA_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its Markdown, the data file it came from, and whether
    the site's navigation may list it. Detail pages stay out of it: MkDocs renders the whole
    navigation into every page, so a thousand parties in it would make every page huge."""

    path: str
    markdown: str
    source: str | None = None
    in_nav: bool = True
    # A page that only some sites fill (the plan, the follow-up) goes into the navigation
    # under this title when it has something to show and mkdocs.yml does not list it.
    nav_title: str | None = None


def _yaml_string(value: str) -> str:
    """Front matter values: JSON strings are valid YAML and need no further escaping."""
    return json.dumps(" ".join(value.split()), ensure_ascii=False)


def _with_edit_url(markdown: str, url: str | None) -> str:
    """The page's edit link in its front matter (`edit_url`, empty when the page has none):
    the data file it came from travels with the page, for okide's theme overrides to read on
    any engine, not only where okide's MkDocs hook tells the engine."""
    line = f"edit_url: {_yaml_string(url or '')}\n"
    if not markdown.startswith("---\n"):
        return f"---\n{line}---\n\n{markdown}"
    end = markdown.index("\n---\n", 3) + 1
    return markdown[:end] + line + markdown[end:]


def _environment() -> Environment:
    # Markdown, not HTML: every value passes through `md`, `url` or `markdown`.
    env = environment()
    env.filters.update(
        md=escape_inline,
        url=escape_url,
        markdown=markdown_block,
        date_sv=date_sv,
        weekday_date_sv=weekday_date_sv,
        period_sv=period_sv,
        day_month_sv=day_month_sv,
        yaml_string=_yaml_string,
        html=lambda text: str(escape(text)),
        plain=plain_text,
        end_of_day=end_of_day,
    )
    env.globals.update(
        count_sv=count_sv, party_labels=PARTY_LABELS, forms=FORMS, action_statuses=ACTION_STATUSES
    )
    return env


def _render(env: Environment, template: str, **context: Any) -> str:
    text = env.get_template(template).render(**context)
    return _EXTRA_BLANK_LINES.sub("\n\n", text).strip() + "\n"


def _has_follow_up(register: Register) -> bool:
    """Whether the site has a follow-up page: the agreement asks for yearly follow-up, or
    some party has published one all the same."""
    return register.agreement.follow_up is not None or bool(register.followups)


def render_pages(register: Register, today: date, site: SiteSettings) -> list[Page]:
    """Every generated page of the site, in a stable order."""
    env = _environment()
    agreement = register.agreement
    common: dict[str, Any] = {
        "register": register,
        "agreement": agreement,
        "today": today,
        "site": site,
        "current": register.current_parties(today),
        "former": register.former_parties(today),
        "upcoming": register.upcoming_dialogues(today),
        "past": register.past_dialogues(today),
        "current_plan": register.current_plan(today),
        "action_counts": statistics.action_counts,
    }
    public = jsonld.script_json(jsonld.public_party(agreement, site))
    followup_years = statistics.follow_up_years(register, today)
    # Found once, not per party page.
    common["follow_up_years"] = [year.year for year in followup_years]
    # A party's follow-up of a year, as a filter: `years|map("follow_up_state", party)`.
    env.filters["follow_up_state"] = lambda year, party: register.follow_up_state(
        party, year, today
    )
    pages = [
        Page(
            PAGES["start"], _render(env, "index.md.j2", **common, jsonld=public), agreement.source
        ),
        Page(PAGES["agreement"], _render(env, "agreement.md.j2", **common), agreement.source),
        Page(PAGES["values"], _render(env, "values.md.j2", **common)),
        Page(PAGES["parties"], _render(env, "parties.md.j2", **common)),
        Page(PAGES["former_parties"], _render(env, "former_parties.md.j2", **common), in_nav=False),
        Page(PAGES["dialogues"], _render(env, "dialogues.md.j2", **common)),
        Page(
            PAGES["statistics"],
            _render(
                env,
                "statistics.md.j2",
                **common,
                line=statistics.line_chart(register, today),
                forms=statistics.form_chart(register, today),
                areas=statistics.area_chart(register, today),
                followup_years=followup_years,
                reports=statistics.follow_up_chart(followup_years),
                statuses=statistics.action_chart(register),
            ),
        ),
    ]
    # Both pages are always made (an address that works on every site); the navigation lists
    # each only when the site has something for it.
    markdown = _render(env, "samverkansplan.md.j2", **common)
    plan_title = "Samverkansplan" if register.plans else None
    pages.append(Page(PAGES["plan"], markdown, nav_title=plan_title))
    markdown = _render(env, "uppfoljning.md.j2", **common, years=followup_years)
    followups_title = "Uppföljning" if _has_follow_up(register) else None
    pages.append(Page(PAGES["followups"], markdown, nav_title=followups_title))
    # Reached through the search form of every page, not through the navigation.
    pages.append(Page(PAGES["search"], _render(env, "sok.md.j2", **common), in_nav=False))
    for party in register.parties_by_name():
        script = jsonld.script_json(jsonld.organization(party, site))
        markdown = _render(env, "party.md.j2", **common, party=party, jsonld=script)
        page = entry_page("signatories", party.id)
        pages.append(Page(page, markdown, party.source, in_nav=False))
    for dialogue in sorted(register.dialogues.values(), key=lambda d: d.id):
        script = jsonld.script_json(jsonld.event(dialogue, register, site))
        markdown = _render(env, "dialogue.md.j2", **common, dialogue=dialogue, jsonld=script)
        page = entry_page("dialogues", dialogue.id)
        pages.append(Page(page, markdown, dialogue.source, in_nav=False))
    edit_url = site.edit_url
    return [
        replace(page, markdown=_with_edit_url(page.markdown, page.source and edit_url(page.source)))
        for page in pages
    ]
