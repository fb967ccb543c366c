"""Page weight on a phone (Playwright + Chromium): the home page (issue 20) and a news detail
page with a lead image (issue 8), each in German and Arabic.

Transferred bytes are summed from Chromium's own network events (`encodedDataLength`: headers
plus compressed body, what actually crossed the wire), after scrolling to the end so lazy
images load too. The floor is the site frame alone ("Über uns" without images), measured in
the same run. Throughput of the news pages against the JSON floor is recorded as well.
Targets: the news detail page (issue 8) and the home page (issue 20) transfer at most 150 KB.
"""

from __future__ import annotations

import re
import shutil
import sys
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
    ROOT,
    bench_env,
    gunicorn,
    measure_with_floor,
    prepare_database,
    write_result,
)

TARGET_BYTES = 150 * 1024
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# A mid-range Android phone (Playwright's "Pixel 5" descriptor, spelled out).
PHONE = {
    "viewport": {"width": 393, "height": 851},
    "device_scale_factor": 2.75,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 5) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0 Mobile Safari/537.36",
}


def transferred(browser: Any, url: str) -> dict[str, Any]:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"])
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])),
    )
    page.goto(url, wait_until="networkidle")
    for _ in range(10):
        page.mouse.wheel(0, 1500)
        page.wait_for_timeout(100)
    page.wait_for_load_state("networkidle")
    context.close()
    resources = sorted(
        (
            {"url": urls.get(rid, "?").split(":", 2)[-1].split("/", 1)[-1], "bytes": size}
            for rid, size in sizes.items()
        ),
        key=lambda r: -r["bytes"],
    )
    return {
        "url": "/" + url.split("/", 3)[-1],
        "requests": len(resources),
        "bytes": sum(r["bytes"] for r in resources),
        "resources": resources,
    }


def first_news_with_image(base: str) -> str:
    with urllib.request.urlopen(base + "/aktuelles/", timeout=10) as response:
        html = response.read().decode()
    cards = re.findall(r'<article class="news-card">(.*?)</article>', html, re.DOTALL)
    for card in cards:
        if "<picture>" in card:
            return re.search(r'class="news-card__title"><a href="([^"]+)"', card).group(1)
    raise RuntimeError("no news item with a lead image in the demo data")


def main() -> None:
    from playwright.sync_api import sync_playwright

    database = ROOT / "var" / "bench-pages.sqlite3"
    media = ROOT / "var" / "bench-media"
    env = bench_env(f"sqlite:///{database}", SERVE_MEDIA="true", MEDIA_ROOT=str(media))
    prepare_database(env)
    with gunicorn(env) as base:
        detail_path = first_news_with_image(base)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            detail = transferred(browser, base + detail_path)
            detail_ar = transferred(browser, base + "/ar" + detail_path)
            home = transferred(browser, base + "/")
            home_ar = transferred(browser, base + "/ar/")
            floor = transferred(browser, base + "/ueber-uns/")
            browser.close()
        throughput = measure_with_floor(
            base,
            {
                "home": "/",
                "news_list": "/aktuelles/",
                "news_detail": detail_path,
                "sitemap": "/sitemap.xml",
                "site_search": "/suche/?q=Deutschkurs",
            },
        )
    result = {
        "database": "sqlite",
        "device": "phone 393x851 @2.75x (Pixel 5)",
        "target_bytes": TARGET_BYTES,
        "news_detail": detail,
        "news_detail_ar": detail_ar,
        "floor_site_frame": floor,
        "news_detail_within_target": detail["bytes"] <= TARGET_BYTES,
        "home": home,
        "home_ar": home_ar,
        "home_within_target": max(home["bytes"], home_ar["bytes"]) <= TARGET_BYTES,
        "news_detail_over_floor_bytes": detail["bytes"] - floor["bytes"],
        "throughput": throughput,
    }
    write_result("pages", result)
    print(
        f"news detail: {detail['bytes']} bytes in {detail['requests']} requests (floor {floor['bytes']})"
    )
    print(f"home: {home['bytes']} bytes (ar {home_ar['bytes']}) in {home['requests']} requests")
    if not result["news_detail_within_target"]:
        raise SystemExit(f"news detail page transfers {detail['bytes']} bytes > {TARGET_BYTES}")
    if not result["home_within_target"]:
        raise SystemExit(
            f"home page transfers {max(home['bytes'], home_ar['bytes'])} bytes > {TARGET_BYTES}"
        )


if __name__ == "__main__":
    main()
