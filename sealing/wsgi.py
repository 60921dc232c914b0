import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sealing.settings")
# A server always needs its secret key and host names (see manage.py).
os.environ.pop("SEALING_TOOLKIT_COMMAND", None)

application = get_wsgi_application()
