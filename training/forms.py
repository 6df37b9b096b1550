"""Forms of the training admin: the participant file upload."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_IMPORT_BYTES = 5 * 1024 * 1024


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
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Upload an Excel (.xlsx) or CSV (.csv) file."))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
