"""Forms a participant meets: sign-in and the profile page."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from .models import Agency, NotificationPreferences, User
from .nip import normalise_nip
from .roles import group_label
from .services import language_for


class SignInForm(AuthenticationForm):
    """Django's sign-in form, labelled for the three identifiers Bimtek accepts."""

    username = forms.CharField(
        label=_("User name, e-mail or NIP"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The user name, e-mail or NIP and the password do not match an active account. "
            "Both are case-sensitive in the password."
        ),
    }


class AdminSignInForm(WagtailLoginForm):
    """
    The Wagtail admin's sign-in form with translated labels (Wagtail derives the password
    label from the field name, which is never translated) and the same three identifiers.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = SignInForm.base_fields["username"].label
        self.fields["username"].widget.attrs["placeholder"] = _("User name, e-mail or NIP")
        self.fields["password"].label = _("Password")

    error_messages = SignInForm.error_messages


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, sending each e-mail in its recipient's preferred language."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        language = language_for(context.get("user"))
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class ProfileForm(forms.ModelForm):
    """What a participant may correct themselves; the NIP is changed by an administrator."""

    agency = forms.ModelChoiceField(
        label=_("agency (unit kerja)"), queryset=Agency.objects.active(), required=False
    )

    class Meta:
        model = User
        fields = [
            "full_name",
            "email",
            "phone",
            "employee_type",
            "rank",
            "position",
            "agency",
            "preferred_language",
        ]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["email"].required = True
        self.fields["preferred_language"].required = False

    def clean_preferred_language(self):
        """Left out of a form sent without it, the language stays as it was."""
        return self.cleaned_data.get("preferred_language") or self.instance.preferred_language


class NotificationPreferencesForm(forms.ModelForm):
    """Which reminders a person receives by e-mail; each kind can be turned off."""

    class Meta:
        model = NotificationPreferences
        fields = ["session_reminders", "assessment_reminders", "completion_reminders"]


class AccessTokenForm(forms.Form):
    """A new personal access token for the REST API: what it is for and how long it lasts."""

    VALIDITY_CHOICES = [
        ("30", _("30 days")),
        ("90", _("90 days")),
        ("365", _("1 year")),
        ("", _("No expiry")),
    ]

    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “SIMPEG sync”."),
    )
    valid_days = forms.TypedChoiceField(
        label=_("Valid for"),
        choices=VALIDITY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        initial="90",
    )


class AdminUserFieldsMixin(forms.ModelForm):
    """The ASN profile fields added to Wagtail's user forms for administrators."""

    profile_fields = [
        "full_name",
        "nip",
        "employee_type",
        "rank",
        "position",
        "agency",
        "phone",
        "listed_publicly",
        "public_bio",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The role groups by their translated names, not their English identifiers.
        if "groups" in self.fields:
            self.fields["groups"].label_from_instance = group_label

    def clean_nip(self):
        return normalise_nip(self.cleaned_data.get("nip")) or None


class SignInCodeForm(forms.Form):
    """The second step of signing in: a code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_(
            "The six digits your authenticator app shows now, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "one-time-code", "spellcheck": "false"}
        ),
    )


class TwoFactorSetupForm(forms.Form):
    """Confirms the authenticator app: the code it shows proves the secret arrived intact."""

    code = forms.CharField(
        label=_("Code from the app"),
        max_length=16,
        help_text=_("The six digits the app shows for Bimtek now."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
    )


class TwoFactorDisableForm(forms.Form):
    """Turning two-factor sign-in off asks for the password or a current code."""

    password = forms.CharField(
        label=_("Password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("Or a code"),
        required=False,
        max_length=32,
        help_text=_("A code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        from .twofactor import check_second_factor

        password = self.cleaned_data.get("password")
        code = self.cleaned_data.get("code")
        if not password and not code:
            raise forms.ValidationError(
                _("Enter your password or a code to turn two-factor sign-in off.")
            )
        if password and self.user.check_password(password):
            return self.cleaned_data
        if code and check_second_factor(self.user, code).ok:
            return self.cleaned_data
        self.failed = True
        raise forms.ValidationError(
            _("The password or the code is not correct. Two-factor sign-in is still on.")
        )
