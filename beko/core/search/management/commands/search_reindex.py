from __future__ import annotations

from typing import Any

from django.core.management import BaseCommand

from beko.core.search.index import registered_models, reindex
from beko.core.search.models import SearchTerm


class Command(BaseCommand):
    help = "Rebuild the search index of every registered model (and the vocabulary)."

    def handle(self, *args: Any, **options: Any) -> None:
        SearchTerm.objects.all().delete()
        for model in registered_models():
            count = reindex(model=model)
            self.stdout.write(f"{model._meta.label}: {count} documents")
