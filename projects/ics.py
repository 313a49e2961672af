"""A visit as a calendar file (iCalendar, RFC 5545), so a tenant can add it to the calendar on their phone.

Written by hand: one event, times in UTC, text escaped and long lines folded as the RFC says, CRLF line ends.
The UID stays the same when the visit moves, and SEQUENCE grows with every change, so a calendar that already
has the visit updates it instead of adding a second one.
"""

from datetime import UTC

from django.utils import timezone

from .models import Appointment

STATUS = {
    Appointment.Status.PROPOSED: "TENTATIVE",
    Appointment.Status.CONFIRMED: "CONFIRMED",
    Appointment.Status.CANCELLED: "CANCELLED",
}


def appointment_ics(appointment, *, summary, description, uid_domain, sequence=0):
    """The calendar file for `appointment` (slot and home_plan__household__dwelling loaded) as text."""
    slot = appointment.slot
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Renovatieplatform//Afspraken//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:appointment-{appointment.pk}@{uid_domain}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(slot.starts_at)}",
        f"DTEND:{_utc(slot.ends_at)}",
        f"SEQUENCE:{sequence}",
        f"SUMMARY:{escape_text(summary)}",
        f"LOCATION:{escape_text(appointment.home_plan.household.dwelling.address)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"STATUS:{STATUS.get(appointment.status, 'CONFIRMED')}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)


def _utc(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def escape_text(value):
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped."""
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line, limit=75):
    """Split a content line into lines of at most `limit` octets (RFC 5545 §3.1), never inside a UTF-8
    character; each continuation line starts with one space."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)
