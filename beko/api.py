"""The JSON API under /api/v1/ (django-ninja: typed input schemas, OpenAPI 3 for free).

Each domain app that has an `api.py` with a module-level `router` is listed here and mounted
at /api/v1/<prefix>/. Errors are RFC 9457 problem details (beko.core.lib.problem).
"""

from ninja import NinjaAPI, Router

from beko.core.lib.json import ORJSONRenderer
from beko.core.lib.problem import install_problem_handlers
from beko.directory import api as directory_api
from beko.events import api as events_api
from beko.guide import api as guide_api

# Prefix per router. Inquiries and news have no API (yet): add their `api.py` here when they do.
API_ROUTERS: dict[str, Router] = {
    "": directory_api.router,  # offers, organisations, locations, categories, districts
    "guide": guide_api.router,
    "events": events_api.router,
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

for _prefix, _router in API_ROUTERS.items():
    api_v1.add_router(_prefix, _router)
