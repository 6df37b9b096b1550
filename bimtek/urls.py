"""Root URL configuration: language-neutral endpoints first, then translated ones."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from accounts.admin_views import SiteHistoryView
from accounts.api.views import not_found as api_not_found
from accounts.twofactor_views import AdminSignInCodeView, AdminSignInView
from accounts.views import SignInView
from operations.views import health

# The REST API, one module per app; the language comes from Accept-Language, not the path.
# New apps' endpoints go before the last entry, which answers unknown addresses with JSON.
api_v1_patterns = [
    path("", include("accounts.api.urls")),
    path("", include("training.api.urls")),
    path("", include("certificates.api.urls")),
    re_path(r"^", api_not_found, name="not_found"),
]

# Wagtail's site history with exports that hold no live formula, ahead of Wagtail's own at
# the same addresses, and guarded as Wagtail guards its admin views.
site_history_patterns = decorate_urlpatterns(
    decorate_urlpatterns(
        [
            path("admin/reports/site-history/", SiteHistoryView.as_view(), name="site_history"),
            path(
                "admin/reports/site-history/results/",
                SiteHistoryView.as_view(results_only=True),
                name="site_history_results",
            ),
        ],
        require_admin_access,
    ),
    never_cache,
)

urlpatterns = [
    path("api/v1/", include((api_v1_patterns, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
    # The admin's sign-in with the two-factor step, ahead of Wagtail's own view at that path.
    path("admin/login/", AdminSignInView.as_view(), name="admin_sign_in"),
    path("admin/login/code/", AdminSignInCodeView.as_view(), name="admin_sign_in_code"),
    *site_history_patterns,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("certificates.badge_urls")),
    path("health/", health, name="health"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Indonesian, the default language, lives at the root; English under /en/.
urlpatterns += i18n_patterns(
    path("akun/", include("accounts.urls")),
    path("", include("training.urls")),
    path("", include("training.assessment_urls")),
    path("", include("certificates.urls")),
    # Wagtail's front-end sign-in (for private pages) is a bare password form: it is the
    # site's own sign-in here, so that it asks for the second factor too.
    path("_util/login/", SignInView.as_view(), name="wagtailcore_login"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
