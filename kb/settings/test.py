from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = str(BASE_DIR / ".test-media")  # noqa: F405
ALLOWED_HOSTS = ["*"]

# Tests see index changes at once; the public Elasticsearch suite builds its own engine.
SEARCH_VOCABULARY_MAX_AGE = 0
SEARCH_ENGINE = "search.engines.embedded.EmbeddedEngine"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
RATE_LIMITS = {"search": (100_000, 60), "api": (100_000, 60), "feedback": (100_000, 60)}  # tests that check limits set their own
