"""
Wagtail admin viewsets for accounts: users with their ASN profile, groups by their translated
names, and agencies.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import groups
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .forms import AdminUserFieldsMixin
from .models import Agency
from .roles import group_label


class BimtekUserCreationForm(AdminUserFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(AdminUserFieldsMixin.profile_fields)


class BimtekUserEditForm(AdminUserFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(AdminUserFieldsMixin.profile_fields)


class UserViewSet(WagtailUserViewSet):
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


class AgencyViewSet(ModelViewSet):
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
