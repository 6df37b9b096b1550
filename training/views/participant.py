"""
Participant views: the "Pembelajaran Saya" dashboard, enrolling and withdrawing, marking a
lesson done, and checking in to a session. Every change goes through a service; forms post
and redirect, so everything works without JavaScript.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from cms.chrome import active_locale, find_site

from ..models import Batch, Enrolment, EnrolmentStatus, LessonPage
from ..permissions import can_enrol_in_batch, can_withdraw
from ..personal_cache import allow_personal_cache
from ..selectors import (
    course_of_page,
    current_enrolment,
    holds_place_in_batch,
    localise_pages,
    participant_dashboard,
    upcoming_sessions,
)
from ..services import (
    EnrolmentError,
    check_in,
    complete_lesson,
    enrol_participant,
    withdraw_enrolment,
)
from ..translations import translate_records


def _back(request, fallback: str):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def _error(request, error: EnrolmentError) -> None:
    for message in error.messages:
        messages.error(request, message)


class DashboardView(LoginRequiredMixin, TemplateView):
    """
    Pembelajaran Saya: the sessions to come, courses in progress, completed courses and the
    JP ledger.
    """

    template_name = "training/dashboard.html"

    def get(self, request, *args, **kwargs):
        allow_personal_cache(request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        find_site(self.request)  # the links to pages below ask for it; from the cache
        dashboard = participant_dashboard(self.request.user)
        sessions = upcoming_sessions(self.request.user)
        locale = active_locale()
        pages = [progress.next_lesson for progress in dashboard.in_progress]
        pages += [progress.enrolment.batch.course for progress in dashboard.in_progress]
        pages += [enrolment.batch.course for enrolment in dashboard.pending + dashboard.completed]
        pages += [session.batch.course for session in sessions]
        localised = localise_pages(pages, locale)
        for session in sessions:
            course = session.batch.course
            session.course_here = localised.get(course.translation_key, course)
        for progress in dashboard.in_progress:
            progress.next_lesson_here = progress.next_lesson and localised.get(
                progress.next_lesson.translation_key, progress.next_lesson
            )
        for enrolment in (
            [progress.enrolment for progress in dashboard.in_progress]
            + dashboard.pending
            + dashboard.completed
        ):
            course = enrolment.batch.course
            enrolment.course_here = localised.get(course.translation_key, course)
        translate_records(
            [
                enrolment.batch
                for enrolment in [progress.enrolment for progress in dashboard.in_progress]
                + dashboard.pending
                + dashboard.completed
            ]
            + [session.batch for session in sessions]
        )
        context.update(dashboard=dashboard, sessions=sessions, now=timezone.now())
        return context


class EnrolView(LoginRequiredMixin, View):
    """A participant enrols in a batch from the course page."""

    def post(self, request, batch_id):
        batch = get_object_or_404(Batch.objects.select_related("course"), pk=batch_id)
        if not can_enrol_in_batch(request.user, batch):
            raise Http404
        # A second press (a reload, a double tap) is told apart from a new enrolment.
        already = holds_place_in_batch(request.user, batch)
        try:
            enrolment = enrol_participant(batch=batch, participant=request.user)
        except EnrolmentError as error:
            _error(request, error)
        else:
            pending = enrolment.status == EnrolmentStatus.PENDING
            if already and pending:
                messages.info(
                    request, _("Your enrolment in this batch already waits for approval.")
                )
            elif already:
                messages.info(request, _("You were already enrolled in this batch."))
            elif pending:
                messages.success(request, _("Your enrolment was received and waits for approval."))
            else:
                messages.success(request, _("You are now enrolled. Happy learning!"))
        return _back(request, batch.course.url or reverse("training:dashboard"))


class WithdrawView(LoginRequiredMixin, View):
    """A participant withdraws from a batch they have not completed."""

    def post(self, request, enrolment_id):
        enrolment = get_object_or_404(Enrolment.objects.select_related("batch"), pk=enrolment_id)
        if not can_withdraw(request.user, enrolment):
            # Someone else's enrolment answers as a missing one: ids reveal nothing.
            raise Http404
        try:
            withdraw_enrolment(enrolment=enrolment)
        except EnrolmentError as error:
            _error(request, error)
        else:
            messages.success(request, _("You have withdrawn from the batch."))
        return _back(request, reverse("training:dashboard"))


class CompleteLessonView(LoginRequiredMixin, View):
    """ "Tandai selesai": the participant marks the lesson they read as done."""

    def post(self, request, lesson_id):
        lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
        course = course_of_page(lesson)
        enrolment = current_enrolment(request.user, course) if course else None
        if enrolment is None:
            messages.error(request, _("Enrol in a batch of this course to record your progress."))
            return redirect(lesson.url)
        if lesson.scorm_package_id and lesson.scorm_package.completes_lesson:
            messages.error(
                request,
                _("This lesson is done when its activity reports that you completed it."),
            )
            return redirect(f"{lesson.url}#lesson-actions")
        try:
            complete_lesson(enrolment=enrolment, lesson=lesson)
        except EnrolmentError as error:
            _error(request, error)
        else:
            enrolment.refresh_from_db(fields=["status"])
            if enrolment.status == "completed":
                messages.success(request, _("Congratulations, you have completed the course!"))
            else:
                messages.success(request, _("Lesson marked as done."))
        return redirect(f"{lesson.url}#lesson-actions")


class CheckInView(LoginRequiredMixin, TemplateView):
    """A participant in the room enters (or scans) the code the trainer shows."""

    template_name = "training/check_in.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["code"] = self.kwargs.get("code") or self.request.GET.get("code", "")
        return context

    def post(self, request, code=None):
        try:
            attendance = check_in(participant=request.user, code=request.POST.get("code", ""))
        except EnrolmentError as error:
            _error(request, error)
            return self.get(request, code=code)
        messages.success(
            request,
            _("You are checked in to “%(session)s”.") % {"session": attendance.session.title},
        )
        return redirect("training:dashboard")
