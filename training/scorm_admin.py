"""
SCORM packages in the Wagtail admin: a snippet whose create form takes the ZIP, checks it
before anything is stored (each refusal a translated reason on the form) and imports it
through ``import_scorm_package``. Lessons choose a package with the snippet chooser.

Packages are scoped like the courses they belong to (``scorm_packages_visible_to``): a
trainer's listing, chooser and every screen of one package (edit, history, usage, copy,
delete) hold only the packages they uploaded or their courses' lessons play; another one is
a 404, like a package that does not exist. Administrators see them all.
"""

import hashlib

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
    SnippetCreateView,
)
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from .admin_scope import CourseScopedViewSetMixin
from .models import ScormNoApiCompletion, ScormPackage
from .permissions import scorm_packages_visible_to
from .scorm.errors import ScormPackageError
from .services import import_scorm_package, inspect_scorm_package


class ScormPackageForm(WagtailAdminModelForm):
    """Title and, when creating, the ZIP; the package's content is never edited in place."""

    package = forms.FileField(
        label=_("SCORM package (ZIP)"),
        required=False,
        help_text=_(
            "A SCORM 1.2 or 2004 ZIP with imsmanifest.xml at its root. To change the content "
            "of a package, upload a new one and choose it on the lesson."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )

    class Meta:
        model = ScormPackage
        fields = ["title", "completion_without_api"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Leave empty to use the title in the manifest.")
        # Left out (a script, an older form), the package keeps what it has: the default.
        self.fields["completion_without_api"].required = False

    def clean_completion_without_api(self):
        return self.cleaned_data.get("completion_without_api") or (
            self.instance.completion_without_api or ScormNoApiCompletion.COMPLETED
        )

    def clean_package(self):
        upload = self.cleaned_data.get("package")
        if self.instance.pk:
            if upload:
                raise forms.ValidationError(
                    _("A package's content cannot be replaced. Upload a new package instead.")
                )
            return None
        if not upload:
            raise forms.ValidationError(_("Choose the package's ZIP file."))
        if upload.size > settings.SCORM_MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                _("The file is too large: at most %(megabytes)s MB may be uploaded."),
                params={"megabytes": settings.SCORM_MAX_UPLOAD_SIZE // (1024 * 1024)},
            )
        try:
            inspect_scorm_package(file=upload)
        except ScormPackageError as error:
            raise forms.ValidationError(error.messages) from error
        return upload

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and not cleaned.get("title"):
            # The model's title is required; the manifest's title fills it on import.
            self.errors.pop("title", None)
        return cleaned

    def _post_clean(self):
        if self.instance.pk:
            super()._post_clean()

    def save(self, commit=True):
        if self.instance.pk:
            return super().save(commit=commit)
        upload = self.cleaned_data["package"]
        # The import returns the package already made from the same ZIP: say so, not "created".
        self.reused_existing = ScormPackage.objects.filter(sha256=_sha256(upload)).exists()
        self.instance = import_scorm_package(
            file=upload,
            file_name=upload.name,
            title=self.cleaned_data.get("title", ""),
            uploaded_by=getattr(self, "for_user", None),
        )
        setting = self.cleaned_data.get("completion_without_api")
        if setting and setting != self.instance.completion_without_api:
            self.instance.completion_without_api = setting
            self.instance.save(update_fields=["completion_without_api"])
        return self.instance


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


class ScormPackageCreateView(CreateView):
    """The upload form, whose message says whether the ZIP made a new package."""

    def get_success_message(self, instance):
        if getattr(self.form, "reused_existing", False):
            return _(
                "This ZIP was already imported as the package “%(title)s”: no new package "
                "was made. Choose it on a lesson."
            ) % {"title": instance}
        return super().get_success_message(instance)


class UploadFromChooserMixin:
    """The chooser's "Upload" tab: the package form, saved as the signed-in user's upload."""

    def get_creation_form_kwargs(self):
        return {**super().get_creation_form_kwargs(), "for_user": self.request.user}


class ScopedChooseView(UploadFromChooserMixin, ChooseView):
    def get_object_list(self):
        return scorm_packages_visible_to(self.request.user)


class ScormPackageChooserCreateView(UploadFromChooserMixin, SnippetCreateView):
    pass


class ScopedChooseResultsView(UploadFromChooserMixin, ChooseResultsView):
    def get_object_list(self):
        return scorm_packages_visible_to(self.request.user)


class ScopedChosenView(SnippetChosenView):
    def get_object(self, pk):
        return scorm_packages_visible_to(self.request.user).get(pk=pk)


class ScopedChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return scorm_packages_visible_to(self.request.user).filter(pk__in=pks)


class ScormPackageChooserViewSet(SnippetChooserViewSet):
    """
    The lesson's package chooser: the user's own packages only, as in the listing, and a
    tab to upload a new ZIP without leaving the lesson.
    """

    choose_view_class = ScopedChooseView
    create_view_class = ScormPackageChooserCreateView
    creation_form_class = ScormPackageForm
    create_action_label = _("Upload")
    create_action_clicked_label = _("Uploading…")
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView


class ScormPackageViewSet(CourseScopedViewSetMixin, SnippetViewSet):
    model = ScormPackage
    scope = staticmethod(scorm_packages_visible_to)
    chooser_viewset_class = ScormPackageChooserViewSet
    add_view_class = ScormPackageCreateView
    icon = "folder-open-inverse"
    menu_label = _("SCORM packages")
    add_to_admin_menu = False
    # Its menu item is in the "Training" group (training.viewsets), not under Snippets.
    menu_item_is_registered = True
    list_display = ["title", "version", "navigation_summary", "file_count", "uploaded_at"]
    list_filter = ["version"]
    search_fields = ["title", "identifier", "file_name"]
    edit_handler = ObjectList(
        [
            HelpPanel(
                content=_(
                    "After uploading, choose the package on a lesson (field “SCORM package”). "
                    "Participants then play it in the lesson and their progress is recorded. "
                    "SCORM 2004 navigation (menu, continue/previous) is followed; a package "
                    "asking for more sequencing plays with its menu, as the column "
                    "“Navigation” of the list says."
                )
            ),
            FieldPanel("title"),
            FieldPanel("package"),
            FieldPanel("completion_without_api"),
        ],
        base_form_class=ScormPackageForm,
    )

    def get_queryset(self, request):
        return scorm_packages_visible_to(request.user)
