"""What the API says about the caller's own account."""

from rest_framework import serializers

from ..models import User
from ..roles import ROLE_PERMISSIONS


class AccountSerializer(serializers.ModelSerializer):
    """The caller's profile as printed on certificates, and their roles."""

    full_name = serializers.CharField(source="get_full_name")
    agency = serializers.CharField(source="agency.name", default=None, allow_null=True)
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "full_name",
            "email",
            "nip",
            "employee_type",
            "rank",
            "position",
            "agency",
            "roles",
        ]
        read_only_fields = fields

    def get_roles(self, user) -> list[str]:
        return sorted(group.name for group in user.groups.all() if group.name in ROLE_PERMISSIONS)
