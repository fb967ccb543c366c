"""Check the imports between BeKo's apps against the rules in docs/architecture.md.

Run by `make lint` (and `beko/core/tests/test_import_rules.py`). Fails on:
- a string import of code in another app (`import_module("beko.x…")`, `find_spec`,
  `__import__`, or any such call with a computed name): links no tool can follow;
- a base app (`core`, `accounts`) importing a domain app: imports point one way;
- a domain app importing another domain app's module that is not listed for that pair in the
  dependency table of docs/architecture.md (normally only `selectors` and `services`);
- a pair in that table that the code does not use (the table must match the code).

Imports inside `if TYPE_CHECKING:` are for annotations only and are not counted. Tests,
migrations and the project files directly under beko/ (settings, urls, api: the place where
the apps are put together) are not checked.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "beko"
DOCS = ROOT / "docs" / "architecture.md"
BASE_APPS = frozenset({"core", "accounts"})
STRING_IMPORTERS = frozenset({"import_module", "find_spec", "__import__"})
TABLE_START = "<!-- app-dependencies:start -->"
TABLE_END = "<!-- app-dependencies:end -->"


@dataclass(frozen=True)
class Use:
    path: Path
    line: int
    source: str  # app that imports
    target: str  # app imported from
    module: str  # first module below the target app ("selectors", "models", …), or ""


def apps() -> list[str]:
    return sorted(p.parent.name for p in PACKAGE.glob("*/apps.py"))


def documented_dependencies(text: str) -> dict[tuple[str, str], frozenset[str]]:
    """{(app, uses): modules} from the table between the markers in docs/architecture.md.

    Rows look like: | `news` | `directory` (selectors), `events` (selectors, services) |
    """
    if TABLE_START not in text or TABLE_END not in text:
        raise SystemExit(f"{DOCS}: dependency table markers missing")
    table = text.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0]
    found: dict[tuple[str, str], frozenset[str]] = {}
    for row in table.splitlines():
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        if len(cells) < 2 or not cells[0].startswith("`"):
            continue
        source = cells[0].strip("`")
        for target, modules in re.findall(r"`(\w+)`\s*\(([^)]*)\)", cells[1]):
            found[(source, target)] = frozenset(m.strip() for m in modules.split(",") if m.strip())
    return found


def _app_of(dotted: str) -> tuple[str, str] | None:
    parts = dotted.split(".")
    if len(parts) < 2 or parts[0] != "beko":
        return None
    return parts[1], parts[2] if len(parts) > 2 else ""


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and (
            (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
            or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")
        ):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _own_submodule(argument: ast.expr) -> bool:
    """f"{__name__}.x": a lazily imported submodule of the same package."""
    return (
        isinstance(argument, ast.JoinedStr)
        and bool(argument.values)
        and isinstance(argument.values[0], ast.FormattedValue)
        and isinstance(argument.values[0].value, ast.Name)
        and argument.values[0].value.id == "__name__"
    )


def _module_name(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(node: ast.ImportFrom, path: Path) -> str:
    if not node.level:
        return node.module or ""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def scan(path: Path, source_app: str) -> Iterator[Use | str]:
    """Cross-app uses in one file, and string-import problems as messages."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    typing_only = _type_checking_lines(tree)
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(node, path)
            names = [(module, node.lineno)]
            if _app_of(module) is not None and module.count(".") == 1:
                # `from beko.directory import selectors`: the names are the modules.
                names = [(f"{module}.{alias.name}", node.lineno) for alias in node.names]
        elif isinstance(node, ast.Call):
            function = node.func
            name = (
                function.attr
                if isinstance(function, ast.Attribute)
                else getattr(function, "id", "")
            )
            if name not in STRING_IMPORTERS or not node.args:
                continue
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                target = _app_of(argument.value)
                if target is None or target[0] == source_app:
                    continue  # a library, or this app's own module (e.g. a data migration)
                yield f"{where}:{node.lineno}: string import of another app: {argument.value!r}"
            elif _own_submodule(argument):
                continue
            else:
                yield f"{where}:{node.lineno}: {name}() with a computed module name"
            continue
        else:
            continue
        for dotted, line in names:
            target = _app_of(dotted)
            if target is None or target[0] == source_app or line in typing_only:
                continue
            yield Use(where, line, source_app, target[0], target[1])


def rule_problem(use: Use, documented: dict[tuple[str, str], frozenset[str]]) -> str | None:
    """Why this cross-app import breaks the one-way rule or the table, or None."""
    where = f"{use.path}:{use.line}"
    if use.source in BASE_APPS and use.target not in BASE_APPS:
        return (
            f"{where}: {use.source} imports the domain app {use.target} "
            "(imports point one way: register a provider in beko.core.providers)"
        )
    allowed = documented.get((use.source, use.target), frozenset())
    if use.target not in BASE_APPS and use.module not in allowed:
        return (
            f"{where}: {use.source} uses {use.target}.{use.module or '*'}, which the "
            "dependency table in docs/architecture.md does not allow (another app is used "
            "through its selectors/services)"
        )
    return None


def check() -> list[str]:
    known = set(apps())
    documented = documented_dependencies(DOCS.read_text(encoding="utf-8"))
    problems: list[str] = []
    used: set[tuple[str, str]] = set()
    for source_app in sorted(known):
        for path in sorted((PACKAGE / source_app).rglob("*.py")):
            parts = path.relative_to(PACKAGE).parts
            if "tests" in parts or "migrations" in parts:
                continue
            for found in scan(path, source_app):
                if isinstance(found, str):
                    problems.append(found)
                    continue
                if found.target not in known:
                    continue
                pair = (found.source, found.target)
                used.add(pair)
                problem = rule_problem(found, documented)
                if problem:
                    problems.append(problem)
    for pair in sorted(set(documented) - used):
        problems.append(
            f"{DOCS.relative_to(ROOT)}: the table says {pair[0]} uses {pair[1]}, the code does not"
        )
    for source, target in sorted(used - set(documented)):
        if target in BASE_APPS:
            problems.append(
                f"{DOCS.relative_to(ROOT)}: {source} uses {target}, missing from the table"
            )
    return problems


def main() -> int:
    problems = check()
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} import rule violation(s); see docs/architecture.md")
        return 1
    print("Import rules: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
