"""Forms of the events app, one module per concern: `public` (registration, calendar filter),
`staff` (event editing, programme, stands, photos, review, mails, check-in), `contacts`
(network contacts), `fields` (shared field helpers). Import them from here."""

from .contacts import ContactDeleteForm, NetworkContactForm
from .fields import DATETIME_FORMAT, DateTimeLocalField, SafeCharField, clean_text
from .public import EventFilterForm, RegistrationForm
from .staff import (
    MAX_PHOTO_BYTES,
    BaseProgrammeFormSet,
    CancelEventForm,
    CheckInForm,
    EventForm,
    EventPhotoForm,
    MarketStandForm,
    ParticipantMailForm,
    PhotoFormSet,
    ProgrammeFormSet,
    ProgrammeItemForm,
    ReviewForm,
    StandFormSet,
)

__all__ = [
    "DATETIME_FORMAT",
    "MAX_PHOTO_BYTES",
    "BaseProgrammeFormSet",
    "CancelEventForm",
    "CheckInForm",
    "ContactDeleteForm",
    "DateTimeLocalField",
    "EventFilterForm",
    "EventForm",
    "EventPhotoForm",
    "MarketStandForm",
    "NetworkContactForm",
    "ParticipantMailForm",
    "PhotoFormSet",
    "ProgrammeFormSet",
    "ProgrammeItemForm",
    "RegistrationForm",
    "ReviewForm",
    "SafeCharField",
    "StandFormSet",
    "clean_text",
]
