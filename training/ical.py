"""
A small iCalendar (RFC 5545) writer for session calendars.

No iCalendar library is pinned, and the feed needs only VEVENTs with UTC times, so they are
written here: text values escaped (section 3.3.11), lines folded at 75 octets without
splitting a UTF-8 character (3.1), CRLF line ends, times in UTC with ``Z`` (3.3.5), so no
VTIMEZONE is needed. A UID is stable per session, so a calendar updates an event when its
time or place changes instead of adding a second one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

PRODUCT_ID = "-//BKPSDM Kabupaten Gorontalo//Bimtek//ID"


@dataclass
class CalendarEvent:
    """One event: a session, already in the words of the calendar's reader."""

    uid: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""
    modified_at: datetime.datetime | None = None


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, line breaks as ``\\n``."""
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def utc_stamp(moment: datetime.datetime) -> str:
    """A DATE-TIME in UTC form, e.g. ``20261208T010000Z``."""
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, continued by CRLF and a space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    pieces, start, limit = [], 0, 75
    while start < len(encoded):
        end = min(start + limit, len(encoded))
        # Never cut a UTF-8 sequence: step back over continuation bytes (10xxxxxx).
        while end < len(encoded) and encoded[end] & 0xC0 == 0x80:
            end -= 1
        pieces.append(encoded[start:end].decode())
        start, limit = end, 74  # continuation lines start with a space
    return "\r\n ".join(pieces)


def calendar(events: Iterable[CalendarEvent], *, name: str, now=None) -> str:
    """A VCALENDAR with one VEVENT per event, as text with CRLF line ends."""
    stamp = utc_stamp(now or timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{settings.TIME_ZONE}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{utc_stamp(event.starts_at)}",
            f"DTEND:{utc_stamp(event.ends_at)}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.location:
            lines.append(f"LOCATION:{escape_text(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        if event.modified_at:
            lines.append(f"LAST-MODIFIED:{utc_stamp(event.modified_at)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
