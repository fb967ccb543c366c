"""Model instances from hand-written SQL, converted exactly as the ORM converts its rows
(and, for an INSERT written out, its values prepared exactly as the ORM prepares them).

For the few hot paths where building a query costs more CPU than the database needs to answer
it (a registration reads an event, its sessions and the locked event row: three ORM queries
were most of its time). The columns are the model's own fields, so the instance is the one the
ORM would build (`Model.from_db`, with the other fields deferred), including the database's
value converters (SQLite returns datetimes as naive strings; the ORM makes them aware).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Field, Model

M = TypeVar("M", bound=Model)
Converter = Callable[[Any, Any, Any], Any]


class RawColumns:
    """Some fields of `model` under a table alias: their SQL and how to build instances."""

    def __init__(self, model: type[M], names: Iterable[str], *, alias: str) -> None:
        wanted = set(names) | {model._meta.pk.name}  # type: ignore[union-attr]  # every model has a pk
        # Model.from_db takes the values in the order of the concrete fields.
        self.model = model
        self.fields: list[Field[Any, Any]] = [
            f for f in model._meta.concrete_fields if f.name in wanted or f.attname in wanted
        ]
        self.attnames = [f.attname for f in self.fields]
        self.alias = alias
        self._converters: dict[str, list[list[tuple[Converter, Any]]]] = {}

    def sql(self) -> str:
        """The column list for SELECT, e.g. `e."id", e."status"`."""
        quote = connection.ops.quote_name
        # str(): a concrete field always has a column (the stubs allow None).
        return ", ".join(f"{self.alias}.{quote(str(f.column))}" for f in self.fields)

    def _converters_for_connection(self) -> list[list[tuple[Converter, Any]]]:
        vendor = connection.vendor
        if vendor not in self._converters:
            per_field = []
            for field in self.fields:
                col = field.get_col(self.alias)
                funcs = [*connection.ops.get_db_converters(col), *col.get_db_converters(connection)]
                per_field.append([(func, col) for func in funcs])
            self._converters[vendor] = per_field
        return self._converters[vendor]

    def instance(self, values: Sequence[Any]) -> Model:
        """An instance from this object's columns of one row (in the order of `sql()`)."""
        converted = []
        for value, converters in zip(values, self._converters_for_connection(), strict=True):
            for func, col in converters:
                value = func(value, col, connection)
            converted.append(value)
        return self.model.from_db(connection.alias, self.attnames, converted)


def insert_values(obj: Model, *, exclude: Iterable[str] = ()) -> tuple[list[str], list[Any]]:
    """The quoted columns and the values the ORM's INSERT of `obj` would send (without the
    auto primary key and the fields in `exclude`), for an INSERT written out by hand.

    Each value goes through the field's `pre_save` and `get_db_prep_save`, as in
    `Model.save()`: defaults already set on the instance, dates adapted for the database.
    """
    quote = connection.ops.quote_name
    skipped = set(exclude)
    columns, values = [], []
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in skipped or field.attname in skipped:
            continue
        columns.append(quote(str(field.column)))
        values.append(field.get_db_prep_save(field.pre_save(obj, True), connection))
    return columns, values
