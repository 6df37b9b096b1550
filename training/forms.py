"""
Forms of the training app: the catalogue filters, the participant file upload and an
administrator's change of an enrolment's status.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cms.uploads import check_size, check_text, check_xlsx

from .models import CourseLevel, DeliveryLanguage, DeliveryMode, EnrolmentStatus


def _with_any(choices, label):
    return [("", label), *choices]


class CatalogueFilterForm(forms.Form):
    """Search and filters of the course catalogue, sent by GET so results can be linked."""

    q = forms.CharField(label=_("Search courses"), required=False, max_length=200)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=_with_any(CourseLevel.choices, _("All levels"))
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=_with_any(DeliveryLanguage.choices, _("All languages")),
    )
    mode = forms.ChoiceField(
        label=_("Mode"),
        required=False,
        choices=_with_any(DeliveryMode.choices, _("All modes")),
    )

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = _with_any(
            [(tag.slug, tag.name) for tag in topics], _("All topics")
        )

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


def check_participant_file(upload):
    """
    Refuse a participant list that is not an .xlsx or .csv within the size limit, checked
    from its content. Shared by the admin form and the API.
    """
    if not upload.name.lower().endswith((".xlsx", ".csv")):
        raise forms.ValidationError(_("Upload an Excel (.xlsx) or CSV (.csv) file."))
    check_size(upload, settings.IMPORT_MAX_UPLOAD_SIZE)
    if upload.name.lower().endswith(".xlsx"):
        check_xlsx(upload)
    else:
        check_text(upload)
    return upload


class ParticipantImportForm(forms.Form):
    file = forms.FileField(
        label=_("Participant list"),
        help_text=_(
            "An Excel (.xlsx) or CSV file with the columns NIP, Nama Lengkap, Email, "
            "Pangkat/Golongan, Jabatan and Unit Kerja. Format the NIP column as text."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        return check_participant_file(self.cleaned_data["file"])


class EnrolmentStatusForm(forms.Form):
    """The new status of an enrolment and the reason, which goes into the audit log."""

    status = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (EnrolmentStatus.COMPLETED, _("Completed (marked by hand)")),
            (EnrolmentStatus.ACTIVE, EnrolmentStatus.ACTIVE.label),
            (EnrolmentStatus.WITHDRAWN, EnrolmentStatus.WITHDRAWN.label),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required. Kept in the audit log with your name and the time."),
    )
