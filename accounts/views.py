"""Participant-facing account views: sign-in/out, password reset and the profile page."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse, reverse_lazy
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import UpdateView

from cms.ratelimit import hit_rate_limit

from .forms import (
    AccessTokenForm,
    NotificationPreferencesForm,
    PasswordResetForm,
    ProfileForm,
    SignInForm,
)
from .invitations import LinkStatus, invitation_token_generator
from .models import CalendarFeed
from .services import (
    create_access_token,
    get_or_create_calendar_feed,
    notification_preferences_for,
    regenerate_calendar_feed,
    revoke_access_token,
    update_notification_preferences,
)
from .twofactor import has_two_factor, missing_second_factor
from .twofactor_views import TwoFactorSignInMixin, second_factor_response

# Where a ``next`` must not lead after signing in: back to a sign-in step (a loop).
SIGN_IN_VIEW_NAMES = {
    "accounts:login",
    "accounts:login_code",
    "admin_sign_in",
    "admin_sign_in_code",
    "wagtailadmin_login",
}


def is_sign_in_page(url: str) -> bool:
    """Whether ``url`` (a local path, in any language) is one of the sign-in steps."""
    path = urlsplit(url).path
    # A language prefix resolves only while its language is active.
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            try:
                match = resolve(path)
            except Resolver404:
                continue
        if match.view_name in SIGN_IN_VIEW_NAMES:
            return True
    return False


class SignInView(TwoFactorSignInMixin, auth_views.LoginView):
    """
    Signing in on the site. Someone already signed in has nothing to do here and goes on
    to a safe ``next``, or else to their dashboard; a ``next`` that is another site or a
    sign-in page (``?next=/akun/masuk/``, which Django refuses as a redirect loop with a
    server error) counts as no ``next`` at all.
    """

    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_redirect_url(self):
        url = super().get_redirect_url()
        return "" if url and is_sign_in_page(url) else url

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            response = HttpResponseRedirect(
                self.get_redirect_url() or reverse("training:dashboard")
            )
            add_never_cache_headers(response)
            return response
        return super().dispatch(request, *args, **kwargs)


class SignOutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    """
    The reset form, limited per client address (``CMS_RATE_LIMITS["password_reset"]``) so
    that it cannot be used to flood mailboxes or to probe many addresses.
    """

    template_name = "accounts/password_reset_form.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        if hit_rate_limit(self.request, "password_reset"):
            form.add_error(
                None, _("Too many reset requests from this connection. Please try again later.")
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """
    The page of an invitation's link: a new account chooses its password. The link works
    once (the token hashes the password) and for ``ACCOUNT_INVITATION_TIMEOUT_DAYS`` days;
    an expired link and a used or altered one each get their own explanation.
    """

    template_name = "accounts/invitation_accept.html"
    token_generator = invitation_token_generator
    reset_url_token = "pilih-sandi"
    success_url = reverse_lazy("accounts:invitation_complete")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invitation_days"] = settings.ACCOUNT_INVITATION_TIMEOUT_DAYS
        if not context["validlink"]:
            token = self.kwargs.get("token", "")
            context["link_status"] = (
                self.token_generator.link_status(self.user, token)
                if token != self.reset_url_token
                else LinkStatus.INVALID
            )
        return context

    def render_to_response(self, context, **response_kwargs):
        if not context["validlink"]:
            response_kwargs.setdefault(
                "status", 410 if context["link_status"] == "expired" else 404
            )
        return super().render_to_response(context, **response_kwargs)


class InvitationCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/invitation_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


class ProfileView(LoginRequiredMixin, UpdateView):
    """The signed-in person's own profile; nobody else's is reachable here."""

    template_name = "accounts/profile.html"
    form_class = ProfileForm
    success_url = reverse_lazy("accounts:profile")

    def get_object(self, queryset=None):
        return self.request.user

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["access_tokens"] = self.request.user.access_tokens.filter(revoked_at__isnull=True)
        context["access_token_form"] = kwargs.get("access_token_form") or AccessTokenForm()
        context["two_factor_on"] = has_two_factor(self.request.user)
        # "set_up" or "verify" when tokens must wait for two-factor sign-in.
        context["tokens_need_two_factor"] = missing_second_factor(self.request.user)
        context["notification_form"] = kwargs.get(
            "notification_form"
        ) or NotificationPreferencesForm(instance=notification_preferences_for(self.request.user))
        feed = CalendarFeed.objects.filter(user=self.request.user).first()
        context["calendar_url"] = feed and self.request.build_absolute_uri(feed.get_absolute_url())
        return context

    def form_valid(self, form):
        messages.success(self.request, _("Your profile has been saved."))
        return super().form_valid(form)


class AccessTokenCreateView(LoginRequiredMixin, View):
    """
    Make a personal access token and show it once; only its digest is kept, so the page
    that shows it is the only place it ever appears. An administrator from whom two factors
    are required makes one only from a session that gave the second factor: a token reaches
    the API without it.
    """

    def post(self, request):
        if missing_second_factor(request.user):
            messages.error(
                request,
                _("Administrators make API access tokens only after signing in with two factors."),
            )
            return second_factor_response(
                request, login_url_name="accounts:login", setup_url_name="accounts:two_factor_setup"
            )
        form = AccessTokenForm(request.POST)
        if not form.is_valid():
            profile = ProfileView(request=request, kwargs={}, object=request.user)
            return render(
                request,
                ProfileView.template_name,
                profile.get_context_data(
                    form=ProfileForm(instance=request.user), access_token_form=form
                ),
                status=400,
            )
        token, raw_token = create_access_token(
            user=request.user,
            name=form.cleaned_data["name"],
            valid_days=form.cleaned_data["valid_days"],
        )
        response = render(
            request, "accounts/access_token_created.html", {"token": token, "raw_token": raw_token}
        )
        response["Cache-Control"] = "no-store"
        return response


class AccessTokenRevokeView(LoginRequiredMixin, View):
    """Revoke one of the signed-in person's own tokens; anyone else's is a 404."""

    def post(self, request, pk):
        token = get_object_or_404(request.user.access_tokens, pk=pk)
        revoke_access_token(token=token)
        messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
        return redirect("accounts:profile")


class NotificationPreferencesView(LoginRequiredMixin, View):
    """Save which reminders the signed-in person wants by e-mail."""

    def post(self, request):
        form = NotificationPreferencesForm(
            request.POST, instance=notification_preferences_for(request.user)
        )
        if not form.is_valid():
            return redirect("accounts:profile")
        update_notification_preferences(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your e-mail reminders have been saved."))
        return redirect(reverse("accounts:profile") + "#reminders")


class CalendarFeedView(LoginRequiredMixin, View):
    """Make the person's calendar address, or replace it so that the old one stops working."""

    def post(self, request):
        if request.POST.get("action") == "regenerate":
            regenerate_calendar_feed(user=request.user)
            messages.success(
                request, _("Your calendar has a new address; the old address no longer works.")
            )
        else:
            get_or_create_calendar_feed(user=request.user)
            messages.success(request, _("Your calendar address is ready."))
        return redirect(reverse("accounts:profile") + "#calendar")
