"""Paging of API lists: ``?page=2&page_size=50``."""

from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages of ``PAGE_SIZE`` items, or up to ``max_page_size`` when the client asks."""

    page_size_query_param = "page_size"
    max_page_size = 100
