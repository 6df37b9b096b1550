"""
Participants' schedules as calendars: the private feed of one participant (subscribed to by
a calendar application, which has no session: the token in the address is the key) and the
.ics file of one batch's sessions.
"""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from accounts.models import CalendarFeed
from accounts.services import language_for

from ..ical import CalendarEvent, calendar
from ..models import Batch, BatchSession
from ..permissions import can_download_batch_calendar
from ..selectors import batch_schedule, calendar_sessions

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


def session_event(session: BatchSession) -> CalendarEvent:
    """A session as a calendar event, in the active language."""
    batch = session.batch
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    lines = [f"{batch.course.title} — {batch.name}"]
    if session.online_url:
        lines.append(_("Join online: %(url)s") % {"url": session.online_url})
    lines.append(
        _("Your schedule: %(url)s") % {"url": settings.SITE_URL + reverse("training:dashboard")}
    )
    return CalendarEvent(
        uid=f"session-{session.pk}@{host}",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        summary=f"{session.title} ({batch.course.title})",
        location=session.location or session.online_url,
        description="\n".join(lines),
        url=session.online_url,
    )


def calendar_response(sessions, *, name: str, file_name: str = "") -> HttpResponse:
    response = HttpResponse(
        calendar([session_event(session) for session in sessions], name=name),
        content_type=CALENDAR_CONTENT_TYPE,
    )
    if file_name:
        response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    # Personal data: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


class CalendarFeedView(View):
    """A participant's sessions as an iCalendar feed, at the address with their token."""

    def get(self, request, token):
        feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
        if feed is None or not feed.user.is_active:
            raise Http404
        with translation.override(language_for(feed.user)):
            return calendar_response(calendar_sessions(feed.user), name=_("Bimtek: my sessions"))


class BatchCalendarView(LoginRequiredMixin, View):
    """The sessions of one batch as an .ics file, for its participants and trainers."""

    def get(self, request, batch_id):
        batch = get_object_or_404(Batch.objects.select_related("course"), pk=batch_id)
        if not can_download_batch_calendar(request.user, batch):
            raise Http404
        sessions = batch_schedule(batch)
        for session in sessions:
            session.batch = batch
        return calendar_response(
            sessions,
            name=f"{batch.course.title} — {batch.name}",
            file_name=f"jadwal-angkatan-{batch.pk}.ics",
        )
