"""The sanitiser is the one gate for staff-edited rich text: a corpus of XSS payloads."""

from pathlib import Path

import pytest

from beko.core.lib.sanitize import sanitize_html

XSS_CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">klick</a>',
    '<a href="JaVaScRiPt:alert(1)">klick</a>',
    '<a href="  javascript:alert(1)">klick</a>',
    '<a href="jav&#x09;ascript:alert(1)">klick</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<p onclick="alert(1)">Text</p>',
    '<p onmouseover="alert(1)" style="color:red">Text</p>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    '<form action="https://evil.example"><input name="p"></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<div style="background-image:url(javascript:alert(1))">x</div>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<base href="https://evil.example/">',
    "<p>harmlos</p><!--<script>alert(1)</script>-->",
    '<a href="https://ok.example" onfocus="alert(1)" autofocus>x</a>',
    '<details open ontoggle="alert(1)">x</details>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
]


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_sanitiser_removes_scripts_handlers_and_javascript_urls(payload):
    cleaned = sanitize_html(payload).lower()
    assert "<script" not in cleaned
    assert "javascript:" not in cleaned
    assert "vbscript:" not in cleaned
    assert "data:text/html" not in cleaned
    for dangerous in ("onerror", "onload", "onclick", "onmouseover", "onfocus", "ontoggle"):
        assert f"{dangerous}=" not in cleaned
    for tag in (
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "<style",
        "<meta",
        "<link",
        "<base",
        "<svg",
        "<img",
    ):
        assert tag not in cleaned
    assert "style=" not in cleaned


def test_corpus_has_at_least_twenty_payloads():
    assert len(XSS_CORPUS) >= 20


def test_sanitiser_keeps_the_allowed_formatting():
    html = (
        "<h2>Titel</h2><p><strong>fett</strong> und <em>kursiv</em></p><ul><li>eins</li></ul>"
        '<a href="https://www.wuppertal.de/" title="Stadt">Link</a>'
        '<table><caption>T</caption><tr><th scope="col">A</th></tr></table>'
    )
    cleaned = sanitize_html(html)
    for kept in (
        "<h2>",
        "<strong>",
        "<em>",
        "<li>",
        'href="https://www.wuppertal.de/"',
        'scope="col"',
        "<caption>",
    ):
        assert kept in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


def test_sanitiser_keeps_right_to_left_and_unicode_text():
    html = '<p dir="rtl" lang="ar">مرحبا بكم في BeKo – „Grüße“ 🙂</p>'
    assert sanitize_html(html) == html


WORD_PASTE = (Path(__file__).parent / "fixtures" / "word_paste.html").read_text(encoding="utf-8")


def test_word_paste_keeps_headings_lists_links_and_emphasis():
    cleaned = sanitize_html(WORD_PASTE)
    assert "<h2>Sprachcafé im Mai</h2>" in cleaned  # Word's h1: the page already has one
    assert "<h2>Termine</h2>" in cleaned
    assert "<p>Wir laden <strong>alle</strong> ein, <em>auch</em> Neue.</p>" in cleaned
    assert "<li>Dienstag, 18 Uhr</li>" in cleaned and "<li>Donnerstag, 10 Uhr</li>" in cleaned
    assert "<ol><li>Anmelden</li><li>Kommen</li></ol>" in cleaned
    assert (
        '<a href="https://www.wuppertal.de/" rel="noopener noreferrer">wuppertal.de</a>' in cleaned
    )


def test_word_paste_drops_office_markup_styles_and_empty_paragraphs():
    cleaned = sanitize_html(WORD_PASTE)
    for dropped in ("mso", "Mso", "class=", "style=", "<o:p", "<span", "<font", "<h1", "<b>"):
        assert dropped not in cleaned
    assert "<p></p>" not in cleaned and "<p>&nbsp;</p>" not in cleaned
    assert "p.MsoNormal" not in cleaned  # the <style> block's text goes with it
    assert "Schrift" in cleaned  # text of dropped tags stays


def test_sanitiser_renames_only_real_b_and_i_tags():
    cleaned = sanitize_html('<p><b>fett</b> &lt;b&gt; <br> <i lang="en">it</i></p>')
    assert cleaned == '<p><strong>fett</strong> &lt;b&gt; <br> <em lang="en">it</em></p>'
