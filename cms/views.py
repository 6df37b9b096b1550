"""
Views behind the routes of the complaints and performance pages. They validate the forms
and call the services; the rules live in `cms.services`.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import services
from .forms import ComplaintForm, ComplaintLookupForm, SurveyForm
from .models import Complaint
from .models.complaints import normalise_tracking_code
from .ratelimit import hit_rate_limit
from .selectors import (
    complaint_statistics,
    element_rows,
    survey_index,
    survey_periods,
)
from .survey import SurveyPeriod

TOO_MANY = 429


def _render(request, page, template, context, status=200):
    context = {**page.get_context(request), **context}
    return TemplateResponse(request, template, context, status=status)


def complaint_form(request, page):
    """The public complaint form; a filed complaint leads to its status page."""
    form = ComplaintForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if hit_rate_limit(request, "complaint"):
            form.add_error(
                None, _("Too many complaints from this connection. Please try again later.")
            )
            status = TOO_MANY
        else:
            data = form.cleaned_data
            complaint = services.file_complaint(
                submission_key=data["submission_key"],
                subject=data["subject"],
                message=data["message"],
                reporter_name=data["reporter_name"],
                reporter_email=data["reporter_email"],
                reporter_phone=data["reporter_phone"],
            )
            messages.success(
                request,
                _("Your complaint has been received. Your tracking code is %(code)s; keep it "
                  "to follow your complaint.") % {"code": complaint.tracking_code},
            )  # fmt: skip
            return HttpResponseRedirect(_status_url(page, complaint.tracking_code))
    elif request.method == "POST":
        status = 400
    return _render(
        request,
        page,
        "cms/complaints_page.html",
        {"form": form, "lookup_form": ComplaintLookupForm(), "lookup_url": _lookup_url(page)},
        status=status,
    )


def complaint_lookup(request, page):
    """
    Find a complaint by the code typed in. A malformed code gets the same answer as an
    unknown one, so the answer never tells how close a guess was.
    """
    form = ComplaintLookupForm(request.GET or None)
    if request.GET and form.is_valid() and form.cleaned_data["code"]:
        return HttpResponseRedirect(_status_url(page, form.cleaned_data["code"]))
    return _render(
        request,
        page,
        "cms/complaint_lookup.html",
        {"form": form, "not_found": bool(request.GET), "lookup_url": _lookup_url(page)},
        status=404 if request.GET else 200,
    )


def complaint_status(request, page, code):
    """
    What the reporter may see: status, dates and the answer; never who reported it.

    Lookups are rate-limited per connection, so codes cannot be tried in bulk.
    """
    limited = hit_rate_limit(request, "complaint_lookup")
    normalised = normalise_tracking_code(code)
    complaint = None
    if normalised and not limited:
        complaint = (
            Complaint.objects.filter(tracking_code=normalised)
            .only("tracking_code", "subject", "status", "received_at", "due_date", "answer",
                  "answered_at", "closed_at")
            .first()
        )  # fmt: skip
    if complaint is None:
        return _render(
            request,
            page,
            "cms/complaint_lookup.html",
            {
                "form": ComplaintLookupForm(),
                "not_found": not limited,
                "limited": limited,
                "lookup_url": _lookup_url(page),
            },
            status=TOO_MANY if limited else 404,
        )
    return _render(
        request,
        page,
        "cms/complaint_status.html",
        {"complaint": complaint, "lookup_url": _lookup_url(page)},
    )


def survey_form(request, page):
    """The satisfaction survey; a recorded response leads to the results."""
    form = SurveyForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if hit_rate_limit(request, "survey"):
            form.add_error(
                None, _("Too many responses from this connection. Please try again later.")
            )
            status = TOO_MANY
        else:
            data = form.cleaned_data
            services.submit_survey_response(
                submission_key=data["submission_key"],
                scores=form.scores(),
                gender=data["gender"],
                age=data["age"],
                education=data["education"],
                occupation=data["occupation"],
                service_received=data["service_received"],
                suggestion=data["suggestion"],
            )
            messages.success(request, _("Thank you. Your answers have been recorded."))
            return HttpResponseRedirect(page.url)
    elif request.method == "POST":
        status = 400
    return _render(request, page, "cms/survey_form.html", {"form": form}, status=status)


def survey_results(request, page):
    """The index of the chosen (or latest) period and the complaint figures of that period."""
    periods = survey_periods()
    chosen = SurveyPeriod.parse(request.GET.get("periode", ""))
    if chosen is None:
        chosen = periods[0] if periods else SurveyPeriod.containing(timezone.localdate())
    index = survey_index(chosen)
    return _render(
        request,
        page,
        "cms/performance_page.html",
        {
            "periods": periods,
            "period": chosen,
            "index": index,
            "element_rows": element_rows(index),
            "complaints": complaint_statistics(chosen),
            "survey_url": page.url + page.reverse_subpage("survey_form"),
        },
    )


def _lookup_url(page):
    return page.url + page.reverse_subpage("complaint_lookup")


def _status_url(page, code):
    return page.url + page.reverse_subpage("complaint_status", args=(code,))
