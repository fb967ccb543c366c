"""mypy on the app code (tests and migrations excluded), held to a baseline that cannot grow.

Run by `make lint`. The goal is 0 errors; until then `tools/mypy-baseline.txt` lists the
errors we still have (file, error code and message, without line numbers so that edits
elsewhere in a file do not matter). The check fails on:
- any mypy error that is not in the baseline (a new error, or one more of a known kind);
- a `# type: ignore[...]` without a comment saying why, beyond the per-file counts in the
  baseline (new ignores must say why: `# type: ignore[attr-defined]  # modeltranslation`).

`python tools/mypy_baseline.py --update` rewrites the baseline after fixing errors (it
refuses to add errors to it). Errors that are gone make the check print a reminder.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "tools" / "mypy-baseline.txt"
ERROR = re.compile(r"^(?P<path>[^:]+):\d+: error: (?P<message>.*?)  \[(?P<code>[a-z-]+)\]$")
IGNORE = re.compile(r"#\s*type:\s*ignore(\[[^\]]*\])?(?P<rest>.*)$")
UNCOMMENTED = "uncommented-ignore"


def mypy_errors() -> Counter[str]:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "beko"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode not in (0, 1):  # 2: mypy itself failed (crash, bad config)
        sys.stdout.write(result.stdout + result.stderr)
        raise SystemExit("mypy did not run")
    found: Counter[str] = Counter()
    for line in result.stdout.splitlines():
        match = ERROR.match(line)
        if match:
            # "Choices are: …" lists a model's fields and changes with every new field.
            message = match["message"].split(". Choices are:")[0]
            found[f"{match['path']}: [{match['code']}] {message}"] += 1
    return found


def uncommented_ignores() -> Counter[str]:
    found: Counter[str] = Counter()
    for path in sorted((ROOT / "beko").rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            match = IGNORE.search(line)
            if match and not match["rest"].strip().startswith("#"):
                found[f"{path.relative_to(ROOT)}: [{UNCOMMENTED}]"] += 1
    return found


def read_baseline() -> Counter[str]:
    if not BASELINE.exists():
        return Counter()
    found: Counter[str] = Counter()
    for line in BASELINE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            count, _, key = line.partition(" ")
            found[key] = int(count)
    return found


def write_baseline(found: Counter[str]) -> None:
    lines = [
        "# mypy errors and uncommented ignores we still have (tools/mypy_baseline.py).",
        "# Only ever shrinks: fix errors, then run `python tools/mypy_baseline.py --update`.",
        f"# Total: {sum(found.values())}",
    ]
    lines += [f"{count} {key}" for key, count in sorted(found.items())]
    BASELINE.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    found = mypy_errors() + uncommented_ignores()
    baseline = read_baseline()
    new = found - baseline
    if "--update" in argv:
        if new and BASELINE.exists():
            print("Refusing to add to the baseline:", *sorted(new), sep="\n  ")
            return 1
        write_baseline(found)
        print(f"Baseline written: {sum(found.values())} entries")
        return 0
    errors = sum(v for k, v in found.items() if UNCOMMENTED not in k)
    ignores = sum(v for k, v in found.items() if UNCOMMENTED in k)
    if new:
        print(
            "New mypy errors or uncommented `type: ignore` (fix them; the baseline only shrinks):"
        )
        for key, count in sorted(new.items()):
            print(f"  {count}x {key}")
        return 1
    gone = sum((baseline - found).values())
    print(f"mypy: {errors} known errors, {ignores} uncommented ignores, nothing new.")
    if gone:
        print(f"  {gone} baseline entries are fixed: run `python tools/mypy_baseline.py --update`.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
