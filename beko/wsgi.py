import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beko.settings")

application = get_wsgi_application()

# With gunicorn's preload_app this runs once in the master, before the workers are forked:
# the first search of a (restarted) worker would otherwise load the search vocabularies.
from beko.core.search.text import warm_up  # noqa: E402 - needs the app set up first

warm_up()
