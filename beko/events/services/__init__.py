"""Writes of the events app, by concern; import them from here (`from beko.events import
services`):

- `events`: save (translations, audiences, recurrence), review, unpublish, cancel;
- `registrations`: registrations under the event lock, the waiting list, check-in, mails;
- `retention`: anonymising registrations of past events;
- `contacts`: the office's network contacts.
"""

from ._common import ACTIVE, TOKEN_SALT, RegistrationError, log_staff_action
from .contacts import CONTACT_FIELDS, network_contact_delete, network_contact_save
from .events import (
    EVENT_FIELDS,
    TRANSLATED_EVENT_FIELDS,
    event_cancel,
    event_review,
    event_save,
    event_unpublish,
    events_refresh_next_dates,
)
from .registrations import (
    RegistrationInput,
    _lock_event,
    participants_mail,
    registration_cancel,
    registration_check_in,
    registration_create,
    registration_from_token,
    registration_token,
    registration_undo_check_in,
    registration_window_error,
    session_capacity_changed,
)
from .retention import registrations_anonymise

__all__ = [
    "ACTIVE",
    "CONTACT_FIELDS",
    "EVENT_FIELDS",
    "TOKEN_SALT",
    "TRANSLATED_EVENT_FIELDS",
    "RegistrationError",
    "RegistrationInput",
    "_lock_event",
    "event_cancel",
    "event_review",
    "event_save",
    "event_unpublish",
    "events_refresh_next_dates",
    "log_staff_action",
    "network_contact_delete",
    "network_contact_save",
    "participants_mail",
    "registration_cancel",
    "registration_check_in",
    "registration_create",
    "registration_from_token",
    "registration_token",
    "registration_undo_check_in",
    "registration_window_error",
    "registrations_anonymise",
    "session_capacity_changed",
]
