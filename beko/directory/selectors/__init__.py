"""Reads of the directory, by concern. Other apps use these (never the models directly),
imported from the package (`from beko.directory import selectors`):

- `offers_for(...)`: matching published offers for the guide, events and news pages;
- `organisations_public()`: organisations with a public profile (events: market stands);
- `offer_search(filters=...)`: the search behind the list page and the API;
- `home_section(request)`: the blocks on the home page.

Modules: `public` (visibility, published offers), `filters`, `facets` (SQL counts and the
search index's keys), `listing` (search, one offer, vocabularies), `home`, `for_apps` (the
guide, audience pages, related offers), `backoffice` (staff and partner reads).
"""

from .backoffice import (
    REPORT_CHART_ROWS,
    PartnerOffer,
    _freshness_q,
    _partner_offer_status,
    freshness_overview,
    open_reports,
    partner_home_section,
    partner_offers,
    pending_changes,
    pending_location_changes,
    report_charts,
    staff_todos,
)
from .facets import (
    FacetValue,
    OfferSearchResult,
    _category_counts,
    _count_keys,
    _counted,
    _distance,
    _district_counts,
    _facets,
    _KeyedMatches,
    _language_counts,
    _sql,
    _table,
)
from .filters import (
    OfferFilters,
    _accessible_q,
    _category_q,
    _district_q,
    _language_q,
    _open_now,
    _residence_q,
    _target_group_q,
    apply_filters,
)
from .for_apps import (
    GUIDE_TAG_CATEGORIES,
    directory_numbers,
    offers_by_ids,
    offers_for_audience,
    offers_for_guide,
)
from .home import (
    home_section,
)
from .listing import (
    categories_public,
    districts_public,
    languages_public,
    offer_public_detail,
    offer_search,
    offers_for,
)
from .public import (
    LOCAL_TZ,
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    SORTS,
    _page_related,
    _with_related,
    offers_public,
    offers_visible_to,
    organisations_all,
    organisations_public,
    visibility_cutoff,
)

__all__ = [
    "GUIDE_TAG_CATEGORIES",
    "LOCAL_TZ",
    "MAX_PAGE_SIZE",
    "PAGE_SIZE",
    "REPORT_CHART_ROWS",
    "SORTS",
    "FacetValue",
    "OfferFilters",
    "OfferSearchResult",
    "PartnerOffer",
    "_KeyedMatches",
    "_accessible_q",
    "_category_counts",
    "_category_q",
    "_count_keys",
    "_counted",
    "_distance",
    "_district_counts",
    "_district_q",
    "_facets",
    "_freshness_q",
    "_language_counts",
    "_language_q",
    "_open_now",
    "_page_related",
    "_partner_offer_status",
    "_residence_q",
    "_sql",
    "_table",
    "_target_group_q",
    "_with_related",
    "apply_filters",
    "categories_public",
    "directory_numbers",
    "districts_public",
    "freshness_overview",
    "home_section",
    "languages_public",
    "offer_public_detail",
    "offer_search",
    "offers_by_ids",
    "offers_for",
    "offers_for_audience",
    "offers_for_guide",
    "offers_public",
    "offers_visible_to",
    "open_reports",
    "organisations_all",
    "organisations_public",
    "partner_home_section",
    "partner_offers",
    "pending_changes",
    "pending_location_changes",
    "report_charts",
    "staff_todos",
    "visibility_cutoff",
]
