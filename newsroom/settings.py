"""Settings for the newsroom, read from environment variables.

Every variable is listed with its default in `.env.example`. The defaults suit a developer's
machine: DEBUG on, a SQLite file in the project folder, media files on local disk. Production
sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (PostgreSQL), and optionally object
storage for media.
"""

import os
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django_prose_editor.config import html_tags
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only ever used on a developer's machine: DEBUG off refuses to start without a real key.
    SECRET_KEY = "django-insecure-newsroom-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom.admin.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",
    "taggit",
    "axes",
    "django_prose_editor",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.middleware.ContentSecurityPolicyMiddleware",
    # Before sessions and authentication: a reader's cached page is answered without them.
    "articles.caching.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt itself.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

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
                "articles.context_processors.newsroom",
            ],
        },
    },
]

# Form widgets render through the project's templates, so templates/ may refine a widget's markup
# (the desk labels each half of a split date and time).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'newsroom.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database is shared by the web server and the worker: each write transaction
    # takes the write lock at its start (rather than failing when a reader tries to upgrade), and
    # a writer waits its turn for up to 20 seconds instead of answering "database is locked".
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
else:
    # Let the pages' hottest queries be prepared on the server (`articles.compiled` asks for it;
    # Django's own queries bind on the client and are never prepared). Behind PgBouncer in
    # transaction mode this needs PgBouncer 1.21 or later with max_prepared_statements set.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["prepare_threshold"] = 5
    # Plan those statements once per connection. Left to choose, PostgreSQL plans them again on
    # every run (their time parameters make a generic plan look dearer than it is), and planning
    # the related-stories query costs several times what running it does.
    options.setdefault("options", "-c plan_cache_mode=force_generic_plan")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

USE_I18N = True
USE_TZ = True

# The newsroom's own site: who it is and where it is. Templates, feeds and structured data read
# these; no template names the newsroom. NEWSROOM_LOGO and NEWSROOM_SHARE_IMAGE are paths under
# the static files; NEWSROOM_URL is the public origin for absolute addresses made without a request
# (and preferred over the request's host when set).
NEWSROOM_NAME = os.environ.get("NEWSROOM_NAME", "The Westport Ledger")
NEWSROOM_TAGLINE = os.environ.get(
    "NEWSROOM_TAGLINE", "Local news for Westport and the towns around it"
)
NEWSROOM_LOGO = os.environ.get("NEWSROOM_LOGO", "img/logo.png")
NEWSROOM_SHARE_IMAGE = os.environ.get("NEWSROOM_SHARE_IMAGE", "img/share.png")
NEWSROOM_LOCALE = os.environ.get("NEWSROOM_LOCALE", "en-US")
# The newsroom's home town, "Town, State or Country": of places that share a name, the one near
# home is preferred when a story gives no other clue. Empty: no preference.
NEWSROOM_HOME_PLACE = os.environ.get("NEWSROOM_HOME_PLACE", "Westport, Connecticut")
NEWSROOM_URL = os.environ.get("NEWSROOM_URL", "").rstrip("/")
if NEWSROOM_URL and not re.fullmatch(r"https?://[^/?#\s]+", NEWSROOM_URL):
    raise ImproperlyConfigured(
        f"NEWSROOM_URL must be an origin such as https://news.example.org, not {NEWSROOM_URL!r}."
    )
LANGUAGE_CODE = NEWSROOM_LOCALE.lower()
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")

STATIC_URL = os.environ.get("STATIC_URL", "static/")
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]

MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Media goes to S3-compatible object storage when a bucket is named (django-storages, the `s3`
# extra); otherwise to MEDIA_ROOT on local disk. All file access in the code goes through the
# storage API, so nothing else changes.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": _media_storage,
    # In production whitenoise serves /static/ itself: compressed files under hashed names that
    # browsers may keep for a year. A CDN in front takes them from there (STATIC_URL).
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "newsroom.storage.StaticFilesStorage"
        )
    },
}

# Uploads: photos larger than this are refused before anything is stored.
PHOTO_MAX_UPLOAD_BYTES = int(os.environ.get("PHOTO_MAX_UPLOAD_BYTES", str(40 * 1024 * 1024)))
PHOTO_MAX_PIXELS = int(os.environ.get("PHOTO_MAX_PIXELS", str(100_000_000)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Importing with --fetch-images fetches only from public internet addresses; a newsroom whose
# images live on its own network allows internal addresses for every host or for those listed.
IMPORT_FETCH_ALLOW_PRIVATE = env_bool("IMPORT_FETCH_ALLOW_PRIVATE", False)
IMPORT_FETCH_PRIVATE_HOSTS = env_list("IMPORT_FETCH_PRIVATE_HOSTS")

# Without Redis, a folder on this machine: the web server and the worker share it, so a purge the
# worker makes (an import, a story going live) reaches the pages the web server keeps.
CACHES = {
    "default": (
        {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
        if os.environ.get("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("NEWSROOM_FILE_CACHE_DIR") or str(BASE_DIR / "cache"),
        }
    )
}

# Background work (Django's Tasks API). `database`: the queue is a table in DATABASE_URL and
# `manage.py run_worker` runs it; `rq`: the queue is on Redis (REDIS_URL), for several workers
# on several machines; `immediate`: run each task at once in the process that asks (tests).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND") or (
    "rq" if os.environ.get("REDIS_URL") else "database"
)
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND]}}
RQ_QUEUES = {"default": {"URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"}}
# A task still running after this long had its worker killed under it: the periodic sweep runs
# it again (tasks are safe to run twice).
TASKS_STALLED_AFTER_SECONDS = int(os.environ.get("TASKS_STALLED_AFTER_SECONDS", "3600"))
# How often the worker command looks for stories whose visibility changed without a task
# (a worker that was down at the time) and for stalled tasks.
TASKS_SWEEP_SECONDS = int(os.environ.get("TASKS_SWEEP_SECONDS", "60"))

# Readers' pages are cached whole (in the cache above: Redis when several app servers share it)
# and purged by surrogate key whenever what they show changes; 0 turns the page cache off.
NEWSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("NEWSROOM_PAGE_CACHE_SECONDS", "300"))
NEWSROOM_PAGE_CACHE_ALIAS = "default"
# The sections in every page's navigation are kept in the cache this long at most (forgotten at
# once when a story or section changes); 0 reads them on every page.
NEWSROOM_NAVIGATION_CACHE_SECONDS = int(os.environ.get("NEWSROOM_NAVIGATION_CACHE_SECONDS", "300"))
# How long a reader's browser may keep a page without asking again.
NEWSROOM_BROWSER_CACHE_SECONDS = int(os.environ.get("NEWSROOM_BROWSER_CACHE_SECONDS", "60"))
# A CDN in front of the site is told which surrogate keys to purge (Fastly's purge API).
NEWSROOM_CDN_PURGE_URL = os.environ.get("NEWSROOM_CDN_PURGE_URL", "")
NEWSROOM_CDN_PURGE_TOKEN = os.environ.get("NEWSROOM_CDN_PURGE_TOKEN", "")
ARTICLES_PER_PAGE = 12
# Stories sharing a place or topic shown under an article, newest first.
RELATED_STORIES = 4

LOGIN_URL = "admin:login"

# The desk's sign-in: repeated wrong passwords for one account from one address lock that
# pair out for a while (django-axes), answering 429 with a page that says when to try again.
# Every authentication passes through axes' backend first.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.desk_auth.locked_out"
# Behind a load balancer the reader's address is in X-Forwarded-For: set how many proxies
# stand in front, or every sign-in would seem to come from the balancer.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)

# A desk session ends after this many hours without a request (each request moves it on), so an
# unattended desk on a shared computer does not stay signed in. Readers have no session at all.
SESSION_COOKIE_AGE = int(float(os.environ.get("SESSION_IDLE_HOURS", "8")) * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True

# Mail (password resets). Development prints messages to the console; production names an SMTP
# server.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3

TAGGIT_CASE_INSENSITIVE = True

# Search. On PostgreSQL, the text search configuration (language) that stems the stories' words
# and the readers' queries; after changing it run `manage.py rebuild_search_index`. SQLite always
# stems English (FTS5's Porter stemmer).
NEWSROOM_SEARCH_CONFIG = os.environ.get("NEWSROOM_SEARCH_CONFIG", "english")

# Production hardening, on whenever DEBUG is off, so `check --deploy` passes in production.
# Behind a load balancer that terminates TLS, set SECURE_PROXY_SSL_HEADER=1.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("SECURE_PROXY_SSL_HEADER", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts, styles and fonts come only from the site and its
# static host, images also from the media host; no inline script anywhere (the admin alone may
# use inline styles, see newsroom.middleware). CSP_REPORT_ONLY=1 sends the same policy as
# report-only, to try it on a live site; CSP_REPORT_URI names where browsers send violations.
static_hosts = [origin for origin in [origin_of(STATIC_URL)] if origin]
media_hosts = [origin_of(MEDIA_URL), origin_of(os.environ.get("AWS_S3_ENDPOINT_URL", ""))]
if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
    media_hosts.append(f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}")
elif AWS_STORAGE_BUCKET_NAME:
    # Amazon's own addresses for the bucket, global and regional; other hosts go in CSP_IMG_SRC.
    region = os.environ.get("AWS_S3_REGION_NAME")
    media_hosts.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
    if region:
        media_hosts.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{region}.amazonaws.com")
media_hosts = [origin for origin in media_hosts if origin]
content_security_policy = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *static_hosts],
        "style-src": [SELF, *static_hosts],
        "font-src": [SELF, *static_hosts],
        "img-src": [SELF, "data:", *static_hosts, *media_hosts, *env_list("CSP_IMG_SRC")],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": not DEBUG and SECURE_SSL_REDIRECT,
        "report-uri": os.environ.get("CSP_REPORT_URI") or None,
    }
}
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = content_security_policy
else:
    CONTENT_SECURITY_POLICY = content_security_policy

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The story body editor's own extensions (`articles.editor`): photos from the library placed in a
# body, and pasted headings fitted to a story's two levels. The tags are those the sanitiser in
# `articles.text` keeps; it, not this list, cleans what the desk sends.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/admin/body-editor.js")],
        "extensions": {
            "BodyPhoto": html_tags(
                ["figure", "figcaption", "img"],
                {"figure": ["data-photo"], "img": ["src", "alt", "width", "height"]},
            ),
            "PastedHeadings": html_tags([]),
            "FieldLabel": html_tags([]),
            "AccessibleToolbar": html_tags([]),
        },
    }
]
