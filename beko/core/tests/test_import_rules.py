"""The apps' imports follow the one-way rule and match docs/architecture.md (tools/check_imports.py)."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def checker():
    spec = importlib.util.spec_from_file_location("check_imports", ROOT / "tools/check_imports.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_imports"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    yield module
    del sys.modules["check_imports"]


def _problems(checker, tmp_path, app, code):
    path = tmp_path / "module.py"
    path.write_text(code, encoding="utf-8")
    documented = checker.documented_dependencies((ROOT / "docs/architecture.md").read_text())
    found = list(checker.scan(path, app))
    return [f if isinstance(f, str) else checker.rule_problem(f, documented) for f in found]


def test_the_code_follows_the_import_rules_and_the_documented_table(checker):
    assert checker.check() == []


def test_a_string_import_of_another_app_fails(checker, tmp_path):
    code = 'from importlib import import_module\nimport_module("beko.events.selectors")\n'
    [problem] = _problems(checker, tmp_path, "news", code)
    assert "string import of another app" in problem


def test_a_computed_string_import_fails(checker, tmp_path):
    code = 'from importlib.util import find_spec\nfind_spec(f"beko.{name}.demo")\n'
    [problem] = _problems(checker, tmp_path, "core", code)
    assert "computed module name" in problem


def test_core_importing_a_domain_app_fails(checker, tmp_path):
    [problem] = _problems(checker, tmp_path, "core", "from beko.news import selectors\n")
    assert "imports point one way" in problem


def test_a_domain_app_reading_another_apps_models_fails(checker, tmp_path):
    code = "from beko.directory.models import Offer\n"
    [problem] = _problems(checker, tmp_path, "events", code)
    assert "directory.models" in problem


def test_an_undocumented_link_between_domain_apps_fails(checker, tmp_path):
    code = "from beko.events import selectors as event_selectors\n"
    [problem] = _problems(checker, tmp_path, "guide", code)
    assert "does not allow" in problem


def test_documented_selector_use_and_type_only_imports_pass(checker, tmp_path):
    code = (
        "from typing import TYPE_CHECKING\n"
        "from beko.directory import selectors\n"
        "if TYPE_CHECKING:\n"
        "    from beko.directory.models import Offer\n"
    )
    assert _problems(checker, tmp_path, "guide", code) == [None]


def test_the_table_is_read_from_the_docs(checker):
    table = checker.documented_dependencies((ROOT / "docs/architecture.md").read_text())
    assert table[("news", "guide")] == frozenset({"selectors"})
    assert ("core", "news") not in table
