from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "beko.core.search"
    label = "search"
    verbose_name = _("Suche")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        connection_created.connect(_tune_postgres, dispatch_uid="beko.search.tune_postgres")


def _tune_postgres(sender: object, connection: object, **kwargs: object) -> None:
    # Typo candidates: a lower trigram threshold than the default 0.3, so that one wrong
    # letter in a five-letter word still finds the word (the edit distance decides after).
    if getattr(connection, "vendor", "") == "postgresql":
        with connection.cursor() as cursor:  # type: ignore[attr-defined]  # the signal's connection is typed object here
            cursor.execute("SET pg_trgm.similarity_threshold = 0.15")
