"""Deep pages of the queue's list without OFFSET: a page starts after the last case of the one
before it, in the queue's order (deadline, nulls last; then submitted_at and id).

OFFSET makes the database read and throw away every case before the page: at a million cases a
deep page of the API list took seconds. Here a page is read from the queue's index (migration
0015) starting at a position, so every page costs what the first one does. A position travels as
an opaque cursor in the API's `next` link.
"""

import base64
import datetime
import json
from dataclasses import dataclass

from django.db import connections
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from ..converters import MAX_ID
from ..models import Case


class InvalidCursor(ValueError):
    pass


@dataclass(frozen=True)
class Position:
    """Where a page ended: its last case's place in the queue's order."""

    deadline: datetime.date | None
    submitted_at: datetime.datetime
    pk: int
    backwards: bool = False  # the page before this position, not after it

    @classmethod
    def of(cls, case: Case, *, backwards: bool = False) -> "Position":
        return cls(case.deadline, case.submitted_at, case.pk, backwards)

    def cursor(self) -> str:
        deadline = self.deadline.isoformat() if self.deadline else None
        raw = [deadline, self.submitted_at.isoformat(), self.pk] + (["before"] if self.backwards else [])
        return base64.urlsafe_b64encode(json.dumps(raw, separators=(",", ":")).encode()).decode().rstrip("=")

    @classmethod
    def from_cursor(cls, cursor: str) -> "Position":
        """Read a cursor of `cursor()`; anything else raises InvalidCursor."""
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            deadline, submitted_at, pk, *direction = json.loads(raw)
            position = cls(
                parse_date(deadline) if deadline is not None else None,
                parse_datetime(submitted_at),
                pk,
                direction == ["before"],
            )
            position.submitted_at.astimezone(datetime.UTC)  # a time the database can store
        except (ValueError, TypeError, AttributeError, OverflowError) as error:
            raise InvalidCursor(cursor) from error
        if (
            timezone.is_naive(position.submitted_at)
            or (deadline is not None and position.deadline is None)
            or type(pk) is not int
            or not 0 < pk <= MAX_ID  # an id the database can hold, not one that overflows its column
            or direction not in ([], ["before"])
        ):
            raise InvalidCursor(cursor)
        return position


_CASE = '"complaints_case"'
_AFTER_WITH_DEADLINE = f"({_CASE}.deadline, {_CASE}.submitted_at, {_CASE}.id) > (%s, %s, %s)"
_AFTER_WITHOUT_DEADLINE = f"({_CASE}.submitted_at, {_CASE}.id) > (%s, %s)"
_BEFORE_WITH_DEADLINE = f"({_CASE}.deadline, {_CASE}.submitted_at, {_CASE}.id) < (%s, %s, %s)"
_BEFORE_WITHOUT_DEADLINE = f"({_CASE}.submitted_at, {_CASE}.id) < (%s, %s)"


def _later(sql: str, *values) -> RawSQL:
    """A row comparison with its values as the database stores them (bound, never formatted in)."""
    operations = connections[Case.objects.db].ops
    adapted = [
        operations.adapt_datetimefield_value(value)
        if isinstance(value, datetime.datetime)
        else operations.adapt_datefield_value(value)
        if isinstance(value, datetime.date)
        else value
        for value in values
    ]
    return RawSQL(sql, adapted, output_field=BooleanField())  # noqa: S611 (bound parameters)


def page_after(ordered: QuerySet[Case], *, after: Position | None, size: int) -> list[Case]:
    """Return the `size` cases of `ordered` (the queue's order) that follow `after`.

    A row comparison is what the index seeks to; it leaves out the cases without a deadline
    (NULL compares as unknown), which come last: they are read second, when the first part ends
    within the page.
    """
    if after is None:
        return list(ordered[:size])
    if after.deadline is None:
        later = _later(_AFTER_WITHOUT_DEADLINE, after.submitted_at, after.pk)
        return list(ordered.filter(later, deadline__isnull=True)[:size])
    page = list(ordered.filter(_later(_AFTER_WITH_DEADLINE, after.deadline, after.submitted_at, after.pk))[:size])
    if len(page) < size:
        page += list(ordered.filter(deadline__isnull=True)[: size - len(page)])
    return page


def page_before(ordered: QuerySet[Case], *, before: Position, size: int) -> list[Case]:
    """Return the `size` cases of `ordered` just before `before`, in the queue's order.

    Read backwards through the same index: first the cases without a deadline before it (when
    it has none), then those with one.
    """
    backwards = ordered.reverse()
    page = []
    if before.deadline is None:
        earlier = _later(_BEFORE_WITHOUT_DEADLINE, before.submitted_at, before.pk)
        page = list(backwards.filter(earlier, deadline__isnull=True)[:size])
        with_deadline = backwards.filter(deadline__isnull=False)
    else:
        with_deadline = backwards.filter(_later(_BEFORE_WITH_DEADLINE, before.deadline, before.submitted_at, before.pk))
    if len(page) < size:
        page += list(with_deadline[: size - len(page)])
    return page[::-1]
