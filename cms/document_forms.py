"""The Wagtail document form with the content checks of ``cms.uploads`` (settings hook)."""

from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm

from .uploads import check_document


class CheckedDocumentForm(BaseDocumentForm):
    """Every document upload (single or multiple) is checked by its content and size."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # Only a new upload is checked; an edit that keeps the file passes the stored one.
        if isinstance(upload, UploadedFile):
            check_document(upload)
        return upload
