"""Admin forms of assessments: quiz and evaluation editing limited to a trainer's courses."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.roles import is_administrator
from cms.uploads import check_size, check_xlsx
from training.models import CoursePage, ModulePage, Quiz
from training.permissions import trained_course_ids


class CourseLimitedAdminForm(WagtailAdminModelForm):
    """Offers a trainer only the courses (and modules) they train; administrators see all."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and not is_administrator(for_user):
            course_ids = trained_course_ids(for_user)
            self.fields["course"].queryset = CoursePage.objects.filter(pk__in=course_ids)
            if "module" in self.fields:
                courses = CoursePage.objects.filter(pk__in=course_ids)
                modules = ModulePage.objects.none()
                for course in courses:
                    modules |= ModulePage.objects.descendant_of(course)
                self.fields["module"].queryset = modules
        elif "module" in self.fields:
            self.fields["module"].queryset = ModulePage.objects.all()


class QuizAdminForm(CourseLimitedAdminForm):
    pass


class EssayGradeForm(forms.Form):
    """A trainer's grade of one essay answer."""

    points = forms.DecimalField(label=_("Points"), min_value=0, max_digits=5, decimal_places=2)
    comment = forms.CharField(
        label=_("Comment for the participant"), widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )  # fmt: skip


class QuestionImportForm(forms.Form):
    """Choose the quiz and the .xlsx file of a question bank."""

    quiz = forms.ModelChoiceField(label=_("Quiz"), queryset=Quiz.objects.none())
    file = forms.FileField(
        label=_("Question bank (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, quizzes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if quizzes is not None:
            self.fields["quiz"].queryset = quizzes

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_size(upload, settings.IMPORT_MAX_UPLOAD_SIZE)
        check_xlsx(upload)
        return upload
