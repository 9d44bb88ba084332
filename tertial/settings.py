"""Settings for Tertial. Every difference between deployments is an environment variable (see README)."""

import os
from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Serving the app without DEBUG needs a real key (tertial/wsgi.py and asgi.py refuse to start without one);
# management commands such as migrate, check and makemigrations do not, so they get a throwaway key.
SECRET_KEY_MISSING = not SECRET_KEY and not DEBUG
if not SECRET_KEY:
    SECRET_KEY = "insecure-development-key-only-for-debug" if DEBUG else get_random_secret_key()


ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "tertial.apps.TertialAdminConfig",  # django.contrib.admin with the controller-scoped site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_prose_editor",  # the text editor's bundle (static files) and sanitizer allowlist
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "tertial",
    "goals",
    "indicators",
    "economy",
    "tertial.city",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "tertial.middleware.IdleTimeoutMiddleware",
    "tertial.middleware.ServiceErrorMiddleware",
    # Last: axes answers a locked-out login attempt with the Swedish lockout page (AXES_LOCKOUT_CALLABLE).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tertial.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tertial.context_processors.admin_link",
                "csp.context_processors.nonce",
            ],
        },
    },
]

WSGI_APPLICATION = "tertial.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A persistent connection is checked before each request reuses it: after a database restart the first
        # request gets a new connection instead of an error.
        conn_health_checks=True,
    )
}
USING_SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
if USING_SQLITE:
    # SQLite is for a single-user demonstration (load_demo and `check --deploy` say so). WAL lets readers run while
    # one writer writes; IMMEDIATE transactions and a busy timeout make a second writer wait instead of failing with
    # "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

# One cache for every process and server: a table in the application's database (made by the migration
# tertial 0008), so nothing that matters lives in one process. It holds the publication check's results
# (tertial.checks.cache), whose keys change with the report's version: nothing is ever invalidated by hand.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tertial_cache",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "20000"))},
    }
}

# Background work (a PDF takes seconds): django-tasks with its database backend, a queue in the application's
# database. `manage.py db_worker` runs the tasks (`make run` starts one beside runserver; see README for production).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# After a save the worker checks the report's new version (tertial/checks/background.py); until it has, the city's
# Status shows the check as pending for at most this many seconds, then computes it itself.
CHECKS_PENDING_SECONDS = int(os.environ.get("CHECKS_PENDING_SECONDS", "120"))
# The files the worker makes (ExportFile) are kept this many hours after they were ordered, then deleted with their
# row (`manage.py delete_old_exports`; the worker also does it after each export).
EXPORT_FILE_HOURS = int(os.environ.get("EXPORT_FILE_HOURS", "24"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
NUMBER_GROUPING = 3
FORMAT_MODULE_PATH = ["tertial.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Uploaded files (bilagor, presentationsmallar) and the worker's exports go through the default storage, by storage
# name, never a path of one machine: local disk under MEDIA_ROOT, or, with S3_BUCKET set, a bucket in S3-compatible
# object storage (AWS, MinIO, Ceph …; django-storages) shared by every app server and worker. The files are private:
# no ACL is sent (the bucket's own, private, applies) and they are served only by the views that check the reader's
# role, never by a URL of the bucket. Credentials come from boto3's own chain (AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, or the server's role), never from this file.
S3_BUCKET = os.environ.get("S3_BUCKET", "").strip()
# A file read from the bucket (a download, a bilaga put in the zip) past this size spills from memory to a temporary
# file; without it django-storages holds the whole object in memory, 20 MB for a 20 MB bilaga on every request.
S3_MAX_MEMORY_SIZE = int(os.environ.get("S3_MAX_MEMORY_SIZE", str(2 * 1024 * 1024)))
if S3_BUCKET:
    missing = [package for package in ("storages", "boto3") if find_spec(package) is None]
    if missing:
        raise ImproperlyConfigured(
            f"S3_BUCKET är satt men {' och '.join(missing)} saknas: installera requirements.txt "
            "(django-storages[s3] och boto3), eller ta bort S3_BUCKET för att spara filerna på disk under MEDIA_ROOT."
        )
    file_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL", "").strip() or None,
            "region_name": os.environ.get("S3_REGION", "").strip() or None,
            # `path` for a MinIO or Ceph whose buckets have no host name of their own; empty: boto3 chooses.
            "addressing_style": os.environ.get("S3_ADDRESSING_STYLE", "").strip() or None,
            "location": os.environ.get("S3_PREFIX", "").strip().strip("/"),
            "default_acl": None,
            # Two files of the same name (a bilaga uploaded twice) get two objects, as on disk.
            "file_overwrite": False,
            "max_memory_size": S3_MAX_MEMORY_SIZE,
        },
    }
else:
    file_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": file_storage,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# The local disk's folder when S3_BUCKET is not set. Nothing is served from MEDIA_URL.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media")))
MAX_ATTACHMENT_SIZE = int(os.environ.get("MAX_ATTACHMENT_SIZE", str(20 * 1024 * 1024)))
# A förvaltning's own PowerPoint template for the slide deck (tertial.exports.slide_templates).
MAX_SLIDE_TEMPLATE_SIZE = int(os.environ.get("MAX_SLIDE_TEMPLATE_SIZE", str(10 * 1024 * 1024)))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The admin's history shows earlier versions read-only; a section's earlier version is restored on its Historik
# page, through the same service as every other save (tertial.admin_scope.HistoryAdmin).
SIMPLE_HISTORY_REVERT_DISABLED = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTHENTICATION_BACKENDS = [
    "tertial.security.LoginThrottleBackend",  # django-axes: refuses a locked-out login before the password is tried
    # Rights come from roles only: no Django group or model permission grants anything (tertial.auth_backends).
    "tertial.auth_backends.RoleBackend",
]
# Login throttling: five wrong passwords for one username from one address lock that pair out for 15 minutes.
# By username and address together, so that a förvaltning behind one NAT address is not locked out by one person.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A locked login is opened before the cool-off with `manage.py axes_reset_username <name>`; axes' own tables
# (attempts, not a log to read) stay out of the admin.
AXES_ENABLE_ADMIN = False
AXES_LOCKOUT_CALLABLE = "tertial.views.errors.lockout"
# Behind a reverse proxy (BEHIND_PROXY=1) the client's address comes from X-Forwarded-For (tertial.security).
BEHIND_PROXY = env_bool("BEHIND_PROXY")
AXES_CLIENT_IP_CALLABLE = "tertial.security.client_ip"

# Sessions: logged out after SESSION_IDLE_MINUTES without a request (tertial.middleware.IdleTimeoutMiddleware),
# and after a working day at the most. The section page keeps what was typed (browser and server drafts) and says
# so when the login has run out.
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_MINUTES", "60")) * 60
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_MAX_HOURS", "10")) * 3600

# Password reset needs e-mail: offered only where EMAIL_HOST is set (it would otherwise say a mail was sent).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tertial@localhost")
PASSWORD_RESET_ENABLED = bool(EMAIL_HOST)
# Without EMAIL_HOST mails (the reminders of `send_reminders`) are written to the console, as in development.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
# Reminders (`manage.py send_reminders`, run daily by cron): this many days before a section's sista dag, and once
# when it is overdue. The mails link to the app at TERTIAL_BASE_URL.
TERTIAL_REMINDER_DAYS_BEFORE = int(os.environ.get("TERTIAL_REMINDER_DAYS_BEFORE", "3"))
TERTIAL_BASE_URL = os.environ.get("TERTIAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# The demo loader creates users with published passwords: only in development (DEBUG=1 in the environment).
DEMO_DATA_ALLOWED = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Uploads (finance-system Excel import) are small; refuse anything huge before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_IMPORT_FILE_SIZE = int(os.environ.get("MAX_IMPORT_FILE_SIZE", str(5 * 1024 * 1024)))
# A real .xlsx of that size unpacks to some tens of MB in a dozen parts; a zip bomb promises far more (tertial.uploads).
MAX_IMPORT_UNPACKED_SIZE = int(os.environ.get("MAX_IMPORT_UNPACKED_SIZE", str(100 * 1024 * 1024)))
MAX_IMPORT_ZIP_ENTRIES = int(os.environ.get("MAX_IMPORT_ZIP_ENTRIES", "500"))
MAX_IMPORT_CELLS = int(os.environ.get("MAX_IMPORT_CELLS", "200000"))

# HTTPS: with DEBUG off, cookies are secure, HTTP is redirected and HSTS is sent. Each can be turned off for a
# loopback benchmark (SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0), never in production.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: only the app's own scripts and styles. An inline script must carry the request's nonce
# (`{{ request.csp_nonce }}` in a template); inline style attributes are not allowed: use classes or SVG
# presentation attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The text editor's toolbar (django-prose-editor): plain buttons in the order of Word's ribbon, no drop-downs.
DJANGO_PROSE_EDITOR_MENU_GROUPS = [
    {"group": "blockType -lists"},
    {"group": "marks"},
    {"group": "lists"},
    {"group": "table"},
    {"group": "history"},
]
# A failed CSRF check while saving a section keeps the typed text as a draft instead of losing it.
CSRF_FAILURE_VIEW = "tertial.views.errors.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
