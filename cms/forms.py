"""Public forms of the public-service information: complaint, code lookup and survey."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from .models.complaints import normalise_tracking_code
from .models.performance import Education, Gender, Occupation
from .survey import ELEMENTS


class HoneypotMixin(forms.Form):
    """
    A field people never see or fill in (hidden by CSS, skipped by keyboard and screen
    readers); automated senders fill in every field, which gives them away.
    """

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This form could not be accepted."))
        return ""


class SubmissionKeyMixin(forms.Form):
    """A key issued with the blank form, so that sending it twice records it once."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


class ComplaintForm(HoneypotMixin, SubmissionKeyMixin, forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(
        label=_("Your complaint, suggestion or report"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("What happened, when and where. Please do not include passwords or NIPs."),
    )
    reporter_name = forms.CharField(
        label=_("Name (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    reporter_email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    reporter_phone = forms.CharField(
        label=_("Phone or WhatsApp (optional)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )


class ComplaintLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=30,
        help_text=_("The code shown when you sent the complaint, e.g. K7QM-2XHD-PW9A."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self):
        return normalise_tracking_code(self.cleaned_data["code"])


class SurveyForm(HoneypotMixin, SubmissionKeyMixin, forms.Form):
    gender = forms.ChoiceField(label=_("Sex"), choices=Gender.choices, widget=forms.RadioSelect)
    age = forms.IntegerField(label=_("Age"), min_value=15, max_value=100)
    education = forms.ChoiceField(label=_("Highest education"), choices=Education.choices)
    occupation = forms.ChoiceField(label=_("Occupation"), choices=Occupation.choices)
    service_received = forms.CharField(
        label=_("Service received (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example the name of the course or batch you took part in."),
    )
    suggestion = forms.CharField(
        label=_("Suggestions (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for element in ELEMENTS:
            self.fields[element.code] = forms.TypedChoiceField(
                label=element.question,
                choices=[(score, label) for score, label in enumerate(element.answers, start=1)],
                coerce=int,
                widget=forms.RadioSelect,
            )

    def element_fields(self):
        """The nine element fields with their element, in order, for the template."""
        return [(element, self[element.code]) for element in ELEMENTS]

    def profile_fields(self):
        return [self[name] for name in ("gender", "age", "education", "occupation")]

    def scores(self) -> dict[str, int]:
        return {element.code: self.cleaned_data[element.code] for element in ELEMENTS}
