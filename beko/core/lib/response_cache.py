"""One cache for public GET responses: finished bytes, keyed by the request, checked against
one content version.

How it works (docs/architecture.md, "Response cache"):

- A view opts in with `@cache_public_response` (Django views and django-ninja operations).
- `ResponseCacheMiddleware` looks up every anonymous GET/HEAD in one cache round trip
  (`get_many` of the entry and the content version). An entry whose version equals the current
  version is answered at once, without URL resolution, database or template: the stored
  bytes (identity, gzip and brotli, compressed once when stored), the stored headers, and an
  ETag derived from the version (`304` when the client has it).
- The content version is one counter. `content_changed()` bumps it; the service layer calls it
  for every write to public content (offers, organisations, locations, categories, events,
  news, pages, FAQ), through `beko.core.services.content_changed` and the search index (every
  index write is a content write). Nothing else invalidates: there are no per-view keys to
  forget.
- Entries also expire after `BEKO_RESPONSE_CACHE_SECONDS`: what depends on the clock (the
  visibility window of offers, "open now", upcoming events) lags behind it by at most that.
- Stampede guard: on a miss, one worker takes a short lock and computes; the others serve the
  previous entry if there is one, else wait for the new entry for up to
  `LOCK_WAIT_SECONDS` and then compute themselves.

- Pages with a CSRF form (the offer page's "Fehler melden", an event's registration form):
  while a cached view renders, templates see a placeholder instead of the CSRF token
  (`core.context_processors.csrf_placeholder`), and the CSP nonce is swapped for a
  placeholder before storing. Such an entry keeps the page as a *template*: on a hit the
  request goes through the middleware stack and the view's wrapper fills in this visitor's
  token (`get_token`, which sets the ordinary CSRF cookie) and nonce, without running the
  view. Every visitor gets their own token; the queries and the rendering happen once per
  content version.

- Hit hooks: a view whose every answer must still be counted (the guide counts how often each
  rule is used) registers a hook by name (`register_hit_hook`, in `AppConfig.ready()`) and
  tells the cache what to pass it (`count_on_hit(request, name, payload)`). The entry keeps
  the name and the plain payload; every answer from the cache (a hit, a `304`, an entry
  served to a waiting worker) calls the hook, so counts stay exact without running the view.

Never cached: requests with a session or messages cookie (logged-in users, flash messages),
responses that set cookies or used the CSRF token, non-200 responses, streaming responses,
and responses marked `Cache-Control: private/no-store`. Values are plain dicts of str and
bytes — never model instances.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.http import parse_http_date_safe

try:  # optional: brotli is smaller than gzip for text, and most browsers accept it
    import brotli
except ImportError:  # pragma: no cover - the dependency is pinned
    brotli = None

VERSION_KEY = "content:version"
ENTRY_PREFIX = "resp:"
LOCK_PREFIX = "resp-lock:"
LOCK_SECONDS = 10
LOCK_WAIT_SECONDS = 2.0
# Small bodies gain nothing from compression (the headers are bigger than the saving).
MIN_COMPRESS_BYTES = 500
COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/rss",
                "application/atom", "application/ld+json", "image/svg+xml", "application/problem+json")  # fmt: skip
# Response headers the hop itself decides, never stored.
_SKIP_HEADERS = {"content-length", "content-encoding", "etag", "set-cookie", "date"}
# Placeholders for the two per-visitor values of a page with a form (see "Pages with a CSRF
# form" above); neither can occur in a real token or nonce.
CSRF_PLACEHOLDER = "beko-csrf-token-placeholder"
NONCE_PLACEHOLDER = "beko-csp-nonce-placeholder"

V = TypeVar("V", bound=Callable[..., Any])

logger = logging.getLogger(__name__)

# name -> hook(payload); see "Hit hooks" in the module docstring.
_hit_hooks: dict[str, Callable[[Any], None]] = {}


def register_hit_hook(name: str, hook: Callable[[Any], None]) -> None:
    """Call `hook(payload)` whenever a cached response stored with `name` is answered."""
    _hit_hooks[name] = hook


def count_on_hit(request: HttpRequest, name: str, payload: list[str] | str) -> None:
    """Store (name, payload) with this request's response; a later hit calls the hook.

    The view has done its own counting for this request; payload must be plain data.
    """
    if name not in _hit_hooks:
        raise LookupError(f"no response cache hit hook registered as {name!r}")
    state: _State | None = getattr(request, "_response_cache", None)
    if state is not None:
        state.on_hit.append((name, payload))


def _run_hit_hooks(entry: dict[str, Any]) -> None:
    for name, payload in entry.get("on_hit", ()):
        hook = _hit_hooks.get(name)
        if hook is None:
            logger.error("response cache hit hook %r is not registered", name)
            continue
        try:
            hook(payload)
        except Exception:  # counting must never break the answer
            logger.exception("response cache hit hook %r failed", name)


def _seconds() -> int:
    return int(getattr(settings, "BEKO_RESPONSE_CACHE_SECONDS", 60))


def content_version() -> int:
    value = cache.get(VERSION_KEY)
    if value is None:
        # A fresh start value: a cleared cache must never bring back an old version.
        cache.add(VERSION_KEY, time.time_ns(), None)
        value = cache.get(VERSION_KEY, 0)
    return int(value)


def _increment() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there (cleared): any new value will do
        cache.set(VERSION_KEY, time.time_ns(), None)


def content_changed() -> None:
    """Public content changed: every cached response is void.

    Inside a transaction: bumped now (this request sees its own writes) and again after the
    commit: a response another request computed meanwhile from the old, still committed data
    must not outlive the commit. Outside one (autocommit: the write is committed already) a
    single bump does both, and saves a cache round trip on hot paths (every registration).
    """
    _increment()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_increment)


def cache_public_response(view: V) -> V:
    """Let the response cache keep this view's public responses (see module docstring).

    The view must answer the same bytes to every anonymous visitor for the same path, query,
    language and htmx headers, and everything it shows must be public content whose services
    call `content_changed()`.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        state: _State | None = getattr(request, "_response_cache", None)
        if state is None:
            return view(request, *args, **kwargs)
        state.cacheable = True
        if state.template is not None:
            return _from_template(request, state.template)
        early = state.wait_for_other_worker()
        if early is not None:
            return early
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponse) and hasattr(response, "render"):
            response.render()  # a TemplateResponse: its context processors run now, not later
        if state.placeholders:
            return state.keep_template(response)
        return response

    return wrapper  # type: ignore[return-value]  # functools.wraps keeps the view's signature


def csrf_token_placeholder(request: HttpRequest) -> Any | None:
    """The `csrf_token` templates see while a cached view renders, else None.

    A lazy value: only a template that really shows a token marks the page as one to keep
    with placeholders (pages without a form stay ordinary entries).
    """
    state: _State | None = getattr(request, "_response_cache", None)
    if state is None or not state.cacheable or state.template is not None:
        return None

    def placeholder() -> str:
        state.placeholders = True
        return CSRF_PLACEHOLDER

    return SimpleLazyObject(placeholder)


def _fill(request: HttpRequest, html: str) -> str:
    """This visitor's CSP nonce and CSRF token in place of the placeholders."""
    if NONCE_PLACEHOLDER in html:
        html = html.replace(NONCE_PLACEHOLDER, str(request.csp_nonce))  # type: ignore[attr-defined]  # set by django-csp's middleware
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))  # also sets the CSRF cookie
    return html


def _from_template(request: HttpRequest, entry: dict[str, Any]) -> HttpResponse:
    _run_hit_hooks(entry)
    response = HttpResponse(_fill(request, entry["template"]))
    for name, value in entry["headers"]:
        response[name] = value
    response["X-Cache"] = "hit"
    return response


def _answer(request: HttpRequest, entry: dict[str, Any]) -> HttpResponse:
    if "template" in entry:
        return _from_template(request, entry)
    _run_hit_hooks(entry)
    return _from_entry(request, entry)


def accepts(request: HttpRequest, coding: str) -> bool:
    header = request.headers.get("Accept-Encoding", "")
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() == coding:
            return params.replace(" ", "").lower() not in {"q=0", "q=0.0", "q=0.00", "q=0.000"}
    return False


def is_compressible(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower().startswith(COMPRESSIBLE)


def compress(body: bytes) -> dict[str, bytes]:
    """The body in every coding we serve (gzip; brotli when the library is there)."""
    codings = {"gzip": compress_one(body, "gzip")}
    if brotli is not None:
        codings["br"] = compress_one(body, "br")
    return codings


def _language(request: HttpRequest) -> str:
    # The same choice as LocaleMiddleware: a language prefix wins; otherwise cookie and
    # Accept-Language. Unprefixed pages are German whatever this says: a finer key than
    # needed only costs a second entry, never a wrong one.
    from_path = translation.get_language_from_path(request.path_info)
    return from_path or translation.get_language_from_request(request, check_path=False)


def _eligible(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    # Preconditions for writes (If-Match, If-Unmodified-Since) are rare on public GETs; the
    # view answers them (412) with Django's own conditional handling.
    if "HTTP_IF_MATCH" in request.META or "HTTP_IF_UNMODIFIED_SINCE" in request.META:
        return False
    cookies = request.COOKIES
    return not (settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies)


def _key(request: HttpRequest) -> str:
    parts = (
        settings.DATABASES["default"]["NAME"],  # two databases behind one cache (benchmarks)
        request.META.get("HTTP_HOST", ""),
        request.is_secure(),
        request.path,
        request.META.get("QUERY_STRING", ""),
        _language(request),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
        request.headers.get("HX-Boosted", ""),
    )
    return ENTRY_PREFIX + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


class _State:
    """One request's view of the cache, from the middleware to the view and back."""

    def __init__(
        self, request: HttpRequest, key: str, version: int, stale: dict[str, Any] | None
    ) -> None:
        self.request = request
        self.key = key
        self.version = version
        self.stale = stale
        self.cacheable = False
        self.locked = False
        self.served_early = False
        self.on_hit: list[tuple[str, Any]] = []
        # Pages with a CSRF form: the entry to fill in (a hit), whether the view's templates
        # showed the token placeholder, whether the page was kept as a template.
        self.template: dict[str, Any] | None = None
        self.placeholders = False
        self.kept_template = False

    def keep_template(self, response: HttpResponseBase) -> HttpResponseBase:
        """A page rendered with placeholders: store it as a template, answer it filled in."""
        if not isinstance(response, HttpResponse) or response.streaming:
            return response  # pragma: no cover - templates render into HttpResponse
        html = response.content.decode(response.charset)
        nonce = getattr(self.request, "_csp_nonce", None)
        if nonce:
            html = html.replace(nonce, NONCE_PLACEHOLDER)
        if not self.served_early and _storable(self.request, response):
            headers = [(n, v) for n, v in response.items() if n.lower() not in _SKIP_HEADERS]
            entry = {"version": self.version, "template": html, "headers": headers,
                     "on_hit": list(self.on_hit)}  # fmt: skip
            cache.set(self.key, entry, _seconds())
            self.kept_template = True
        # Every answer gets real values, stored or not (a 404 page with a form, say).
        response.content = _fill(self.request, html).encode(response.charset)
        return response

    def wait_for_other_worker(self) -> HttpResponse | None:
        """Stampede guard: the lock holder computes; others serve the old entry or wait."""
        if self.stale is not None and self.stale.get("pass"):
            return None  # this URL's responses are not storable: nothing to wait for
        if cache.add(LOCK_PREFIX + self.key, 1, LOCK_SECONDS):
            self.locked = True
            return None
        if self.stale is not None:
            self.served_early = True
            return _answer(self.request, self.stale)
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.02)
            entry = cache.get(self.key)
            if entry is not None and entry.get("version") == self.version:
                if entry.get("pass"):
                    return None
                self.served_early = True
                return _answer(self.request, entry)
        return None


def _etag(entry: dict[str, Any]) -> str:
    # Weak: one validator for the identity, gzip and brotli bytes of the same content
    # (If-None-Match compares weakly).
    return f'W/"v{entry["version"]:x}-{entry["digest"]}"'


def _from_entry(request: HttpRequest, entry: dict[str, Any], *, label: str = "hit") -> HttpResponse:
    etag = _etag(entry)
    if _not_modified(request, etag, dict(entry["headers"]).get("Last-Modified")):
        response = HttpResponse(status=304)
        body = b""
    else:
        coding = next(
            (c for c in ("br", "gzip") if c in entry["codings"] and accepts(request, c)), ""
        )
        body = entry["codings"][coding] if coding else entry["body"]
        response = HttpResponse(body, status=200)
        if coding:
            response["Content-Encoding"] = coding
    for name, value in entry["headers"]:
        if response.status_code == 304 and name.lower() == "content-type":
            continue
        response[name] = value
    response["ETag"] = etag
    if entry["codings"]:
        response.headers["Vary"] = _vary_with_encoding(response.headers.get("Vary", ""))
    if response.status_code == 200:
        response["Content-Length"] = str(len(body))
    response["X-Cache"] = label
    return response


def _not_modified(request: HttpRequest, etag: str, last_modified: str | None) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
        return if_none_match.strip() == "*" or etag.removeprefix("W/") in tags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    stamp = parse_http_date_safe(last_modified or "")
    return bool(since and stamp and stamp <= since)


def _vary_with_encoding(vary: str) -> str:
    names = [v.strip() for v in vary.split(",") if v.strip()]
    if "accept-encoding" not in {n.lower() for n in names}:
        names.append("Accept-Encoding")
    return ", ".join(names)


def carries_csrf_token(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether this response may hold a CSRF token (`get_token` ran for the request).

    `get_token` flags the request; on the way out `CsrfViewMiddleware` (re)sets the cookie
    and clears the flag, so outside it the cookie on the response is the sign.
    """
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")) or (
        settings.CSRF_COOKIE_NAME in response.cookies
    )


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if carries_csrf_token(request, response):
        return False  # the page carries somebody's CSRF token
    if response.has_header("Content-Encoding"):
        return False
    control = response.get("Cache-Control", "").lower()
    if "private" in control or "no-store" in control:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and getattr(user, "is_authenticated", False))


def _entry(
    response: HttpResponse, version: int, on_hit: list[tuple[str, Any]] | None = None
) -> dict[str, Any]:
    body = response.content
    content_type = response.get("Content-Type", "")
    codings = (
        compress(body) if len(body) >= MIN_COMPRESS_BYTES and is_compressible(content_type) else {}
    )
    return {
        "version": version,
        "digest": hashlib.blake2b(body, digest_size=8).hexdigest(),
        "headers": [
            (name, value) for name, value in response.items() if name.lower() not in _SKIP_HEADERS
        ],
        "body": body,
        "codings": codings,
        "on_hit": list(on_hit or ()),
    }


class ResponseCacheMiddleware:
    """Answers cached public responses; stores those of `@cache_public_response` views.

    Sits right after WhiteNoise: the stored headers include everything the inner middleware
    adds (CSP with its nonce, which matches the stored body; Content-Language; Vary).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if _seconds() <= 0 or not _eligible(request):
            return self.get_response(request)
        key = _key(request)
        found = cache.get_many([key, VERSION_KEY])
        entry = found.get(key)
        version = found.get(VERSION_KEY)
        if version is None:
            version = content_version()
        current = entry if entry is not None and entry.get("version") == version else None
        if current is not None and not current.get("pass") and "template" not in current:
            _run_hit_hooks(current)
            return _from_entry(request, current)
        state = _State(request, key, int(version), entry)
        if current is not None and "template" in current:
            # A page with a form: the view's wrapper fills it in for this visitor, after the
            # CSRF and CSP middleware have seen the request.
            state.template = current
        request._response_cache = state  # type: ignore[attr-defined]  # per-request state for the middleware
        try:
            response = self.get_response(request)
            if state.template is not None or state.kept_template:
                return response
            if (
                state.cacheable
                and not state.served_early
                and isinstance(response, HttpResponse)
                and _storable(request, response)
            ):
                new = _entry(response, state.version, state.on_hit)
                cache.set(key, new, _seconds())
                return _from_entry(request, new, label="miss")
            if state.cacheable and not state.served_early:
                # A cached view answered something not storable (a 404, a page whose view
                # asked for the CSRF token itself): remember it, so other workers compute at once instead of waiting
                # for an entry that never comes.
                cache.set(key, {"version": state.version, "pass": True}, _seconds())
            return response
        finally:
            if state.locked:
                cache.delete(LOCK_PREFIX + key)


class CompressionMiddleware:
    """gzip or brotli for HTML and JSON the response cache did not already compress.

    Responses that carry a CSRF token are left uncompressed: compressing a secret together
    with text an attacker can inject is what BREACH exploits.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            not isinstance(response, HttpResponse)
            or response.has_header("Content-Encoding")
            or not is_compressible(response.get("Content-Type", ""))
            or carries_csrf_token(request, response)
        ):
            return response
        if len(response.content) < MIN_COMPRESS_BYTES:
            return response
        coding = next(
            (
                c
                for c in ("br", "gzip")
                if (c != "br" or brotli is not None) and accepts(request, c)
            ),
            "",
        )
        response.headers["Vary"] = _vary_with_encoding(response.headers.get("Vary", ""))
        if not coding:
            return response
        body = compress_one(response.content, coding)
        response.content = body
        response["Content-Encoding"] = coding
        response["Content-Length"] = str(len(body))
        if response.has_header("ETag"):
            # A weak validator: the bytes differ from the identity encoding's.
            etag = response["ETag"]
            if not etag.startswith("W/"):
                response["ETag"] = "W/" + etag
        return response


def compress_one(body: bytes, coding: str) -> bytes:
    if coding == "br" and brotli is not None:
        return brotli.compress(body, quality=5)
    return gzip.compress(body, compresslevel=6, mtime=0)
