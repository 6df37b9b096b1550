"""
Two-factor sign-in pages, on the site (``/akun/profil/dua-faktor/…``, under the participant's
profile) and in the Wagtail admin (``/admin/accounts/two-factor/…``, from the account page).

Each page is one class with the site's template and namespace; its admin twin only changes
those (``AdminPageMixin``), so both behave the same. The sign-in's second step is here too:
``TwoFactorSignInMixin`` goes in front of the site's and the admin's sign-in views.
"""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.account import LoginView as WagtailLoginView

from . import twofactor
from .forms import SignInCodeForm, TwoFactorDisableForm, TwoFactorSetupForm
from .lockout import lockout_response
from .models import User
from .permissions import is_administrator


def _no_store(response):
    """Pages that show a secret (the set-up key, recovery codes) must not be cached."""
    response["Cache-Control"] = "no-store"
    return response


def count_failed_sign_in(request, username: str) -> bool:
    """
    Report a wrong second factor to django-axes as a failed sign-in of ``username`` from this
    address; returns whether that pair is now locked out.
    """
    credentials = {settings.AXES_USERNAME_FORM_FIELD: username}
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    return bool(getattr(request, "axes_locked_out", False))


def second_factor_response(request, *, login_url_name: str, setup_url_name: str):
    """
    Where an administrator goes when ``TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS`` stops them
    at a staff page: to the set-up page without an authenticator app; with one, but in a
    session that never gave its code, signed out and back to ``login_url_name`` (which asks
    for it), returning afterwards. None when nothing is missing.
    """
    missing = twofactor.missing_second_factor(request.user)
    if missing == twofactor.SET_UP:
        return redirect(setup_url_name)
    if missing == twofactor.VERIFY:
        next_url = request.get_full_path()
        logout(request)
        messages.info(
            request,
            _(
                "Administrators must sign in with two factors. Sign in again and enter the "
                "code from your authenticator app."
            ),
        )
        return redirect_to_login(next_url, reverse(login_url_name))
    return None


# --- Signing in ---------------------------------------------------------------------------


class TwoFactorSignInMixin:
    """
    For a sign-in view: after a correct password, a user with an authenticator app is sent
    to the code step instead of being signed in; an administrator without one, when two
    factors are required of them, is signed in and sent straight to the set-up.
    """

    code_url_name = "accounts:login_code"
    setup_url_name = "accounts:two_factor_setup"

    def form_valid(self, form):
        user = form.get_user()
        if not twofactor.has_two_factor(user):
            response = super().form_valid(form)
            if twofactor.missing_second_factor(user, session=False) == twofactor.SET_UP:
                return redirect(self.setup_url_name)
            return response
        twofactor.begin_sign_in(
            self.request,
            user,
            username=form.cleaned_data.get("username") or user.get_username(),
            redirect_to=self.get_success_url(),
            remember=form.cleaned_data.get("remember"),
        )
        return redirect(self.code_url_name)


class AdminSignInView(TwoFactorSignInMixin, WagtailLoginView):
    """The Wagtail admin's sign-in (routed at ``/admin/login/`` ahead of Wagtail's own)."""

    code_url_name = "admin_sign_in_code"
    setup_url_name = "accounts_admin:two_factor_setup"


class SignInCodeView(FormView):
    """The second step: the code from the app (or a recovery code) signs the session in."""

    form_class = SignInCodeForm
    template_name = "accounts/login_code.html"
    login_url_name = "accounts:login"

    def dispatch(self, request, *args, **kwargs):
        pending = twofactor.pending_sign_in(request)
        if pending is None:
            if request.method == "POST":
                messages.error(request, _("The sign-in took too long. Please sign in again."))
            return redirect(self.login_url_name)
        self.user, self.pending = pending
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["login_url"] = reverse(self.login_url_name)
        return context

    def form_valid(self, form):
        request = self.request
        username = self.pending["username"]
        credentials = {settings.AXES_USERNAME_FORM_FIELD: username}
        if AxesProxyHandler.is_locked(request, credentials):
            twofactor.cancel_sign_in(request)
            return lockout_response(request, credentials=credentials)

        check = twofactor.check_second_factor(self.user, form.cleaned_data["code"])
        if check.ok:
            twofactor.finish_sign_in(request, self.user, self.pending)
            self.after_sign_in()
            if check.recovery_code_used:
                left = twofactor.unused_recovery_codes(self.user)
                messages.warning(
                    request,
                    ngettext(
                        "You signed in with a recovery code; it cannot be used again. "
                        "%(count)d recovery code is left.",
                        "You signed in with a recovery code; it cannot be used again. "
                        "%(count)d recovery codes are left.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(self.pending["redirect_to"])

        if check.wait_until:
            seconds = max(1, int((check.wait_until - timezone.now()).total_seconds()) + 1)
            form.add_error(
                "code",
                ngettext(
                    "Too many wrong codes in a row. Wait %(seconds)d second and try again.",
                    "Too many wrong codes in a row. Wait %(seconds)d seconds and try again.",
                    seconds,
                )
                % {"seconds": seconds},
            )
            return self.form_invalid(form)

        if count_failed_sign_in(request, username):
            twofactor.cancel_sign_in(request)
            return lockout_response(request, credentials=credentials)
        form.add_error(
            "code",
            _(
                "This code is not correct. Enter the newest code from your authenticator app "
                "(check that the phone's clock is right), or one of your recovery codes."
            ),
        )
        return self.form_invalid(form)

    def after_sign_in(self):
        pass


class AdminSignInCodeView(SignInCodeView):
    """The second step of the Wagtail admin's sign-in, on Wagtail's sign-in layout."""

    template_name = "accounts/admin/login_code.html"
    login_url_name = "wagtailadmin_login"

    def after_sign_in(self):
        # What Wagtail's sign-in does with "Remember me", once the session is signed in.
        if self.pending.get("remember"):
            self.request.session.set_expiry(settings.SESSION_COOKIE_AGE)
        else:
            self.request.session.set_expiry(0)


# --- Managing one's own two-factor sign-in ---------------------------------------------


class SitePageMixin(LoginRequiredMixin):
    """Where a page's links point and which templates it uses, on the site."""

    namespace = "accounts"
    templates = {
        "overview": "accounts/two_factor.html",
        "setup": "accounts/two_factor_setup.html",
        "codes": "accounts/two_factor_codes.html",
        "disable": "accounts/two_factor_disable.html",
    }

    def url(self, name):
        return reverse(f"{self.namespace}:{name}")

    def page_context(self, title):
        return {"page_title": title, "header_icon": "key", "namespace": self.namespace}

    def render_codes(self, codes, *, first_time):
        """The recovery codes, shown this once (only their digests are kept)."""
        context = self.page_context(_("Your recovery codes"))
        context.update({"codes": codes, "first_time": first_time})
        return _no_store(render(self.request, self.templates["codes"], context))


class AdminPageMixin(SitePageMixin):
    """The same pages in the Wagtail admin (its URL hooks already require admin access)."""

    namespace = "accounts_admin"
    templates = {
        "overview": "accounts/admin/two_factor.html",
        "setup": "accounts/admin/two_factor_setup.html",
        "codes": "accounts/admin/two_factor_codes.html",
        "disable": "accounts/admin/two_factor_disable.html",
    }


class TwoFactorView(SitePageMixin, TemplateView):
    """Whether two-factor sign-in is on, how many recovery codes are left, and the actions."""

    def get_template_names(self):
        return [self.templates["overview"]]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        device = twofactor.confirmed_device(user)
        context.update(self.page_context(_("Two-factor sign-in")))
        context.update(
            {
                "device": device,
                "unused_codes": twofactor.unused_recovery_codes(user) if device else 0,
                "required": (
                    settings.TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS and is_administrator(user)
                ),
            }
        )
        return context


class TwoFactorSetupView(SitePageMixin, FormView):
    """The QR code and the secret as text; a correct code turns two-factor sign-in on."""

    form_class = TwoFactorSetupForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and twofactor.has_two_factor(request.user):
            messages.info(request, _("Two-factor sign-in is already on."))
            return redirect(self.url("two_factor"))
        return super().dispatch(request, *args, **kwargs)

    def get_template_names(self):
        return [self.templates["setup"]]

    def get_context_data(self, **kwargs):
        # training.qr draws the check-in QR code the same way (segno, inline SVG).
        from training.qr import qr_svg

        context = super().get_context_data(**kwargs)
        device = twofactor.setup_device(self.request.user)
        context.update(self.page_context(_("Set up two-factor sign-in")))
        context.update(
            {
                "qr_svg": qr_svg(device.config_url),
                "secret": twofactor.secret_base32(device),
                "required": (
                    settings.TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS
                    and is_administrator(self.request.user)
                ),
            }
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        return _no_store(super().render_to_response(context, **response_kwargs))

    def form_valid(self, form):
        device = twofactor.setup_device(self.request.user)
        check, codes = twofactor.enable_two_factor(device=device, code=form.cleaned_data["code"])
        if not check.ok:
            if check.wait_until:
                form.add_error(
                    "code", _("Too many wrong codes in a row. Wait a moment and try again.")
                )
            else:
                form.add_error(
                    "code",
                    _(
                        "This code is not correct. Scan the QR code again or check the secret, "
                        "and enter the newest code the app shows."
                    ),
                )
            return self.form_invalid(form)
        # The code just given proves the app: this session counts as verified by it.
        twofactor.mark_verified(self.request, device)
        messages.success(self.request, _("Two-factor sign-in is on."))
        return self.render_codes(codes, first_time=True)


class RecoveryCodesView(SitePageMixin, View):
    """A new set of recovery codes (POST only); the old set stops working."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not twofactor.has_two_factor(request.user):
            messages.error(request, _("Turn two-factor sign-in on first."))
            return redirect(self.url("two_factor"))
        codes = twofactor.regenerate_recovery_codes(user=request.user)
        return self.render_codes(codes, first_time=False)


class TwoFactorDisableView(SitePageMixin, FormView):
    """Turning two-factor sign-in off, confirmed with the password or a code."""

    form_class = TwoFactorDisableForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not twofactor.has_two_factor(request.user):
            messages.info(request, _("Two-factor sign-in is off."))
            return redirect(self.url("two_factor"))
        return super().dispatch(request, *args, **kwargs)

    def get_template_names(self):
        return [self.templates["disable"]]

    def post(self, request, *args, **kwargs):
        # A stolen session must not try passwords here past the sign-in lockout.
        credentials = {settings.AXES_USERNAME_FORM_FIELD: request.user.get_username()}
        if AxesProxyHandler.is_locked(request, credentials):
            return lockout_response(request, credentials=credentials)
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.page_context(_("Turn off two-factor sign-in")))
        return context

    def form_invalid(self, form):
        username = self.request.user.get_username()
        if getattr(form, "failed", False) and count_failed_sign_in(self.request, username):
            return lockout_response(
                self.request, credentials={settings.AXES_USERNAME_FORM_FIELD: username}
            )
        return super().form_invalid(form)

    def form_valid(self, form):
        twofactor.disable_two_factor(user=self.request.user, changed_by=self.request.user)
        messages.success(self.request, _("Two-factor sign-in is off."))
        return redirect(self.url("two_factor"))


class AdminTwoFactorView(AdminPageMixin, TwoFactorView):
    pass


class AdminTwoFactorSetupView(AdminPageMixin, TwoFactorSetupView):
    pass


class AdminRecoveryCodesView(AdminPageMixin, RecoveryCodesView):
    pass


class AdminTwoFactorDisableView(AdminPageMixin, TwoFactorDisableView):
    pass


# --- Administrators: who uses it, and the reset after a lost phone ---------------------


def _require_administrator(request):
    # As every administrators-only admin screen: Wagtail's "permission denied", before any
    # user is looked up (tests/security/url_matrix.py, rule 2).
    if not is_administrator(request.user):
        raise PermissionDenied


def two_factor_users_view(request):
    """The users who sign in with two factors, each with a reset button."""
    _require_administrator(request)
    users = (
        User.objects.filter(totpdevice__confirmed=True)
        .distinct()
        .order_by("username")
        .only("username", "full_name", "email")[:500]
    )
    return render(
        request,
        "accounts/admin/two_factor_users.html",
        {"users": users, "page_title": _("Two-factor sign-in"), "header_icon": "key"},
    )


@require_POST
def two_factor_reset_view(request, user_id):
    """Turn off another user's two-factor sign-in (lost phone); written to the audit log."""
    _require_administrator(request)
    user = get_object_or_404(User, pk=user_id)
    if twofactor.disable_two_factor(user=user, changed_by=request.user):
        messages.success(
            request,
            _(
                "Two-factor sign-in of “%(username)s” is reset; they sign in with their "
                "password alone until they set it up again."
            )
            % {"username": user.get_username()},
        )
    return redirect("accounts_admin:two_factor_users")
