import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beko.settings")

application = get_wsgi_application()


def _prepare_for_workers() -> None:
    """Load in the master what every worker would otherwise load on its first requests, then
    take it out of the garbage collector's view.

    With gunicorn's preload_app this runs once, before the workers are forked. Without it,
    each worker imported its views and their libraries (URLconf, redis, openpyxl, icalendar:
    some 50,000 objects) lazily, and every full collection of the cyclic garbage collector
    walked them, plus the search vocabularies: 50-150 ms pauses inside random requests
    (docs/architecture.md, "Search", cold path). `gc.freeze()` moves everything alive now to
    a generation the collector never visits; a worker's collections then walk only what it
    made itself. It also keeps the collector from writing to pages shared with the master,
    so the workers share more memory (the use the Python docs give for it).
    """
    from django.core.cache import caches
    from django.urls import get_resolver

    from beko.core.search.text import warm_up

    # The compound lexicon (~1 s) and the concept dictionary: a worker's first search would
    # load them.
    warm_up()
    # Every view module and what it imports.
    get_resolver().url_patterns  # noqa: B018 - the property imports the URLconf
    # The cache clients and their libraries (redis), on instances of their own that no
    # worker inherits: the client is built, its connection pool opens on first use.
    for alias in caches.settings:
        getattr(caches.create_connection(alias), "_cache", None)
    gc.collect()
    gc.freeze()


_prepare_for_workers()
