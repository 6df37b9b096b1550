"""
The foundations of the REST API under ``/api/v1/``: who is calling (personal access tokens
or the site's session), how often they may call, how lists are paged, how the OpenAPI schema
describes errors, and the caller's own account. Each app keeps its endpoints in ``<app>/api/``.
"""
