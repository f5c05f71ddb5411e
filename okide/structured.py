"""schema.org JSON-LD for search engines and other machines: built as data, emitted as JSON
that is safe inside a <script> element."""

from __future__ import annotations

import json
from typing import Any

from okide.models import Agreement, Dialogue, Register, Signatory
from okide.settings import SiteSettings

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
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Organization",
        "name": party.name,
        "url": site.page_url(f"parter/{party.id}.md"),
    }
    if party.website:
        data["sameAs"] = party.website
    if party.org_number:
        data["taxID"] = party.org_number
    if party.description:
        data["description"] = party.description
    if party.contact:
        contact = party.contact
        data["contactPoint"] = _contact_point(contact.email, contact.phone, contact.url)
    return data


def event(dialogue: Dialogue, register: Register, site: SiteSettings) -> dict[str, Any]:
    locations: list[dict[str, Any]] = []
    if dialogue.location:
        place: dict[str, Any] = {"@type": "Place", "name": dialogue.location.name}
        if dialogue.location.address:
            place["address"] = dialogue.location.address
        locations.append(place)
    if dialogue.online:
        locations.append({"@type": "VirtualLocation", "url": dialogue.online})
    if dialogue.location and dialogue.online:
        mode = "MixedEventAttendanceMode"
    elif dialogue.online:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    organizers = [public_party(register.agreement, site)]
    organizers += [organization(register.signatories[h], site) for h in dialogue.hosts]
    for organizer in organizers:
        organizer.pop("@context", None)
    status = "EventCancelled" if dialogue.status == "cancelled" else "EventScheduled"
    return {
        "@context": CONTEXT,
        "@type": "Event",
        "name": dialogue.title,
        "description": dialogue.description,
        "startDate": dialogue.start.isoformat(),
        "endDate": dialogue.end.isoformat(),
        "eventStatus": f"{CONTEXT}/{status}",
        "eventAttendanceMode": f"{CONTEXT}/{mode}",
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": organizers[0] if len(organizers) == 1 else organizers,
        "url": site.page_url(f"stordialoger/{dialogue.id}.md"),
        "inLanguage": "sv",
    }


def script_json(data: dict[str, Any]) -> str:
    """JSON that cannot end its <script> element early or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
