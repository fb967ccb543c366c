"""manage.py guide_evaluate --status duldung --months-in-germany 30 --json [--lang en]"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beko.guide.engine import FIELD_NAMES, InvalidInput
from beko.guide.present import evaluation_json, present
from beko.guide.selectors import local_offers_for
from beko.guide.services import guide_evaluate, rule_usage_flush
from beko.guide.texts import LANGUAGES


class Command(BaseCommand):
    help = "Evaluate a situation with the guide's rule base (same names as the API)."

    def add_arguments(self, parser: CommandParser) -> None:
        for name in FIELD_NAMES:
            # Values are strings and validated by the same parser as the API and the form.
            parser.add_argument(f"--{name.replace('_', '-')}", dest=name, metavar="VALUE")
        parser.add_argument("--json", action="store_true", help="print the API's JSON")
        parser.add_argument("--lang", choices=LANGUAGES, default="de")

    def handle(self, *args: Any, **options: Any) -> None:
        data = {name: options[name] for name in FIELD_NAMES if options[name] is not None}
        try:
            evaluation = guide_evaluate(data=data, strict=True)
        except InvalidInput as exc:
            raise CommandError(f"--{exc.field.replace('_', '-')}: {exc.message}") from exc
        finally:
            rule_usage_flush()
        lang = options["lang"]
        if options["json"]:
            result = evaluation_json(evaluation, lang)
            result["local_offers"] = local_offers_for(evaluation=evaluation)
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        view = present(evaluation, lang)
        self.stdout.write(f"as_of {view.as_of.isoformat()} · {view.rulebase_version}")
        for answer in view.answers:
            extra = f" (BA: {answer.ba_consent})" if answer.ba_consent else ""
            depends = (
                f" – depends on {', '.join(q.text for q in answer.depends_on)}"
                if answer.depends_on
                else ""
            )
            self.stdout.write(f"{answer.topic}: {answer.verdict}{extra}{depends}")
            self.stdout.write(f"  {answer.explanation.text}")
            for citation in answer.citations:
                self.stdout.write(f"  – {citation.label} ({citation.url})")
        for route in view.routes:
            reason = f" – {route.reason.text}" if route.reason else ""
            self.stdout.write(f"route: {route.id} [{route.state}] {route.title.text}{reason}")
        for step in view.next_steps:
            self.stdout.write(f"next: {step.text.text}")
        self.stdout.write(view.disclaimer.text)
