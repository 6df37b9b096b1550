"""
Admin screens of assessments for trainers and administrators.

Quiz and evaluation-form editing (``ModelViewSet`` limited to the user's courses), the essay
grading queue, the pre/post learning-gain report per batch with its .xlsx export, the
aggregated evaluation results and the question-bank import (preview, then confirm).
Every screen checks ``training.permissions``; a trainer only ever sees their own courses.
"""

import base64
import io
import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from openpyxl import Workbook
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.roles import is_administrator
from cms.spreadsheets import xlsx_row
from training import permissions
from training.admin_scope import CourseScopedViewSetMixin
from training.assessment_forms import CourseLimitedAdminForm, EssayGradeForm, QuestionImportForm
from training.evaluation_results import evaluation_results
from training.learning_gain import batch_learning_gain
from training.models import Answer, AttemptStatus, Batch, EvaluationForm, Quiz
from training.services import grade_essay_answer, import_questions, preview_question_import
from training.services.question_import import question_bank_template
from training.translation_admin import (
    AllLanguagesIndexMixin,
    AllLanguagesObjectMixin,
    TranslatableViewSetMixin,
)


def _course_filter(user, field="course_id"):
    """Keyword filter restricting a queryset to the user's courses (none for administrators)."""
    if is_administrator(user):
        return {}
    return {f"{field}__in": permissions.trained_course_ids(user)}


class _CourseLimitedMixin:
    course_field = "course_id"

    def get_queryset(self):
        return super().get_queryset().filter(**_course_filter(self.request.user, self.course_field))


class _CourseLimitedIndexView(generic.IndexView):
    course_field = "course_id"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(**_course_filter(self.request.user, self.course_field))
        )


class QuizIndexView(AllLanguagesIndexMixin, _CourseLimitedIndexView):
    pass


class QuizEditView(AllLanguagesObjectMixin, _CourseLimitedMixin, generic.EditView):
    pass


class QuizDeleteView(AllLanguagesObjectMixin, _CourseLimitedMixin, generic.DeleteView):
    pass


def _quizzes_of_own_courses(user):
    return Quiz.all_locales.filter(**_course_filter(user))


def _evaluation_forms_of_own_courses(user):
    return EvaluationForm.all_locales.filter(**_course_filter(user))


class QuizViewSet(TranslatableViewSetMixin, CourseScopedViewSetMixin, ModelViewSet):
    """Quizzes of the user's courses, with their questions and choices inline."""

    model = Quiz
    scope = staticmethod(_quizzes_of_own_courses)
    icon = "tasks"
    menu_label = gettext_lazy("Quizzes")
    list_display = ["title", "course", "kind", "pass_mark"]
    list_filter = ["kind"]
    index_view_class = QuizIndexView
    edit_view_class = QuizEditView
    delete_view_class = QuizDeleteView
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_edit_handler(self):
        return ObjectList(Quiz.panels, base_form_class=CourseLimitedAdminForm).bind_to_model(Quiz)


class EvaluationFormIndexView(AllLanguagesIndexMixin, _CourseLimitedIndexView):
    pass


class EvaluationFormEditView(AllLanguagesObjectMixin, _CourseLimitedMixin, generic.EditView):
    pass


class EvaluationFormDeleteView(AllLanguagesObjectMixin, _CourseLimitedMixin, generic.DeleteView):
    pass


class EvaluationFormViewSet(TranslatableViewSetMixin, CourseScopedViewSetMixin, ModelViewSet):
    """The evaluation questionnaire of each course."""

    model = EvaluationForm
    scope = staticmethod(_evaluation_forms_of_own_courses)
    icon = "form"
    menu_label = gettext_lazy("Evaluation forms")
    list_display = ["title", "course"]
    index_view_class = EvaluationFormIndexView
    edit_view_class = EvaluationFormEditView
    delete_view_class = EvaluationFormDeleteView
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_edit_handler(self):
        return ObjectList(
            EvaluationForm.panels, base_form_class=CourseLimitedAdminForm
        ).bind_to_model(EvaluationForm)


class AssessmentAdminView(WagtailAdminTemplateMixin, View):
    """Base of the custom screens: only trainers and administrators come in."""

    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_manage_assessments(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(**kwargs))

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_header_title()}]


# --- Essay grading ----------------------------------------------------------------------


def _essays_to_grade(user):
    return (
        Answer.objects.filter(
            needs_grading=True,
            attempt__status=AttemptStatus.AWAITING_GRADING,
            **_course_filter(user, "attempt__quiz__course_id"),
        )
        .select_related("attempt__quiz__course", "attempt__enrolment__batch")
        .order_by("attempt__submitted_at", "pk")
    )


class EssayQueueView(AssessmentAdminView):
    """Essay answers waiting for a grade, oldest first, of the user's courses only."""

    template_name = "training/admin/essay_queue.html"
    page_title = gettext_lazy("Essays to grade")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        answers = list(_essays_to_grade(self.request.user)[:200])
        for answer in answers:
            answer.question = next(
                (q for q in answer.attempt.snapshot["questions"] if q["id"] == answer.question_ref),
                {},
            )
        context["answers"] = answers
        return context


class EssayGradeView(AssessmentAdminView):
    """Grade one essay answer with points and a comment."""

    template_name = "training/admin/essay_grade.html"
    page_title = gettext_lazy("Grade an essay")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.answer = get_object_or_404(
            Answer.objects.select_related("attempt__quiz__course", "attempt__enrolment"),
            pk=kwargs["answer_id"],
        )
        self.question = next(
            (
                q
                for q in self.answer.attempt.snapshot.get("questions", [])
                if q["id"] == self.answer.question_ref
            ),
            None,
        )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_grade_answer(
            request.user, self.answer
        ):
            raise Http404
        if self.question is None or self.question["kind"] != "essay":
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            answer=self.answer,
            question=self.question,
            form=kwargs.get("form")
            or EssayGradeForm(
                initial={
                    "points": self.answer.points_awarded,
                    "comment": self.answer.grader_comment,
                }
            ),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = EssayGradeForm(request.POST)
        if form.is_valid():
            try:
                grade_essay_answer(
                    answer=self.answer,
                    points=form.cleaned_data["points"],
                    comment=form.cleaned_data["comment"],
                    grader=request.user,
                )
            except ValidationError as error:
                form.add_error(
                    "points" if hasattr(error, "error_dict") else None,
                    error.message_dict.get("points", error.messages)
                    if hasattr(error, "error_dict")
                    else error.messages,
                )
            else:
                messages.success(request, _("The essay has been graded."))
                return redirect("assessment_admin:essays")
        return self.render_to_response(self.get_context_data(form=form))


# --- Learning gain ----------------------------------------------------------------------


class BatchReportListView(AssessmentAdminView):
    """The batches of the user's courses, each with a link to its pre/post report."""

    template_name = "training/admin/batch_report_list.html"
    page_title = gettext_lazy("Learning gain")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["batches"] = Batch.objects.filter(
            **_course_filter(self.request.user)
        ).select_related("course")
        return context


class BatchReportView(AssessmentAdminView):
    """Pre-test / post-test report of one batch: scores, normalised gain, item analysis."""

    template_name = "training/admin/batch_report.html"
    page_title = gettext_lazy("Learning gain")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.batch = get_object_or_404(
            Batch.objects.select_related("course"), pk=kwargs["batch_id"]
        )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_view_batch_report(
            request.user, self.batch
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.batch)

    def get(self, request, *args, **kwargs):
        report = batch_learning_gain(self.batch)
        if request.GET.get("export") == "xlsx":
            return _learning_gain_workbook(report)
        return self.render_to_response(self.get_context_data(report=report, **kwargs))


def _learning_gain_workbook(report) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Participants")[:31]
    sheet.append([_("Name"), _("NIP"), _("Agency"), _("Pre-test (%)"), _("Post-test (%)"),
                  _("Normalised gain")])  # fmt: skip
    for row in report.participants:
        participant = row.enrolment.participant
        sheet.append(
            xlsx_row(
                sheet,
                [
                    participant.full_name or participant.get_username(),
                    participant.nip,
                    str(participant.agency or ""),
                    row.pre,
                    row.post,
                    row.gain,
                ],
            )
        )
    sheet.append([])
    sheet.append([_("Average"), "", "", report.average_pre, report.average_post, report.batch_gain])
    sheet.append([_("Average of individual gains"), "", "", "", "", report.average_individual_gain])
    for title, items in (
        (_("Pre-test items"), report.pre_items),
        (_("Post-test items"), report.post_items),
    ):
        item_sheet = workbook.create_sheet(title[:31])
        item_sheet.append([_("Question"), _("Answered"), _("Share correct"),
                           _("Share correct, top 27%"), _("Share correct, bottom 27%"),
                           _("Discrimination")])  # fmt: skip
        for item in items:
            item_sheet.append(xlsx_row(item_sheet, [
                item.text, item.answered, item.share_correct, item.share_correct_top,
                item.share_correct_bottom, item.discrimination,
            ]))  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = slugify(f"learning-gain-{report.batch}")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


# --- Evaluation results -----------------------------------------------------------------


class EvaluationResultsView(AssessmentAdminView):
    """Aggregated evaluation results per course, batch and trainer; never who answered what."""

    template_name = "training/admin/evaluation_results.html"
    page_title = gettext_lazy("Evaluation results")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        forms = EvaluationForm.objects.filter(**_course_filter(user)).select_related("course")
        form = forms.filter(pk=self.request.GET.get("form") or 0).first() or forms.first()
        batch = trainer = None
        if form:
            batches = Batch.objects.filter(course_id=form.course_id)
            batch = batches.filter(pk=self.request.GET.get("batch") or 0).first()
            trainers = [ct.trainer for ct in form.course.course_trainers.select_related("trainer")]
            if is_administrator(user):
                trainer = next(
                    (t for t in trainers if str(t.pk) == self.request.GET.get("trainer")), None
                )
            elif user in trainers:
                # A trainer sees their own ratings and the organisation's, not their colleagues'.
                trainer = user
            context.update(
                batches=batches,
                trainers=trainers if is_administrator(user) else [],
                results=evaluation_results(form=form, batch=batch, trainer=trainer),
            )
        context.update(forms=forms, form=form, batch=batch, trainer=trainer)
        return context


# --- Question-bank import ---------------------------------------------------------------

_SESSION_KEY = "question-import"


class QuestionImportView(AssessmentAdminView):
    """Upload a question bank: preview every row with its errors, then confirm to import."""

    template_name = "training/admin/question_import.html"
    page_title = gettext_lazy("Import questions")

    def quizzes(self):
        return Quiz.objects.filter(**_course_filter(self.request.user)).select_related("course")

    def get(self, request, *args, **kwargs):
        if request.GET.get("template"):
            response = HttpResponse(
                question_bank_template(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = 'attachment; filename="bank-soal-template.xlsx"'
            return response
        form = QuestionImportForm(quizzes=self.quizzes(), initial={"quiz": request.GET.get("quiz")})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = QuestionImportForm(request.POST, request.FILES, quizzes=self.quizzes())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        content = form.cleaned_data["file"].read()
        preview = preview_question_import(file=io.BytesIO(content))
        token = secrets.token_urlsafe(16)
        if preview.is_valid:
            request.session[_SESSION_KEY] = {
                "token": token,
                "quiz": form.cleaned_data["quiz"].pk,
                "content": base64.b64encode(content).decode(),
            }
        return self.render_to_response(
            self.get_context_data(
                form=form, preview=preview, token=token, quiz=form.cleaned_data["quiz"]
            )
        )

    def confirm(self, request):
        stored = request.session.pop(_SESSION_KEY, None)
        if not stored or stored["token"] != request.POST.get("token"):
            messages.error(request, _("The preview has expired; upload the file again."))
            return redirect("assessment_admin:question_import")
        quiz = self.quizzes().filter(pk=stored["quiz"]).first()
        if quiz is None:
            raise Http404
        upload = SimpleUploadedFile("bank.xlsx", base64.b64decode(stored["content"]))
        try:
            created = import_questions(quiz=quiz, file=upload)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("assessment_admin:question_import")
        messages.success(
            request,
            _("%(count)s questions imported into %(quiz)s.")
            % {"count": len(created), "quiz": quiz},
        )
        return redirect(reverse("quiz:edit", args=[quiz.pk]))


# --- Registration -----------------------------------------------------------------------


class AssessmentMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_manage_assessments(request.user)


class AssessmentScreensViewSet(ViewSet):
    """The custom screens, grouped under one URL namespace ``assessment_admin``."""

    name = "assessment_admin"
    url_prefix = "assessments"
    icon = "tasks"

    def __init__(self, view_name, label, icon, *, with_urls=False, **kwargs):
        self.view_name = view_name
        self.with_urls = with_urls
        self.menu_label = label
        super().__init__(name="assessment_admin", **kwargs)
        self.icon = icon

    def get_menu_item(self, order=None):
        return AssessmentMenuItem(
            label=self.menu_label,
            url=reverse(f"assessment_admin:{self.view_name}"),
            name=f"assessment-{self.view_name}",
            icon_name=self.icon,
            order=order or 100,
        )

    def get_urlpatterns(self):
        # One URL namespace for all screens: the first menu entry carries the URLs.
        return admin_urlpatterns() if self.with_urls else []


def admin_urlpatterns():
    """URLs of the custom screens, registered with ``register_admin_urls``."""
    return [
        path("essays/", EssayQueueView.as_view(), name="essays"),
        path("essays/<int:answer_id>/", EssayGradeView.as_view(), name="essay_grade"),
        path("learning-gain/", BatchReportListView.as_view(), name="batch_reports"),
        path("learning-gain/<int:batch_id>/", BatchReportView.as_view(), name="batch_report"),
        path("evaluation-results/", EvaluationResultsView.as_view(), name="evaluation_results"),
        path("question-import/", QuestionImportView.as_view(), name="question_import"),
    ]


class AssessmentViewSetGroup(ViewSetGroup):
    """The admin menu "Assessments" of trainers and administrators."""

    menu_label = gettext_lazy("Assessments")
    menu_icon = "tasks"
    menu_order = 250
    items = (
        QuizViewSet("quiz"),
        EvaluationFormViewSet("evaluation_form"),
        AssessmentScreensViewSet("essays", gettext_lazy("Essays to grade"), "edit", with_urls=True),
        AssessmentScreensViewSet("batch_reports", gettext_lazy("Learning gain"), "table"),
        AssessmentScreensViewSet(
            "evaluation_results", gettext_lazy("Evaluation results"), "list-ul"
        ),
        AssessmentScreensViewSet("question_import", gettext_lazy("Import questions"), "upload"),
    )
