"""
Settings for Bimtek, read from the environment (django-environ).

With no environment at all the site runs embedded: SQLite next to the code, Celery tasks
executed eagerly in-process, e-mail printed to the console. Production sets the variables
documented in `.env.example` and `docs/configuration.md`.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local `.env` is a convenience for operators; the process environment always wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -------------------------------------------------------------------------------

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# The fallback key is only ever used in DEBUG mode; production refuses to start without one.
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY",
    default="django-insecure-local-development-only" if DEBUG else environ.Env.NOTSET,
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    "accounts",
    "cms",
    "training",
    "certificates",
    "operations",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.UsersAdminConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # SCORM_CONTENT_ORIGIN's host serves package files and nothing else of the site.
    "training.scorm.origin.ContentHostMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "accounts.api.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After the host check; sets the Wagtail site from the cache just before the view runs.
    "cms.chrome.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session gave the second factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.twofactor_middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.csp.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that a locked-out sign-in is answered after everything else has run.
    "axes.middleware.AxesMiddleware",
    # Innermost: a cached page still passes every middleware above on its way out.
    "training.page_cache.AnonymousPageCacheMiddleware",
    "training.personal_cache.PersonalPageCacheMiddleware",
]

ROOT_URLCONF = "bimtek.urls"
WSGI_APPLICATION = "bimtek.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.site_chrome",
                "accounts.context_processors.admin_access",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves several people at once (runserver is threaded). SQLite
    # then needs: WAL, so readers never wait for a writer; a busy timeout, so a writer waits
    # for another instead of answering "database is locked" at once; and write transactions
    # that take the write lock when they begin (IMMEDIATE), because a transaction that reads
    # first and writes later cannot wait for the lock and fails at once under WAL.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": env.int("SQLITE_TIMEOUT_SECONDS", default=20),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://bimtek")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same backend, sharing one Redis client per pool (bimtek/cache.py).
    CACHES["default"]["BACKEND"] = "bimtek.cache.RedisCache"
# The site's header, footer and settings, the site of each host and the courses' outlines,
# kept in the cache for this many seconds at most (cms/chrome.py); any change forgets them
# at once. Only a shared cache carries that to every process, so it is on by default only
# when CACHE_URL names one (several gunicorn workers with per-process caches would each
# show an edit up to this long late). 0 turns it off.
SITE_CHROME_CACHE_SECONDS = env.int(
    "SITE_CHROME_CACHE_SECONDS", default=300 if env.str("CACHE_URL", default="") else 0
)
# Catalogue and course pages served to anonymous visitors from the cache, for this many
# seconds at most (training/page_cache.py). Its invalidation reaches every process only
# through a shared cache, so it is on by default only when CACHE_URL names one.
ANONYMOUS_PAGE_CACHE_SECONDS = env.int(
    "ANONYMOUS_PAGE_CACHE_SECONDS", default=300 if env.str("CACHE_URL", default="") else 0
)
# A participant's own lesson pages and dashboard answered again from the cache, for this many
# seconds at most (training/personal_cache.py); every change they could show forgets them at
# once, which reaches every process only through a shared cache: on only with CACHE_URL.
PERSONAL_PAGE_CACHE_SECONDS = env.int(
    "PERSONAL_PAGE_CACHE_SECONDS", default=120 if env.str("CACHE_URL", default="") else 0
)
# Sessions are read from a shared cache (and written through to the database), which saves
# a query on every signed-in page. Only with a shared cache: a per-process cache would keep
# a signed-out session alive in the other processes.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if env.str("CACHE_URL", default="")
    else "django.contrib.sessions.backends.db"
)

# --- Accounts and sign-in ---------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes must come first so that a locked-out identity is refused before any check.
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.IdentifierBackend",
]
LOGIN_URL = "accounts:login"
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminSignInForm"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# An account made by an administrator or an import gets an e-mail with a one-time link to
# choose its password, valid this many days (accounts/invitations.py). The administrator
# may leave the password empty when adding a user: the invitation sets it.
ACCOUNT_INVITATION_TIMEOUT_DAYS = env.int("ACCOUNT_INVITATION_TIMEOUT_DAYS", default=14)
WAGTAILUSERS_PASSWORD_REQUIRED = False

# A whole agency (OPD) often signs in from one public address, so failures are counted per
# account *and* address together: a mistyped password in one office never locks out the
# rest of the agency.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The account's own user name, whether its user name, e-mail or NIP was typed and in which
# case or grouping: a pause on one spelling holds for every other.
AXES_USERNAME_CALLABLE = "accounts.lockout.lockout_username"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
# The proxies of the deployment in front of the app (load balancer, nginx); the client's
# address is read from X-Forwarded-For that many places from the right, never further.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=env.int("AXES_PROXY_COUNT", default=0))
AXES_CLIENT_IP_CALLABLE = "cms.ratelimit.client_address"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

# Two-factor sign-in (accounts.twofactor): optional for everyone with django-otp's TOTP
# devices. Required of administrators in production (every staff surface: the admin, the
# REST API, access tokens): one without an authenticator app sets it up first, and a session
# that did not give the code is asked to sign in again. Off by default only in DEBUG, so
# that the embedded demo's users sign in with their password.
TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS = env.bool(
    "TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS", default=not DEBUG
)
# The name authenticator apps show next to the code.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Bimtek")

# --- Internationalisation ---------------------------------------------------------------

LANGUAGE_CODE = "id"
LANGUAGES = [
    ("id", "Bahasa Indonesia"),
    ("en", "English"),
]
LOCALE_PATHS = [
    BASE_DIR / "locale",
    # Indonesian strings of the Wagtail admin that Wagtail itself does not ship under "id".
    BASE_DIR / "locale" / "wagtail-admin",
]
TIME_ZONE = "Asia/Makassar"  # WITA, the time zone of Gorontalo
USE_I18N = True
USE_TZ = True
# Dates typed day first in both languages, times with a dot or a colon (bimtek/formats).
FORMAT_MODULE_PATH = ["bimtek.formats"]
# The admin's date and time pickers write (and show) these; each is one of the input formats.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# No Gravatar: it would send a hash of every staff member's e-mail address to a third party,
# and the admin's CSP blocks the image anyway (a broken avatar on every page). Wagtail then
# shows its own default avatar, or the one a user uploads.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_SITE_NAME = "Bimtek"
# A course is reviewed as a whole: approving it publishes its modules' and lessons' drafts too.
WAGTAIL_FINISH_WORKFLOW_ACTION = "training.moderation.publish_course_workflow_state"

# --- Static and media files -------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # The SCORM runtime's two bundles, installed from the npm registry by `make install`.
    "training.staticfiles.ScormRuntimeFinder",
]
SCORM_RUNTIME_DIR = BASE_DIR / "node_modules" / "scorm-again" / "dist"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Private files: certificate PDFs and SCORM packages. They are never under MEDIA_URL: only
# the views that check who asks hand them out (cms/private_media.py). On disk they live in
# their own folder outside MEDIA_ROOT, which has no URL at all.
# An empty value (a copied .env.example) means the default, never the project folder.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default="") or BASE_DIR / "private-media")
STORAGES["private"] = {"BACKEND": "cms.private_media.PrivateFileSystemStorage"}
# How the views hand out a private file stored on disk: "stream" (by Django),
# "x-accel-redirect" (nginx serves it from an `internal` location at the prefix below) or
# "x-sendfile" (Apache mod_xsendfile, lighttpd). On S3 they redirect to a signed address.
PRIVATE_MEDIA_SERVE = env.str("PRIVATE_MEDIA_SERVE", default="") or "stream"
PRIVATE_MEDIA_ACCEL_PREFIX = env.str(
    "PRIVATE_MEDIA_ACCEL_PREFIX", default="/internal/private-media/"
)
if env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    # Scale-out: media on S3-compatible storage, shared by every app server and worker.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME")
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    # Private files under their own prefix (or bucket), readable only through addresses
    # signed for a minute: the bucket's policy must never make that prefix public.
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": (
                env.str("AWS_PRIVATE_STORAGE_BUCKET_NAME", default="") or AWS_STORAGE_BUCKET_NAME
            ),
            "location": env.str("AWS_PRIVATE_LOCATION", default="") or "private",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env.int("PRIVATE_MEDIA_URL_EXPIRE_SECONDS", default=60),
            # A custom (CDN) domain would give unsigned addresses.
            "custom_domain": None,
            "file_overwrite": False,
        },
    }

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Uploads are checked by content (cms.uploads) and limited in size. Media lives outside the
# code and static files (a system check refuses otherwise) and is never executed.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("IMAGE_MAX_UPLOAD_SIZE", default=10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# No SVG: an SVG is a document that can carry scripts.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# No HTML, SVG, JS or other type a browser would run: documents are data only.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv", "zip"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.document_forms.CheckedDocumentForm"
# Documents are streamed by Django with Content-Disposition (attachment except PDF) and
# nosniff, also when the files are on S3, so they are never rendered as a page of the site.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
DOCUMENT_MAX_UPLOAD_SIZE = env.int("DOCUMENT_MAX_UPLOAD_SIZE", default=20 * 1024 * 1024)
IMPORT_MAX_UPLOAD_SIZE = env.int("IMPORT_MAX_UPLOAD_SIZE", default=5 * 1024 * 1024)
# Rows read from an imported spreadsheet below its header, empty formatted rows included: a
# small file can hold a million of them (training.spreadsheets).
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=5000)
SCORM_MAX_UPLOAD_SIZE = env.int("SCORM_MAX_UPLOAD_SIZE", default=200 * 1024 * 1024)
UPLOAD_MAX_UNCOMPRESSED_SIZE = env.int("UPLOAD_MAX_UNCOMPRESSED_SIZE", default=500 * 1024 * 1024)

# --- Wagtail ----------------------------------------------------------------------------

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Wagtail 8 runs its own small background jobs (reference index, renditions, file clean-up)
# through django-tasks. They stay in-process and immediate: they are short, Wagtail expects
# them, and running them on Celery would add a second queue protocol to operate. Celery is
# kept for Bimtek's own heavy work (PDF rendering, bulk issue, imports).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Celery -----------------------------------------------------------------------------

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# Without a broker the site is self-contained: tasks run eagerly in the calling process.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Hard and soft limits for any task that sets none of its own: a hung render or a stuck
# connection is killed instead of holding a worker process for ever.
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=5 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=4 * 60)
# A worker process is replaced once its resident memory passes this many KiB (after the task
# it is running): WeasyPrint's font caches and large batches never grow a process unbounded.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_KB", default=400_000)
# And after this many tasks, whatever its memory.
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=1000)
# Late acknowledgement (set per task where a rerun is safe) with one message reserved per
# process: a worker that dies holds back as little as possible.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing from a web request fails fast while the broker is down: the request is already
# recorded in the database (the outbox) and the sweep below sends it once the broker is back,
# so a page never waits on a broker's reconnect loop.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 0,
    "socket_connect_timeout": 2,
    # A message taken by a worker that died is delivered again after this many seconds; it
    # must exceed the longest retry countdown. The sweep re-sends stuck work much sooner.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2}
# Periodic work for `celery beat`, run on exactly one host. Quiz attempts left open are
# closed and graded at their deadline; pages also close them lazily on access, so a missed
# beat only delays a report. Certificates the broker never received, or whose task was lost
# with a worker, are sent again by the sweep.
CELERY_BEAT_SCHEDULE = {
    "close-expired-quiz-attempts": {
        "task": "training.close_expired_attempts",
        "schedule": 60.0,
    },
    # Statements left pending while the learning record store was down (no-op without one).
    "send-pending-xapi-statements": {
        "task": "training.send_xapi_statements",
        "schedule": 300.0,
    },
    "sweep-pending-certificates": {
        "task": "certificates.sweep_pending_certificates",
        "schedule": env.float("CERTIFICATE_SWEEP_INTERVAL_SECONDS", default=60.0),
    },
    # Reminders to participants (each sent once, recorded in SentReminder). Hourly, so that
    # a beat or worker that was down catches up the same day; what was sent is skipped.
    "send-session-reminders": {
        "task": "training.send_session_reminders",
        "schedule": 3600.0,
    },
    "send-assessment-reminders": {
        "task": "training.send_assessment_reminders",
        "schedule": 3600.0,
    },
    "send-completion-reminders": {
        "task": "training.send_completion_reminders",
        "schedule": 3600.0,
    },
}
# Days before a batch's last day from which participants are reminded of an open post-test
# or evaluation and of a course not finished.
REMINDER_DAYS_BEFORE_BATCH_END = env.int("REMINDER_DAYS_BEFORE_BATCH_END", default=3)

# --- Operations -------------------------------------------------------------------------

# Seconds the health check waits for the broker and for a worker's answer.
HEALTH_CHECK_TIMEOUT = env.float("HEALTH_CHECK_TIMEOUT", default=1.0)
# Monitoring that presents it (Authorization: Bearer ...) gets each check's result and time;
# everyone else only the overall status. Unset: only signed-in administrators get them.
HEALTH_CHECK_TOKEN = env.str("HEALTH_CHECK_TOKEN", default="")

# --- Certificates -----------------------------------------------------------------------

# PKCS#12 key of the agency's electronic-signature certificate; PDFs are signed (PAdES) with
# it. Unset: the demo key that seed_demo writes is used if present, else PDFs are unsigned.
CERTIFICATE_SIGNING_P12 = env.str("CERTIFICATE_SIGNING_P12", default="")
CERTIFICATE_SIGNING_PASSWORD = env.str("CERTIFICATE_SIGNING_PASSWORD", default="")
CERTIFICATE_DEMO_SIGNING_P12 = env.path(
    "CERTIFICATE_DEMO_SIGNING_P12", default=BASE_DIR / "var" / "demo-signing.p12"
)
# Work queued this many seconds ago and still not done is sent to the broker again by the
# sweep: longer than a render may wait in a busy queue, shorter than anyone's patience.
CERTIFICATE_SWEEP_STUCK_SECONDS = env.int("CERTIFICATE_SWEEP_STUCK_SECONDS", default=10 * 60)
# Retries of a render after a transient error (database, broker, storage): exponential
# backoff from this many seconds (1×, 2×, 4×, … with jitter, at most 10 minutes).
CERTIFICATE_RENDER_MAX_RETRIES = env.int("CERTIFICATE_RENDER_MAX_RETRIES", default=5)
CERTIFICATE_RENDER_RETRY_BACKOFF_SECONDS = env.float(
    "CERTIFICATE_RENDER_RETRY_BACKOFF_SECONDS", default=10.0
)
# Public verification requests allowed per client address and minute.
CERTIFICATE_VERIFY_RATE_PER_MINUTE = env.int("CERTIFICATE_VERIFY_RATE_PER_MINUTE", default=30)
# Ed25519 key that signs the Open Badges 3.0 credentials (VC-JWT): a path to a PEM file,
# or the PEM itself. Unset: the demo key that seed_demo writes is used if present.
BADGE_SIGNING_KEY = env.str("BADGE_SIGNING_KEY", default="")
BADGE_DEMO_SIGNING_KEY = env.path(
    "BADGE_DEMO_SIGNING_KEY", default=BASE_DIR / "var" / "demo-badge-key.pem"
)

# --- xAPI -------------------------------------------------------------------------------

# An external learning record store that receives every xAPI statement; unset, statements
# are only kept here (viewable and exportable by each participant).
XAPI_LRS_URL = env.str("XAPI_LRS_URL", default="").rstrip("/")
XAPI_LRS_USERNAME = env.str("XAPI_LRS_USERNAME", default="")
XAPI_LRS_PASSWORD = env.str("XAPI_LRS_PASSWORD", default="")
# Statements sent to the store per request.
XAPI_LRS_BATCH_SIZE = env.int("XAPI_LRS_BATCH_SIZE", default=50)

# --- REST API -----------------------------------------------------------------------------

REST_FRAMEWORK = {
    # Personal access tokens first: their "Bearer" challenge makes an anonymous call a 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api.authentication.AccessTokenAuthentication",
        "accounts.api.authentication.TwoFactorSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "accounts.api.pagination.PageNumberPagination",
    "PAGE_SIZE": env.int("API_PAGE_SIZE", default=20),
    "DEFAULT_SCHEMA_CLASS": "accounts.api.schema.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "accounts.api.throttling.AnonRateThrottle",
        "accounts.api.throttling.UserRateThrottle",
    ],
    # Requests per client: "anon" per address, "user" per account, "api_write" per account
    # for imports and certificate actions (on top of "user").
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="60/minute"),
        "user": env.str("API_THROTTLE_USER", default="600/minute"),
        "api_write": env.str("API_THROTTLE_WRITE", default="60/hour"),
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Bimtek API",
    "DESCRIPTION": (
        "The course catalogue, participants' enrolments, progress and certificates, and the "
        "administrators' participant import and certificate actions. Authenticate with a "
        "personal access token (`Authorization: Bearer bmt_…`, made on the profile page) or "
        "the site's session. Answers are in Indonesian unless `Accept-Language: en` asks "
        "for English."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": False},
    "PREPROCESSING_HOOKS": ["accounts.api.schema.only_api_endpoints"],
    "ENUM_NAME_OVERRIDES": {
        "BatchStatusEnum": "training.models.BatchStatus",
        "DeliveryModeEnum": "training.models.DeliveryMode",
        "EnrolmentStatusEnum": "training.models.EnrolmentStatus",
        "ImportStatusEnum": "training.models.ImportStatus",
        "ImportRowStatusEnum": ["new", "updated", "error"],
        "CertificateStatusEnum": "certificates.models.CertificateStatus",
        "RenderStatusEnum": "certificates.models.RenderStatus",
    },
}

# --- SCORM packages ---------------------------------------------------------------------

# Limits checked before anything of an uploaded package is stored (the sizes are with the
# other upload limits above: SCORM_MAX_UPLOAD_SIZE, UPLOAD_MAX_UNCOMPRESSED_SIZE).
SCORM_MAX_FILES = env.int("SCORM_MAX_FILES", default=5000)
# A separate origin (https://scorm.example.org, its host pointing at this site) that serves
# the packages' files instead of the site's own, so that their scripts cannot act with the
# participant's session; see docs/scorm.md for what the player cannot do that way yet.
SCORM_CONTENT_ORIGIN = env.str("SCORM_CONTENT_ORIGIN", default="").rstrip("/")
if SCORM_CONTENT_ORIGIN:
    ALLOWED_HOSTS.append(urlsplit(SCORM_CONTENT_ORIGIN).hostname)
# How long the signed address of a package's files on that origin, handed out with the lesson
# page, stays valid.
SCORM_CONTENT_TOKEN_SECONDS = env.int("SCORM_CONTENT_TOKEN_SECONDS", default=8 * 3600)
# Seconds between the player's periodic commits of the run-time data.
SCORM_AUTOCOMMIT_SECONDS = env.int("SCORM_AUTOCOMMIT_SECONDS", default=30)
# The package seed_demo attaches to a demo lesson; it ships with the code
# (training/demo_data/scorm/README.md has its licence).
SCORM_DEMO_PACKAGE = env.path(
    "SCORM_DEMO_PACKAGE",
    default=BASE_DIR / "training" / "demo_data" / "scorm" / "singlescobasic.zip",
)

# --- E-mail -----------------------------------------------------------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Bimtek <bimtek@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ---------------------------------------------------------------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe the health check over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Pages that must be framed (Wagtail previews, later the SCORM player) opt in per view.
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy per path (cms.csp): strict on the site's pages, relaxed for the
# Wagtail admin and SCORM package content. CSP_PATH_POLICIES / CSP_DEFAULT_POLICY override.
CSP_ENABLED = env.bool("CSP_ENABLED", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
}

# --- Demo -------------------------------------------------------------------------------

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="bimtek-demo")
