"""Every environment variable the project reads is documented (README table, .env.example)."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
READ_PATTERN = re.compile(
    r"""(?:env_str|env_bool|env_int|env_list|os\.environ\.get|os\.getenv)\(\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def _variables_read_by(path: Path) -> set[str]:
    return set(READ_PATTERN.findall(path.read_text()))


def test_settings_and_gunicorn_read_the_variables_we_expect():
    names = _variables_read_by(ROOT / "beko" / "settings.py")
    assert {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "REDIS_URL", "EMAIL_HOST"} <= names


def test_every_environment_variable_is_in_the_readme_configuration_table():
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names = _variables_read_by(ROOT / "beko" / "settings.py") | _variables_read_by(
        ROOT / "gunicorn.conf.py"
    )
    missing = sorted(name for name in names if f"`{name}`" not in table)
    assert missing == [], f"document these in README.md, section Configuration: {missing}"


def test_every_settings_variable_is_in_env_example():
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, re.MULTILINE))
    missing = sorted(_variables_read_by(ROOT / "beko" / "settings.py") - listed)
    assert missing == [], f"add these to .env.example: {missing}"
