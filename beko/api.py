"""The JSON API under /api/v1/ (django-ninja: typed input schemas, OpenAPI 3 for free).

Each domain app that has an `api.py` with a module-level `router` is mounted at
/api/v1/<prefix>/. Errors are RFC 9457 problem details (beko.core.lib.problem).
"""

from importlib import import_module
from importlib.util import find_spec

from ninja import NinjaAPI

from beko.core.lib.json import ORJSONRenderer
from beko.core.lib.problem import install_problem_handlers

API_ROUTERS = {
    "directory": "",  # offers, organisations, locations, categories, districts at the top level
    "guide": "guide",
    "inquiries": "inquiries",
    "events": "events",
    "news": "news",
}

api_v1 = NinjaAPI(
    title="BeKo API",
    version="1",
    description="Offene Schnittstelle der BeKo: Angebote, Wege in Arbeit, Veranstaltungen.",
    urls_namespace="api_v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
    renderer=ORJSONRenderer(),
)
install_problem_handlers(api_v1)

for _app, _prefix in API_ROUTERS.items():
    if find_spec(f"beko.{_app}.api") is not None:
        api_v1.add_router(_prefix, import_module(f"beko.{_app}.api").router)
