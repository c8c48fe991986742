"""Settings shared by every environment.

Everything that varies between machines is read from the environment here, in one
place: DATABASE_URL, ELASTICSEARCH_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS, MEDIA_ROOT,
EMAIL_* (SMTP), REVIEW_STALE_YEARS, LINK_CHECK_TIMEOUT.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "axes",
    "ninja",
    "corsheaders",
    # Our apps last: their ready() adjusts signal handlers that Wagtail connects in its own.
    "programmes",
    "search",
    "opendata",
    "research",
    "editorial",
    "feedback",
    "pagecache",
    "situations",
    "review",
    # Last: its ready() connects the one sequence run when a page is published (publishing/).
    "publishing",
    # The database task backend's queue (used when TASKS_BACKEND=database, see TASKS below).
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kb.middleware.ContentSecurityPolicyMiddleware",
    "kb.middleware.RateLimitMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "kb.middleware.HeadlessCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kb.middleware.SiteLocaleMiddleware",
    # Inside the locale middleware (the key needs the language), outside CSRF (a response that
    # sets the CSRF cookie must be seen, so that it is not cached).
    "pagecache.middleware.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Admin login: django-axes locks an account+address pair after repeated failures.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# Shared caches: Redis when REDIS_URL is set (all workers share them), else per process.
# "default" holds the rate-limit counters; "pages" the cached public responses (pagecache/),
# kept apart so that culling pages never resets a rate-limit count.
def _cache(prefix, max_entries):
    if os.environ.get("REDIS_URL"):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"],
                "KEY_PREFIX": prefix}
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": prefix,
            "OPTIONS": {"MAX_ENTRIES": max_entries}}


CACHES = {"default": _cache("kb", 300), "pages": _cache("kbpages", 2000)}
# Anonymous public pages, API and open-data responses are served from the "pages" cache
# until published content changes, or for at most this long (0 = off).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_MAX_BYTES = int(os.environ.get("PAGE_CACHE_MAX_BYTES", str(1024 * 1024)))
PAGE_CACHE_ALIAS = "pages"
# Requests per client address and window: {bucket: (requests, seconds)}. One address can be a
# whole shelter or library Wi-Fi: 30 people searching and filtering at once stay well inside
# the search budget (tests/test_security.py simulates them), a scraper at 10+ requests a second
# does not.
RATE_LIMITS = {
    "search": (int(os.environ.get("RATE_LIMIT_SEARCH", "600")), 60),
    "api": (int(os.environ.get("RATE_LIMIT_API", "1200")), 60),
    "feedback": (int(os.environ.get("RATE_LIMIT_FEEDBACK", "10")), 600),
}
# Reverse proxies in front of the site that append to X-Forwarded-For (0: none, the header is
# ignored). The client is the N-th address from the right (kb/clients.py); rate limits and the
# admin login lockout both use that rule. TRUST_X_FORWARDED_FOR=1 (older setting) means one.
TRUSTED_PROXY_COUNT = int(
    os.environ.get("TRUSTED_PROXY_COUNT", "1" if env_bool("TRUST_X_FORWARDED_FOR", False) else "0")
)
AXES_CLIENT_IP_CALLABLE = "kb.clients.client_address"

# Headless use (docs/api.md): browsers on these origins may read the API and open data
# (CORS_ALLOWED_ORIGINS, comma-separated, e.g. https://app.stuttgart.de; default none).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", "")
CORS_URLS_REGEX = r"^/(api|opendata)/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]
# How long anonymous clients and shared caches may keep an API or open-data response.
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "300"))

ROOT_URLCONF = "kb.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kb" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "kb.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite's default page cache is 2 MB: past a few thousand programmes every index insert
    # of an import or rebuild read pages from disk again (docs/benchmarks.md).
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        f"PRAGMA cache_size=-{int(os.environ.get('SQLITE_CACHE_MB', '64')) * 1024}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: German is the source language, English the first translation.
LANGUAGE_CODE = "de"
# Site languages: German is the source, the others are translations. Configurable with
# KB_LANGUAGES (comma-separated codes); each language is named in itself, as language
# switchers should be. Right-to-left languages (ar, fa) are rendered dir="rtl".
LANGUAGE_NAMES = {
    "de": "Deutsch", "en": "English", "tr": "Türkçe", "ar": "العربية", "uk": "Українська",
    "fa": "فارسی", "ru": "Русский", "it": "Italiano", "el": "Ελληνικά", "hr": "Hrvatski",
}
LANGUAGES = [(code, LANGUAGE_NAMES.get(code, code)) for code in env_list("KB_LANGUAGES", "de,en,tr,ar,uk")]
if not LANGUAGES or LANGUAGES[0][0] != "de":
    raise ValueError("KB_LANGUAGES must start with de, the source language")
WAGTAIL_I18N_ENABLED = True


def fallback_order(text, languages):
    """KB_FALLBACK_ORDER "ar=en,tr;uk=en" -> {"ar": ["en", "tr"], "uk": ["en"]}; unknown codes are an error."""
    order = {}
    for entry in filter(None, (part.strip() for part in text.split(";"))):
        code, sep, rest = entry.partition("=")
        chain = [c.strip() for c in rest.split(",") if c.strip()]
        unknown = [c for c in [code.strip(), *chain] if c not in languages]
        if not sep or not chain or unknown:
            raise ValueError(f"KB_FALLBACK_ORDER entry {entry!r}: expected lang=fallback,... with codes from KB_LANGUAGES")
        order[code.strip()] = chain
    return order


# A visitor whose language has no version of a page sees the first existing version in this
# order, then German (the source). Per language in KB_FALLBACK_ORDER, else KB_FALLBACK_LANGUAGE:
# by default ar, uk, tr -> en -> de and en -> de (English is read by far more newcomers than German).
KB_FALLBACK_LANGUAGE = os.environ.get("KB_FALLBACK_LANGUAGE", "en")
if KB_FALLBACK_LANGUAGE not in dict(LANGUAGES):
    raise ValueError(f"KB_FALLBACK_LANGUAGE {KB_FALLBACK_LANGUAGE!r} is not one of KB_LANGUAGES")
KB_FALLBACK_ORDER = fallback_order(os.environ.get("KB_FALLBACK_ORDER", ""), dict(LANGUAGES))
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "kb" / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "kb" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or str(BASE_DIR / "media")
# Serve MEDIA_ROOT at MEDIA_URL from the application (kb/media.py); 0 when a front server does.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Integration in Stuttgart – Wissensdatenbank"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The v2 API's detail_url and meta.html_url: the public address, not the Site's (issue 19, item 9).
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
# Open data (opendata/licence.py, opendata/dcat.py): "dl-de-by-2.0" (default) or "cc-by-4.0", and
# the publisher's DCAT-AP.de contributor ID (agree it with GovData before harvesting).
OPENDATA_LICENCE = os.environ.get("OPENDATA_LICENCE", "dl-de-by-2.0")
OPENDATA_CONTRIBUTOR_ID = os.environ.get("OPENDATA_CONTRIBUTOR_ID", "http://dcat-ap.de/def/contributors/stadtStuttgart")
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "csv", "txt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Image uploads: real raster images only (Willow checks the content, not the name), no SVG,
# bounded file size and pixel count so decompression bombs are refused with a message.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("IMAGE_MAX_UPLOAD_MB", "10")) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", "40000000"))
# E-mail (moderation notices, review reminders): SMTP configured from the environment;
# dev prints mails to the console, tests keep them in memory.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "wissensdatenbank@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Staff workflows (docs/staff.md): outcomes older than this many years are flagged for review.
REVIEW_STALE_YEARS = int(os.environ.get("REVIEW_STALE_YEARS", "3"))
# Seconds the link checker (manage.py check_links) waits for each external link.
LINK_CHECK_TIMEOUT = float(os.environ.get("LINK_CHECK_TIMEOUT", "10"))

# Wagtail's own search backend serves the admin only; public search runs on our
# own index (search/), see docs/search.md.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Public search engine, a dotted path to what builds it (search/engines/base.py is the contract):
# Elasticsearch, backed by the embedded engine, when ELASTICSEARCH_URL is set, else embedded.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_ENGINE = (
    "search.engines.fallback.from_settings" if ELASTICSEARCH_URL else "search.engines.embedded.EmbeddedEngine"
)
# The programme whose contact the zero-result page offers for personal advice.
SEARCH_HELP_PROGRAMME = os.environ.get("SEARCH_HELP_PROGRAMME", "welcome-center-stuttgart")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "kb-programmes")
# When Elasticsearch is down or slow, searches fall back to the embedded engine (kept up to
# date alongside): a search waits at most ELASTICSEARCH_TIMEOUT seconds (no retries), and after
# a failure Elasticsearch is skipped for ELASTICSEARCH_RETRY_AFTER seconds (docs/elasticsearch.md).
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "2"))
ELASTICSEARCH_RETRY_AFTER = float(os.environ.get("ELASTICSEARCH_RETRY_AFTER", "30"))

# Background work (search indexing, page-cache invalidation after a publish) runs as tasks of
# Django's task framework (the django-tasks backport), enqueued when the transaction commits.
# Default: run at once in the same process, so `make run` needs no worker. TASKS_BACKEND=database
# queues them in the database for `manage.py db_worker` (docker-compose.yml runs one), so a
# publish never waits for Elasticsearch.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[os.environ.get("TASKS_BACKEND", "immediate")]}}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
