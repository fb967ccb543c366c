"""Hostile inputs, grouped by what they try to break. Each group is a plain list so a failing
test names the payload (its id) and the group it came from."""

from __future__ import annotations

from typing import Any

SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUBSCRIPT = "₀₁₂₃₄₅₆₇₈₉"
# str.isdigit() is true for all of these; int() accepts some and rejects others.
UNICODE_DIGITS = [
    *SUPERSCRIPT,
    "₂",
    "¹²",
    "2²",
    "①",
    "⑳",
    "٣",  # Arabic-Indic
    "١٠",
    "۵",  # Persian
    "३",  # Devanagari
    "৩",  # Bengali
    "๓",  # Thai
    "３",  # fullwidth
    "１２",
    "Ⅻ",  # Roman numeral (isnumeric, not isdigit)
    "½",
    "𝟑",  # mathematical bold digit
    "᠓",  # Mongolian
    "߃",  # NKo
    "-²",
]
NUMBERS = [
    "-1",
    "0",
    "-0",
    "00000000000000000001",
    "+1",
    " 1 ",
    "1_000",
    "1e3",
    "1.5",
    "0x10",
    "9" * 20,
    "9" * 400,
    "9" * 5000,  # above Python's int() digit limit
    "-" + "9" * 30,
    "2147483648",
    "9223372036854775808",
    "-9223372036854775809",
    "NaN",
    "Infinity",
    "-inf",
    "1e309",
    "1/0",
    "٣٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠٠",
    "",
    " ",
]
CONTROL = [
    "\x00",
    "a\x00b",
    "1\x00",
    "\x00" * 50,
    "\x01\x02\x03\x1b[31m",
    "\r\nSet-Cookie: x=1",
    "line\nbreak",
    "\t",
    "\x7f",
    "\ud7ff\ue000",
]
UNICODE_TRICKS = [
    "\u202eevil\u202c",  # right-to-left override
    "abc\u202edcba",
    "\u2066\u2067\u2068\u2069",  # isolates
    "\u200b",  # zero-width space
    "a\u200bb\u200cc\u200dd",
    "\ufeff",  # byte order mark
    "\u2028\u2029",
    "e\u0301" * 50,  # combining marks
    "Z̸̧̛̖̙͕̙̦̫̜ͪ̉̆ͬ͐a̵̢̧̛̫̯̗l̸g̵o̸",
    "😀👩‍👩‍👧‍👦🇩🇪",
    "\U0010ffff",
    "ﷺ",
    "ǅ",
    "ß" * 100,
    "İstanbul",
    "Ωmega",
    "مرحبا",
    "سلام دنیا",
    "Привіт",
    "Straße%20",
]
LONG = [
    "a" * 100_000,
    "ä" * 20_000,
    "1" * 100_000,
    "x " * 5_000,
    "%" * 1_000,
]
TEMPLATE = [
    "{{ 7*7 }}",
    "{% debug %}",
    "{% load static %}{% static 'x' %}",
    "{{ request.user.password }}",
    "{{settings.SECRET_KEY}}",
    "{% include '/etc/passwd' %}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "{{",
    "%}",
    "{# comment",
]
SQL = [
    "' OR '1'='1",
    "1; DROP TABLE accounts_user; --",
    "1' UNION SELECT password FROM accounts_user --",
    '" OR ""="',
    "') OR 1=1--",
    "1 AND SLEEP(5)",
    "pg_sleep(5)",
    "%' --",
    "\\",
    "\\'",
    "%",
    "_",
    "*",
    "NULL",
    "null",
    "undefined",
    "true",
    "false",
    "[]",
    "{}",
    "[1,2]",
    '{"a": 1}',
]
XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "<svg/onload=alert(1)>",
    "'\"><iframe src=//evil.example>",
    "<a href='data:text/html,<script>alert(1)</script>'>x</a>",
    "&lt;script&gt;",
    "</textarea><script>alert(1)</script>",
    "<style>*{display:none}</style>",
    "hx-get=/intern/ hx-trigger=load",
]
PATHS = [
    "../../../../etc/passwd",
    "..%2f..%2f",
    "/",
    "//evil.example",
    "https://evil.example/",
    "?page=2&page=3",
    "#frag",
    "a/b",
    ".",
    "..",
    "~",
    "CON",
    "mailto:a@b.c",
    "a@b.c",
    "x" * 255 + "@example.org",
]

TEXT_PAYLOADS: list[str] = [
    *UNICODE_DIGITS,
    *NUMBERS,
    *CONTROL,
    *UNICODE_TRICKS,
    *LONG,
    *TEMPLATE,
    *SQL,
    *XSS,
    *PATHS,
]

# Sent verbatim in the query string: broken UTF-8 and encodings of control characters.
RAW_QUERY_PAYLOADS: list[str] = [
    "%ff",
    "%c3%28",
    "%ed%a0%80",  # UTF-16 surrogate encoded in UTF-8
    "%c0%af",  # overlong slash
    "%f4%90%80%80",  # above U+10FFFF
    "%e2%82",  # truncated sequence
    "%00",
    "%2500",
    "%%",
    "%zz",
    "%",
    "%u0000",
    "%c2%b2",  # ² properly encoded
    "%EF%BC%93",  # fullwidth 3
    "%E2%80%AE",  # right-to-left override
]

# JSON bodies and API values of the wrong type where a string or number is expected.
JSON_PAYLOADS: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    10**30,
    -(10**30),
    1.5,
    1e308,
    [],
    [1, 2],
    ["a", None],
    {},
    {"$gt": ""},
    {"__proto__": {"admin": True}},
    "",
    "\x00",
    "a" * 100_000,
    [[[[[[[[[[[]]]]]]]]]]],
    {"a": {"b": {"c": [1, {"d": None}]}}},
]

ALL_PAYLOADS = [*TEXT_PAYLOADS, *RAW_QUERY_PAYLOADS, *JSON_PAYLOADS]

# A few payloads that have broken things before, sent into every single parameter on its
# own (the full list goes into all parameters of a page at once).
SHARP: list[str] = [
    "²",
    "٣",
    "\x00",
    "-1",
    "9" * 5000,
    "9" * 20,
    "a" * 100_000,
    "\u202eevil",
    "{{ 7*7 }}",
    "' OR '1'='1",
    "<script>alert(1)</script>",
    "1e309",
]
SHARP_RAW: list[str] = ["%ff", "%c3%28", "%00"]


def payload_id(value: Any) -> str:
    """A short, printable test id (long payloads would make unreadable test names)."""
    text = repr(value)
    return text if len(text) <= 24 else f"{text[:16]}…len{len(text)}"
