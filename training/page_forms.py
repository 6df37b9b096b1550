"""
Admin forms of the course pages, set as the pages' ``base_form_class``. Imported by the page
models, so the training models and rules are imported where they are used, not here.
"""

from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm


class LessonPageForm(WagtailAdminPageForm):
    """
    A lesson's form offers (and accepts) only the SCORM packages the editor may use
    (``scorm_packages_visible_to``), besides the one the lesson already plays: the chooser
    shows no other, and a hand-made POST cannot attach another trainer's package either.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("scorm_package")
        if field is None or self.for_user is None:
            return
        from .permissions import scorm_packages_visible_to

        usable = scorm_packages_visible_to(self.for_user).values("pk")
        field.queryset = field.queryset.filter(
            Q(pk__in=usable) | Q(pk=self.instance.scorm_package_id)
        )
