"""Forms of the participant-facing course pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CourseLevel, DeliveryLanguage, DeliveryMode


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
