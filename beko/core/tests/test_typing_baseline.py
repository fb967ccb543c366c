"""`make lint` holds mypy to a baseline that only shrinks (tools/mypy_baseline.py)."""

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def baseline():
    spec = importlib.util.spec_from_file_location("mypy_baseline", ROOT / "tools/mypy_baseline.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["mypy_baseline"] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules["mypy_baseline"]


@pytest.mark.parametrize(
    ("line", "commented"),
    [
        ("x = 1  # type: ignore[attr-defined]  # modeltranslation adds title_de", True),
        ("x = 1  # type: ignore[attr-defined]", False),
        ("x = 1  # type: ignore", False),
    ],
)
def test_an_ignore_needs_a_comment_that_says_why(baseline, line, commented):
    match = baseline.IGNORE.search(line)
    assert match is not None
    assert match["rest"].strip().startswith("#") is commented


def test_a_new_error_fails_and_the_baseline_refuses_it(baseline, tmp_path, monkeypatch, capsys):
    known = Counter({"beko/x.py: [arg-type] old": 1})
    monkeypatch.setattr(baseline, "BASELINE", tmp_path / "baseline.txt")
    baseline.write_baseline(known)
    monkeypatch.setattr(baseline, "uncommented_ignores", Counter)
    monkeypatch.setattr(
        baseline, "mypy_errors", lambda: known + Counter({"beko/x.py: [misc] new": 1})
    )
    assert baseline.main([]) == 1
    assert "[misc] new" in capsys.readouterr().out
    assert baseline.main(["--update"]) == 1  # the baseline never grows
    monkeypatch.setattr(baseline, "mypy_errors", Counter)
    assert baseline.main([]) == 0
    assert baseline.main(["--update"]) == 0
    assert baseline.read_baseline() == Counter()


def test_the_committed_baseline_is_readable_and_names_app_code_only(baseline):
    entries = baseline.read_baseline()
    # The header's total matches the entries; an empty baseline (the goal) is fine too.
    assert f"# Total: {sum(entries.values())}\n" in baseline.BASELINE.read_text(encoding="utf-8")
    assert all(key.startswith("beko/") and "/tests/" not in key for key in entries)
