"""Settings for the test suite: production settings with test-only values.

Tests run with DEBUG off, as production does; only the things a test client or a
loopback browser cannot satisfy (HTTPS redirects, secure-only cookies) are relaxed.
"""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-" + "k" * 60)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("RQ_ASYNC", "0")
os.environ.setdefault("SEALING_VAR_DIR", tempfile.mkdtemp(prefix="sealing-test-var-"))

from sealing.settings import *  # noqa: E402,F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SITE_URL = "http://testserver"
# Serve static files straight from the source folders: no collectstatic in tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's shared in-memory database: the browser tests' live server
    # answers a page and its images in parallel threads, and each thread needs its
    # own connection, as in production.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(VAR_DIR / "test.sqlite3")  # noqa: F405
    }
