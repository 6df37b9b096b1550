"""
The training panel of the Wagtail dashboard: the year's figures and three charts, for
administrators (every course) and trainers (their own courses).

Other apps add figures through the ``register_dashboard_figures`` hook: a function taking
``(request, batches, year)`` and returning ``[(label, value), …]``. The certificates app
adds the certificates issued that way, so ``training`` needs nothing from it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from accounts.roles import is_administrator
from training.permissions import can_view_reports

from . import selectors
from .base import current_year, visible_batches_as_constants
from .charts import bar_chart

DASHBOARD_FIGURES_HOOK = "register_dashboard_figures"


def _course_label(row):
    return f"{row['batch__course__code']} {row['batch__course__title']}"


def dashboard_charts(batches, year):
    """The three charts of the year, each from one grouped query."""
    completion = selectors.completion_by_course(batches, year)
    agencies = selectors.jp_by_agency(batches, year)
    scores = selectors.pre_post_by_course(batches, year)
    return [
        bar_chart(
            title=_("Completion per course, %(year)s") % {"year": year},
            description=_(
                "Share of the participants of each course's batches this year who completed "
                "it, for the courses with the most participants."
            ),
            series=[_("Completed")],
            data=[
                (_course_label(row), [100 * row["completed"] / row["enrolled"]])
                for row in completion
                if row["enrolled"]
            ],
            unit="%",
            maximum=100,
        ),
        bar_chart(
            title=_("JP per agency, %(year)s") % {"year": year},
            description=_("Learning hours (JP) completed this year, by the participant's agency."),
            series=[_("JP")],
            data=[
                (row["participant__agency__name"] or _("No agency"), [row["jp"]])
                for row in agencies
            ],
            unit=" JP",
        ),
        bar_chart(
            title=_("Pre-test and post-test, %(year)s") % {"year": year},
            description=_(
                "Average first pre-test score and best post-test score per course, in percent."
            ),
            series=[_("Pre"), _("Post")],
            data=[
                (_course_label(row), [row["average_pre"], row["average_post"]]) for row in scores
            ],
            unit="%",
            maximum=100,
        ),
    ]


class TrainingDashboardPanel(Component):
    """The year in figures and charts, at the top of the admin dashboard."""

    name = "training_reports"
    template_name = "training/reports/dashboard_panel.html"
    order = 50

    class Media:
        css = {"all": ["css/admin-reports.css"]}

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        batches = visible_batches_as_constants(user)
        year = current_year()
        figures = selectors.dashboard_figures(batches, year)
        rows = [
            (_("Active batches"), figures.active_batches),
            (_("Participants this year"), figures.participants),
            (_("Completions this year"), figures.completions),
        ]
        for function in hooks.get_hooks(DASHBOARD_FIGURES_HOOK):
            rows.extend(function(self.request, batches, year))
        rows.append((_("JP completed this year"), figures.jp))
        return {
            "year": year,
            "figures": rows,
            "charts": dashboard_charts(batches, year),
            "own_courses_only": not is_administrator(user),
        }


def add_training_panel(request, panels):
    if can_view_reports(request.user):
        panels.append(TrainingDashboardPanel(request))
