"""Wagtail admin viewsets for accounts: users with their ASN profile, and agencies."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import groups as wagtail_groups
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from cms.admin_forms import AdminWidgetsViewSetMixin

from .forms import AdminUserFieldsMixin
from .models import Agency
from .roles import role_label


class BimtekUserCreationForm(AdminUserFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(AdminUserFieldsMixin.profile_fields)


class BimtekUserEditForm(AdminUserFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(AdminUserFieldsMixin.profile_fields)


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return BimtekUserEditForm if for_update else BimtekUserCreationForm


class GroupIndexView(wagtail_groups.IndexView):
    """Wagtail's groups, the roles among them by their translated names."""

    columns = [
        TitleColumn(
            "name",
            label=_("Name"),
            accessor=role_label,
            sort_key="name",
            url_name="wagtailusers_groups:edit",
        ),
    ]


class GroupViewSet(wagtail_groups.GroupViewSet):
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
