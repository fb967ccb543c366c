"""manage.py guide_evaluate --status duldung --months-in-germany 30 --json"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beko.guide.engine import ANSWER_TOPICS, FIELD_NAMES, InvalidInput
from beko.guide.selectors import local_offers_for
from beko.guide.services import guide_evaluate, rule_usage_flush


class Command(BaseCommand):
    help = "Evaluate a situation with the guide's rule base (same names as the API)."

    def add_arguments(self, parser: CommandParser) -> None:
        for name in FIELD_NAMES:
            # Values are strings and validated by the same parser as the API and the form.
            parser.add_argument(f"--{name.replace('_', '-')}", dest=name, metavar="VALUE")
        parser.add_argument("--json", action="store_true", help="print the API's JSON")
        parser.add_argument("--lang", choices=["de", "en"], default="de")

    def handle(self, *args: Any, **options: Any) -> None:
        data = {name: options[name] for name in FIELD_NAMES if options[name] is not None}
        try:
            evaluation = guide_evaluate(data=data, strict=True)
        except InvalidInput as exc:
            raise CommandError(f"--{exc.field.replace('_', '-')}: {exc.message}") from exc
        finally:
            rule_usage_flush()
        result = evaluation.to_dict()
        result["local_offers"] = local_offers_for(evaluation=evaluation)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        lang = options["lang"]
        self.stdout.write(f"as_of {result['as_of']} · {result['rulebase_version']}")
        for topic in ANSWER_TOPICS:
            answer = evaluation.answers[topic]
            extra = f" (BA: {answer.ba_consent})" if answer.ba_consent else ""
            self.stdout.write(f"{topic}: {answer.verdict}{extra}")
            self.stdout.write(f"  {answer.explanation.get(lang)}")
            for citation in answer.citations:
                self.stdout.write(f"  – {citation.label} ({citation.url})")
        for route in evaluation.routes:
            self.stdout.write(f"route: {route.id} – {route.title.get(lang)}")
        for step in evaluation.next_steps:
            self.stdout.write(f"next: {step.text.get(lang)}")
        self.stdout.write(evaluation.disclaimer.get(lang))
