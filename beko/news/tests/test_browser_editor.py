"""Browser: staff write a news item with the keyboard in the rich-text editor and the picker."""

from typing import Any

import pytest

from .conftest import create_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _staff_page(page: Any, live_server: Any, staff_user: Any) -> Any:
    from conftest import verified_client

    client = verified_client(staff_user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


def test_staff_write_a_news_item_by_keyboard_and_the_public_page_shows_clean_html(
    page: Any, make_page: Any, live_server: Any, staff_user: Any, assert_axe_clean: Any
) -> None:
    from beko.news.models import NewsItem

    event = create_event(title="Meet and Eat Mai", audience="volunteers")
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    _staff_page(page, live_server, staff_user).goto("/intern/news/neu/")
    page.wait_for_selector(".richtext[data-richtext-ready]")
    assert page.locator("#id_body").is_hidden()  # the editor replaced the textarea
    assert_axe_clean(page)

    page.locator("#id_title").fill("Sprachcafé im Mai")
    page.locator("#id_teaser").fill("Wir laden ein.")
    editor = page.get_by_role("textbox", name="Text (HTML, wird bereinigt)")
    editor.focus()
    page.keyboard.press("Control+Alt+2")
    assert (
        page.get_by_role("button", name="Überschrift", exact=True).get_attribute("aria-pressed")
        == "true"
    )
    page.keyboard.type("Termine")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+Shift+8")
    page.keyboard.type("Dienstag")
    page.keyboard.press("Enter")
    page.keyboard.type("Donnerstag")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # an empty item leaves the list
    page.keyboard.type("Bitte ")
    page.keyboard.press("Control+b")
    bold = page.get_by_role("button", name="Fett")
    assert bold.get_attribute("aria-pressed") == "true"
    page.keyboard.type("anmelden")
    page.keyboard.press("Control+b")
    assert bold.get_attribute("aria-pressed") == "false"
    page.keyboard.type(".")
    # Alt+F10 reaches the toolbar; arrow keys move within it.
    page.keyboard.press("Alt+F10")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Überschrift"
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Unterüberschrift"
    )

    search = page.get_by_role("combobox", name="Suchen und hinzufügen").nth(1)
    search.fill("meet")
    page.get_by_role("option", name=f"Meet and Eat Mai ({event.pk})").wait_for()
    search.press("ArrowDown")
    search.press("Enter")
    assert page.locator("#id_related_event_ids").input_value() == str(event.pk)

    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/intern/news/*/")
    item = NewsItem.objects.get()
    assert item.body_de == (
        "<h2>Termine</h2><ul><li><p>Dienstag</p></li><li><p>Donnerstag</p></li></ul>"
        "<p>Bitte <strong>anmelden</strong>.</p>"
    )
    assert item.related_event_ids == [event.pk]
    page.get_by_role("button", name="Veröffentlichen oder einplanen").click()
    page.wait_for_load_state()
    assert csp_errors == []

    visitor = make_page()
    visitor.goto(NewsItem.objects.get().get_absolute_url())
    body = visitor.locator(".prose").first
    assert body.locator("h2", has_text="Termine").count() == 1
    assert body.locator("li").all_inner_texts() == ["Dienstag", "Donnerstag"]
    assert body.locator("strong").inner_text() == "anmelden"
    assert visitor.get_by_role("link", name="Meet and Eat Mai").count() >= 1


def test_without_javascript_the_news_form_is_a_plain_textarea_and_id_field(
    make_page: Any, live_server: Any, staff_user: Any
) -> None:
    from beko.news.models import NewsItem

    event = create_event(title="Meet and Eat Mai", audience="volunteers")
    page = _staff_page(make_page(java_script_enabled=False), live_server, staff_user)
    page.goto("/intern/news/neu/")
    page.locator("#id_title").fill("Ohne Skript")
    page.locator("#id_teaser").fill("Auch so.")
    page.locator("#id_body").fill('<h2>Hallo</h2><p onclick="x()"><b>fett</b></p>')
    page.locator("#id_related_event_ids").fill(str(event.pk))
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/intern/news/*/")
    item = NewsItem.objects.get()
    assert item.body_de == "<h2>Hallo</h2><p><strong>fett</strong></p>"
    assert item.related_event_ids == [event.pk]


WORD_CLIPBOARD = (
    "<html xmlns:o='urn:schemas-microsoft-com:office:office'><body><!--StartFragment-->"
    "<h1 style='mso-margin-top-alt:auto'><span style='font-family:Calibri'>Termine<o:p></o:p>"
    "</span></h1>"
    "<p class=MsoNormal><span style='color:#1F3864'>Wir laden <b>alle</b> <i>herzlich</i> ein."
    "<o:p></o:p></span></p>"
    "<p class=MsoListParagraphCxSpFirst style='text-indent:-18pt;mso-list:l0 level1 lfo1'>"
    "<![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span "
    "style='font:7.0pt'>&nbsp;&nbsp; </span></span><![endif]>Dienstag<o:p></o:p></p>"
    "<p class=MsoListParagraphCxSpLast style='text-indent:-18pt;mso-list:l0 level1 lfo1'>"
    "<![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span "
    "style='font:7.0pt'>&nbsp;&nbsp; </span></span><![endif]>Donnerstag<o:p></o:p></p>"
    "<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><span style='mso-list:Ignore'>"
    "1.</span>Anmelden</p>"
    "<p class=MsoNormal>Mehr auf <a href='https://www.wuppertal.de/' class=MsoHyperlink>"
    "<span style='color:blue'>wuppertal.de</span></a> und <a href='javascript:alert(1)'>x</a>"
    "<img src='file:///C:/bild.png'></p>"
    "<table class=MsoTableGrid><tr><td>Zelle</td></tr></table>"
    "<!--EndFragment--></body></html>"
)


def test_paste_from_word_keeps_headings_lists_and_links_and_drops_the_rest(
    page: Any, live_server: Any, staff_user: Any
) -> None:
    _staff_page(page, live_server, staff_user).goto("/intern/news/neu/")
    page.wait_for_selector(".richtext[data-richtext-ready]")
    page.locator("#id_body-editor").focus()
    page.evaluate(
        """html => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "Termine");
            const event = new ClipboardEvent("paste", {clipboardData: data, bubbles: true,
                                                       cancelable: true});
            document.getElementById("id_body-editor").dispatchEvent(event);
        }""",
        WORD_CLIPBOARD,
    )
    assert page.locator("#id_body").input_value() == (
        "<h2>Termine</h2><p>Wir laden <strong>alle</strong> <em>herzlich</em> ein.</p>"
        "<ul><li><p>Dienstag</p></li><li><p>Donnerstag</p></li></ul>"
        "<ol><li><p>Anmelden</p></li></ol>"
        '<p>Mehr auf <a href="https://www.wuppertal.de/">wuppertal.de</a> und x</p>'
        "<p>Zelle</p>"
    )


@pytest.mark.parametrize(
    "path", ["/intern/faq/neu/", "/intern/events/neu/", "/intern/news/seiten/"]
)
def test_other_rich_text_forms_get_the_editor_and_stay_axe_clean(
    page: Any, live_server: Any, staff_user: Any, assert_axe_clean: Any, path: str
) -> None:
    from beko.news.models import AudiencePage

    if path == "/intern/news/seiten/":
        path = f"/intern/news/seiten/{AudiencePage.objects.first().pk}/"
    _staff_page(page, live_server, staff_user).goto(path)
    page.wait_for_selector(".richtext[data-richtext-ready]")
    toolbar = page.get_by_role("toolbar", name="Textformatierung")
    assert toolbar.get_by_role("button").count() == 7
    assert_axe_clean(page)
