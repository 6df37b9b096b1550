"""The API's language: from ``Accept-Language``, since API addresses carry no language prefix."""

from django.utils import translation

API_PREFIX = "/api/"


class ApiLanguageMiddleware:
    """
    Activate the language a client asks for with ``Accept-Language`` on API requests.

    ``LocaleMiddleware`` gives every address without a language prefix the default language
    (Indonesian lives at the root of the site); API clients choose theirs by header instead.
    Placed right after ``LocaleMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(API_PREFIX):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
