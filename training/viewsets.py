"""
Wagtail admin viewsets for running batches: batches, enrolments and sessions, grouped under
one "Training" menu. Trainers see the batches of their own courses only; every change to an
enrolment goes through the enrolment services.
"""

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from cms.admin_forms import AdminWidgetsViewSetMixin
from cms.spreadsheets import InertSpreadsheetExportMixin

from .admin_scope import CourseScopedViewSetMixin
from .models import Batch, BatchSession, CoursePage, Enrolment
from .models.batches import SEAT_HOLDING_STATUSES
from .permissions import (
    batches_visible_to,
    can_change_enrolment_status,
    can_manage_batch,
    courses_for_batches,
)
from .scorm_admin import ScormPackageViewSet
from .services import EnrolmentError, enrol_participant
from .translation_admin import (
    AllLanguagesIndexMixin,
    AllLanguagesObjectMixin,
    TranslatableViewSetMixin,
    every_language,
)


def _enrolments_in_visible_batches(user):
    # Not ``enrolments_visible_to``: one's own enrolment as a participant is no admin record.
    return Enrolment.objects.filter(batch__in=batches_visible_to(user))


def _sessions_in_visible_batches(user):
    return BatchSession.objects.filter(batch__in=batches_visible_to(user))


class BatchIndexView(AllLanguagesIndexMixin, generic.IndexView):
    def get_base_queryset(self):
        return (
            every_language(batches_visible_to(self.request.user))
            .select_related("course", "locale")
            .annotate(
                places_taken=Count(
                    "enrolments", filter=Q(enrolments__status__in=SEAT_HOLDING_STATUSES)
                )
            )
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.locale.language_code != settings.LANGUAGE_CODE:
            return buttons  # a translation: its texts only, no participants
        buttons.append(
            MenuItem(
                _("Progress and approvals"),
                url=reverse("training_admin:batch_progress", args=[instance.pk]),
                icon_name="table",
                priority=5,
            )
        )
        if can_manage_batch(self.request.user, instance):
            buttons.append(
                MenuItem(
                    _("Import participants"),
                    url=reverse("training_admin:import_upload", args=[instance.pk]),
                    icon_name="upload",
                    priority=6,
                )
            )
        return buttons


class BatchFormMixin:
    """
    Each course once in the course choice: the page in the site's default language (a
    batch is of the course in every language, by its translation key), and for a trainer
    only the courses they teach.
    """

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        courses = courses_for_batches(self.request.user)
        if form.instance.course_id:
            # A batch saved before keeps its course, whichever language it was chosen in.
            courses = courses | CoursePage.objects.filter(pk=form.instance.course_id)
        form.fields["course"].queryset = courses
        return form


class BatchCreateView(BatchFormMixin, generic.CreateView):
    pass


class BatchEditView(AllLanguagesObjectMixin, BatchFormMixin, generic.EditView):
    pass


class BatchDeleteView(AllLanguagesObjectMixin, generic.DeleteView):
    pass


class BatchInspectView(AllLanguagesObjectMixin, generic.InspectView):
    pass


def _batches_in_every_language(user):
    return every_language(batches_visible_to(user))


class BatchViewSet(
    TranslatableViewSetMixin, CourseScopedViewSetMixin, AdminWidgetsViewSetMixin, ModelViewSet
):
    model = Batch
    scope = staticmethod(_batches_in_every_language)
    index_view_class = BatchIndexView
    add_view_class = BatchCreateView
    edit_view_class = BatchEditView
    delete_view_class = BatchDeleteView
    inspect_view_class = BatchInspectView
    icon = "group"
    menu_label = _("Batches")
    list_display = [
        "name",
        "course",
        "starts_on",
        "mode",
        "status",
        Column("places_taken", label=_("Enrolled"), sort_key="places_taken"),
        "capacity",
    ]
    list_filter = ["status", "mode", "enrolment_policy"]
    search_fields = ["name", "course__title", "location"]
    form_fields = [
        "course",
        "name",
        "starts_on",
        "ends_on",
        "enrolment_opens",
        "enrolment_closes",
        "capacity",
        "mode",
        "location",
        "enrolment_policy",
        "status",
    ]
    copy_view_enabled = False
    inspect_view_enabled = True


class EnrolmentIndexView(InertSpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return _enrolments_in_visible_batches(self.request.user).select_related(
            "participant", "batch__course"
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_change_enrolment_status(self.request.user, instance):
            buttons.append(
                MenuItem(
                    _("Change status"),
                    url=reverse(
                        "training_admin:enrolment_status", args=[instance.batch_id, instance.pk]
                    ),
                    icon_name="edit",
                    priority=5,
                )
            )
        return buttons


class EnrolmentCreateView(generic.CreateView):
    """An administrator enrols a participant: through the service, whatever the policy."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["batch"].queryset = batches_visible_to(self.request.user)
        return form

    def save_instance(self):
        return enrol_participant(
            batch=self.form.cleaned_data["batch"],
            participant=self.form.cleaned_data["participant"],
            enrolled_by=self.request.user,
            as_administrator=True,
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except EnrolmentError as error:
            form.add_error(None, error)
            return self.form_invalid(form)


class EnrolmentViewSet(CourseScopedViewSetMixin, AdminWidgetsViewSetMixin, ModelViewSet):
    model = Enrolment
    scope = staticmethod(_enrolments_in_visible_batches)
    index_view_class = EnrolmentIndexView
    add_view_class = EnrolmentCreateView
    icon = "user"
    menu_label = _("Enrolments")
    list_display = ["participant", "batch", "status", "enrolled_at", "completed_at"]
    list_filter = ["status", "batch"]
    search_fields = ["participant__full_name", "participant__nip", "participant__username"]
    # Status changes go through the services (approve, reject, withdraw), never a form.
    form_fields = ["batch", "participant"]
    copy_view_enabled = False
    inspect_view_enabled = True
    list_export = ["participant", "participant.nip", "batch", "status", "enrolled_at"]


class SessionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return _sessions_in_visible_batches(self.request.user).select_related("batch__course")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                _("Attendance and check-in"),
                url=reverse("training_admin:session_attendance", args=[instance.pk]),
                icon_name="tasks",
                priority=5,
            )
        )
        return buttons


class SessionFormMixin:
    """Trainers schedule and edit sessions of the batches they follow, and no others."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["batch"].queryset = batches_visible_to(self.request.user)
        return form


class SessionCreateView(SessionFormMixin, generic.CreateView):
    pass


class SessionEditView(SessionFormMixin, generic.EditView):
    pass


class BatchSessionViewSet(CourseScopedViewSetMixin, AdminWidgetsViewSetMixin, ModelViewSet):
    model = BatchSession
    scope = staticmethod(_sessions_in_visible_batches)
    index_view_class = SessionIndexView
    add_view_class = SessionCreateView
    edit_view_class = SessionEditView
    icon = "date"
    menu_label = _("Sessions")
    list_display = ["title", "batch", "starts_at", "location"]
    list_filter = ["batch"]
    form_fields = ["batch", "title", "starts_at", "ends_at", "location", "online_url"]
    copy_view_enabled = True


class TrainingViewSetGroup(ModelViewSetGroup):
    """
    The "Training" menu: batches, enrolments, sessions and the SCORM packages that lessons
    play (a snippet, for the lesson's chooser, listed here and not under Snippets).
    """

    menu_label = _("Training")
    # A name in no language: the label's slug would be "pelatihan" or "training".
    menu_name = "training"
    menu_icon = "group"
    menu_order = 250
    items = (
        BatchViewSet("training_batches"),
        EnrolmentViewSet("training_enrolments"),
        BatchSessionViewSet("training_sessions"),
        ScormPackageViewSet(),
    )
