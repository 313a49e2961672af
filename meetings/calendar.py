"""A session as a calendar file (iCalendar, RFC 5545), so a household can add it to the calendar on their phone.

Written like projects.ics (whose escaping and folding it reuses): one event, times in UTC, CRLF line ends. The UID
stays the same for the session, so a calendar that has it already updates it; a cancelled session says so.
"""

from datetime import UTC

from django.utils import timezone

from projects.ics import escape_text, fold


def _utc(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def session_ics(session, *, description, uid_domain):
    """The calendar file for `session` as text."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Renovatieplatform//Bijeenkomsten//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:session-{session.pk}@{uid_domain}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(session.starts_at)}",
        f"DTEND:{_utc(session.ends_at)}",
        f"SUMMARY:{escape_text(session.title)}",
        f"LOCATION:{escape_text(session.place)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"STATUS:{'CANCELLED' if session.is_cancelled else 'CONFIRMED'}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)
