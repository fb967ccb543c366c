"""Back office for inquiries (`staff_urls.py`), one module per concern.

- `queue`: the queue with filters and SLA, phone entry;
- `casework`: one inquiry's page and its actions (claim, assign, status, note, merge, attachment);
- `answers`: replies (templates, preview, e-mail) and FAQ entries made from an inquiry;
- `reply_templates`: the reply templates;
- `numbers`: monthly numbers (chart, CSV);
- `privacy`: the Art. 15 export.
"""

from .answers import faq_create, reply
from .casework import assign, attachment_download, claim, detail, merge, note_add, transition
from .numbers import stats, stats_csv
from .privacy import subject_access
from .queue import phone_create, queue
from .reply_templates import template_delete, template_edit, template_list

__all__ = [
    "assign",
    "attachment_download",
    "claim",
    "detail",
    "faq_create",
    "merge",
    "note_add",
    "phone_create",
    "queue",
    "reply",
    "stats",
    "stats_csv",
    "subject_access",
    "template_delete",
    "template_edit",
    "template_list",
    "transition",
]
