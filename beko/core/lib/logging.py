import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

_STANDARD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line, so log shippers need no parsing rules.

    Extra fields passed with ``logger.info("...", extra={...})`` become top-level keys.
    """

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


REDACTED = "[redacted]"
# Addresses that carry a secret link token (the database stores only its hash): inquiry
# status, event registration (detail, ticket, cancel), password reset, "still correct".
# Only the language prefix varies; the German path segments are the same in every language.
_SECRET_PATH = re.compile(
    r"(?P<prefix>/(?:kontakt/status|veranstaltungen/anmeldung|angebote/bestaetigen)/)[^/?#\s]+"
    r"|(?P<reset>/konto/passwort-neu/)[^/?#\s]+/[^/?#\s]+"
)


def redact_secrets(text: str) -> str:
    """`text` with every secret link token replaced by a placeholder."""

    def _replace(match: re.Match[str]) -> str:
        if match.group("reset"):
            return f"{match.group('reset')}{REDACTED}/{REDACTED}"
        return f"{match.group('prefix')}{REDACTED}"

    return _SECRET_PATH.sub(_replace, text)


class RedactSecretsFilter(logging.Filter):
    """Removes secret link tokens from every log line (Django logs the path of 4xx/5xx)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_secrets(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and isinstance(value, str):
                setattr(record, key, redact_secrets(value))
        return True
