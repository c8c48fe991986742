"""WSGI entry point. Production must say which settings it runs: no silent dev default."""

import os

from django.core.wsgi import get_wsgi_application

if "DJANGO_SETTINGS_MODULE" not in os.environ:
    raise RuntimeError("Set DJANGO_SETTINGS_MODULE (e.g. kb.settings.production).")

application = get_wsgi_application()
