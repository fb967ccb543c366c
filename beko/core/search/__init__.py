"""Site-wide full-text search (German), shared by every app. See docs/architecture.md "Search".

    from beko.core import search
    search.register(Offer, document=lambda o: search.Document(title=o.title, ...))
    search.index_update(obj=offer)                   # in the service that saved it
    s = search.Search("Deutschkurs Barmen")
    ids = s.ranked_ids(Offer.objects.filter(...))    # best first

The names are imported lazily: this package is also a Django app, loaded before models are.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "MAX_QUERY_LENGTH": "api",
    "Hit": "api",
    "Search": "api",
    "id_list": "api",
    "restrict_to_ids": "api",
    "Document": "index",
    "index_objects": "index",
    "index_remove": "index",
    "index_remove_many": "index",
    "index_update": "index",
    "register": "index",
    "registered_models": "index",
    "reindex": "index",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(name)
