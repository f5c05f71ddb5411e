"""schema.org JSON-LD for search engines and other machines: built as data, emitted as JSON
that is safe inside a <script> element.

The shapes follow what Google's structured data documentation asks of an `Event` (name,
startDate and endDate with a UTC offset, eventStatus, eventAttendanceMode, location as a
`Place` with an address or a `VirtualLocation` with a url, organizer) and an `Organization`.
Text values are plain text: the Markdown of the data without its markup (okide.markdown).
"""

from __future__ import annotations

import json
from typing import Any

from okide.addresses import SiteSettings
from okide.markdown import plain_text
from okide.models import Agreement, Dialogue, Register, Signatory
from okide.sections import entry_url

CONTEXT = "https://schema.org"


def _contact_point(email: str | None, phone: str | None, url: str | None) -> dict[str, Any]:
    point: dict[str, Any] = {"@type": "ContactPoint", "contactType": "allmänna frågor"}
    if email:
        point["email"] = email
    if phone:
        point["telephone"] = phone
    if url:
        point["url"] = url
    return point


def public_party(agreement: Agreement, site: SiteSettings) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "GovernmentOrganization",
        "name": agreement.public_party,
        "url": agreement.contact.url or site.site_url,
    }
    contact = agreement.contact
    data["contactPoint"] = _contact_point(contact.email, contact.phone, contact.url)
    return data


def organization(party: Signatory, site: SiteSettings) -> dict[str, Any]:
    """The organisation itself: its url is its own website when it has one; the register's
    page about it is the page this data describes."""
    page = entry_url(site, "signatories", party.id)
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Organization",
        "name": party.name,
        "url": party.website or page,
        "mainEntityOfPage": page,
    }
    if party.org_number:
        data["taxID"] = party.org_number
    if party.description:
        data["description"] = plain_text(party.description)
    if party.contact:
        contact = party.contact
        data["contactPoint"] = _contact_point(contact.email, contact.phone, contact.url)
    return data


def _place(dialogue: Dialogue) -> dict[str, Any] | None:
    if not dialogue.location:
        return None
    place: dict[str, Any] = {"@type": "Place", "name": dialogue.location.name}
    if dialogue.location.address:
        place["address"] = {
            "@type": "PostalAddress",
            "streetAddress": dialogue.location.address,
            "addressCountry": "SE",
        }
    return place


def event(dialogue: Dialogue, register: Register, site: SiteSettings) -> dict[str, Any]:
    locations: list[dict[str, Any]] = []
    place = _place(dialogue)
    if place:
        locations.append(place)
    if dialogue.online:
        # A cancelled event offers no way in: its virtual location is the dialogue's page.
        where = entry_url(site, "dialogues", dialogue.id) if dialogue.cancelled else dialogue.online
        locations.append({"@type": "VirtualLocation", "url": where})
    if dialogue.location and dialogue.online:
        mode = "MixedEventAttendanceMode"
    elif dialogue.online:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    public = public_party(register.agreement, site)
    organizers = [{key: public[key] for key in ("@type", "name", "url")}]
    for host in dialogue.hosts:
        party = register.signatories[host]
        organizers.append(
            {"@type": "Organization", "name": party.name, "url": party.website or
             entry_url(site, "signatories", party.id)}
        )  # fmt: skip
    status = "EventCancelled" if dialogue.cancelled else "EventScheduled"
    return {
        "@context": CONTEXT,
        "@type": "Event",
        "name": dialogue.title,
        "description": plain_text(dialogue.description),
        "startDate": dialogue.start.isoformat(),
        "endDate": dialogue.end.isoformat(),
        "eventStatus": f"{CONTEXT}/{status}",
        "eventAttendanceMode": f"{CONTEXT}/{mode}",
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": organizers[0] if len(organizers) == 1 else organizers,
        "url": entry_url(site, "dialogues", dialogue.id),
        "inLanguage": "sv",
    }


def script_json(data: dict[str, Any]) -> str:
    """JSON that cannot end its <script> element early or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
