"""
Wagtail admin viewsets for accounts: users with their ASN profile, groups by their translated
names, and agencies.

A user added in the admin gets an invitation e-mail with a one-time link to choose a
password (``accounts.invitations``); the administrator may leave the password empty.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import groups
from wagtail.users.views.users import CreateView as WagtailUserCreateView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from cms.admin_forms import AdminWidgetsViewSetMixin

from .forms import AdminUserFieldsMixin
from .models import Agency
from .roles import group_label
from .services import invite_user


class BimtekUserCreationForm(AdminUserFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(AdminUserFieldsMixin.profile_fields)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "password1" in self.fields and not self.fields["password1"].required:
            self.fields["password1"].help_text = _(
                "Leave empty: the person receives an e-mail with a link to choose a password."
            )

    def save(self, commit=True):
        user = super().save(commit=False)
        if not self.cleaned_data.get("password1"):
            # No password that anyone knows: the invitation's link sets one.
            user.set_unusable_password()
        if commit:
            user.save()
            self.save_m2m()
        return user


class UserCreateView(WagtailUserCreateView):
    """Wagtail's "Add user", which also sends the new account its invitation."""

    invited = False

    def save_instance(self):
        user = super().save_instance()
        self.invited = invite_user(user=user)
        return user

    def get_success_message(self, instance):
        message = super().get_success_message(instance)
        if self.invited:
            message += " " + gettext(
                "An invitation to choose a password was sent to %(email)s."
            ) % {"email": instance.email}
        return message


class BimtekUserEditForm(AdminUserFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(AdminUserFieldsMixin.profile_fields)


class UserViewSet(WagtailUserViewSet):
    add_view_class = UserCreateView

    def get_form_class(self, for_update=False):
        return BimtekUserEditForm if for_update else BimtekUserCreationForm


class GroupIndexView(groups.IndexView):
    """The groups by their translated names (``group_label``), not their English identifiers."""

    columns = [
        TitleColumn(
            "name",
            label=_("Name"),
            accessor=group_label,
            sort_key="name",
            url_name="wagtailusers_groups:edit",
        ),
    ]


class GroupViewSet(groups.GroupViewSet):
    index_view_class = GroupIndexView


class AgencyViewSet(AdminWidgetsViewSetMixin, ModelViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Agencies (OPD)")
    menu_order = 610
    add_to_settings_menu = True
    list_display = ["name", "short_name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "short_name"]
    form_fields = ["name", "short_name", "is_active"]
    copy_view_enabled = False


agency_viewset = AgencyViewSet("agencies")
