"""The FAQ's vocabularies, shared with other apps: defined once in `beko.core.vocabulary`."""

from beko.core.vocabulary import Audience, Topic

__all__ = ["Audience", "Topic"]
