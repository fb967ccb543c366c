"""The site frame in a real browser: accessibility, keyboard, RTL, no JavaScript, print, phone."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOOTER_PAGES = (
    "/seite/impressum/",
    "/seite/datenschutz/",
    "/seite/barrierefreiheit/",
    "/seite/leichte-sprache/",
    "/seite/gebaerdensprache/",
)


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_home_and_footer_pages_have_no_serious_axe_violations(page, assert_axe_clean, prefix):
    for path in ("/", *FOOTER_PAGES):
        page.goto(prefix + path)
        assert_axe_clean(page)


def test_login_and_error_pages_have_no_serious_axe_violations(page, assert_axe_clean):
    for path in ("/konto/anmelden/", "/konto/passwort-vergessen/", "/gibt-es-nicht/"):
        page.goto(path)
        assert_axe_clean(page)


def test_skip_link_is_the_first_focus_stop_and_moves_focus_to_main(page):
    page.goto("/seite/impressum/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "document.activeElement.className + '|' + document.activeElement.textContent"
    )
    assert focused == "skip-link|Inhalt anspringen"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt"
    # The next Tab continues inside the content, not in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_language_switcher_renders_arabic_right_to_left_with_mirrored_layout(page):
    page.goto("/seite/impressum/")
    page.locator(".lang-switch summary").click()
    page.get_by_role("link", name="العربية").click()
    page.wait_for_url("**/ar/seite/impressum/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    width = page.viewport_size["width"]
    brand = page.locator(".brand").bounding_box()
    switch = page.locator(".lang-switch").bounding_box()
    assert brand["x"] > width / 2  # the logo sits on the right …
    assert switch["x"] < width / 2  # … and the language switch on the left


def test_keyboard_user_can_switch_the_language(page):
    page.goto("/")
    page.locator(".lang-switch summary").focus()
    page.keyboard.press("Enter")
    page.get_by_role("link", name="English").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/")
    assert page.get_by_role("link", name="Skip to content").count() == 1


def test_site_works_without_javascript(make_page):
    page = make_page(java_script_enabled=False)
    page.goto("/")
    assert page.locator("h1").inner_text().startswith("Arbeit und Ausbildung")
    page.goto("/seite/impressum/")  # the home page has no share box
    # The copy and print buttons need JavaScript and stay hidden; the plain link stays.
    assert not page.get_by_role("button", name="Link kopieren").is_visible()
    assert page.get_by_role("link", name="Per E-Mail senden").is_visible()
    # Language switch is a <details> element: works without script.
    page.locator(".lang-switch summary").click()
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/seite/impressum/")
    assert page.locator("h1").inner_text() == "Impressum"


def test_login_works_without_javascript(make_page, partner_user):
    # A partner editor: staff go on to the second factor (tested by the accounts app).
    page = make_page(java_script_enabled=False)
    page.goto("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse oder Benutzername").fill("partner@example.org")
    page.get_by_label("Passwort").fill("Test-Passwort-2026!")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/konto/")
    assert page.locator("h1").inner_text() == "Partnerbereich: Verein Brücke e. V."
    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_url(lambda url: url.endswith("/"))
    assert page.get_by_role("link", name="Anmelden (Team und Partner)").is_visible()


def test_print_stylesheet_hides_navigation_and_sharing(page):
    page.goto("/seite/datenschutz/")
    page.emulate_media(media="print")
    for selector in (".main-nav", ".share", ".lang-switch", ".skip-link", ".site-footer__nav"):
        assert page.locator(selector).is_hidden(), selector
    assert page.locator("main h1").is_visible()
    assert page.locator(".site-footer__contact").is_visible()


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_phone_layout_has_no_horizontal_scrolling(make_page, prefix):
    page = make_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    for path in ("/", "/seite/datenschutz/"):
        page.goto(prefix + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        # Logo and language switch share the first row; the navigation follows below.
        brand = page.locator(".brand").bounding_box()
        switch = page.locator(".lang-switch").bounding_box()
        nav = page.locator(".main-nav").bounding_box()
        assert abs(brand["y"] - switch["y"]) < 20
        assert nav["y"] >= brand["y"] + brand["height"]
        assert page.locator(".brand__claim").is_hidden()
