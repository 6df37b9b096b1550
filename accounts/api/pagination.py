"""Paging of API lists: ``?page=2&page_size=50``."""

from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    """
    Pages of ``PAGE_SIZE`` items, or up to ``max_page_size`` when the client asks. A page
    size that is not a whole number from 1 up is refused (400) instead of silently ignored.
    """

    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        try:
            size = int(value)
        except ValueError:
            size = 0
        if size < 1:
            raise ValidationError(
                {self.page_size_query_param: [_("Enter a whole number from 1 up.")]}
            )
        return min(size, self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            # Both count from 1; a larger page size than the maximum gets the maximum.
            parameter["schema"]["minimum"] = 1
        return parameters
