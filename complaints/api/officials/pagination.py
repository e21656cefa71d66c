"""Pages of the officials' lists. The cases list pages by position (`cursor`), so a deep page
costs what the first one does; `page=N` still answers as before, by offset."""

from django.core.paginator import Paginator as DjangoPaginator
from django.utils.translation import gettext as _
from rest_framework.pagination import PageNumberPagination, replace_query_param
from rest_framework.response import Response

from ...errors import Invalid
from ...oversight import snapshot
from ...triage import keyset, selectors
from ...triage.filters import CaseFilters

PAGE_SIZE, MAX_PAGE_SIZE = 25, 100


class Pagination(PageNumberPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


class CountedPagination(Pagination):
    """Page numbers over a total known beforehand (from a snapshot): no COUNT of every row."""

    def __init__(self, count: int):
        self.known_count = count

    def django_paginator_class(self, object_list, per_page):
        paginator = DjangoPaginator(object_list, per_page)
        paginator.count = self.known_count  # a cached property: set, it is never computed
        return paginator


def cases_page(request, *, filters: CaseFilters, serializer_class) -> Response:
    """Answer a page of the queue's list: `{count, next, previous, results}`.

    `next` carries the position of the page's last case. `count` comes from the queue's counts
    snapshot (exact while nothing changed; see oversight/snapshot.py), as the queue page's tabs
    do: counting a million cases at every page was most of a page's time.
    """
    ordered = selectors.case_list_for_user(user=request.user, filters=filters)
    if "page" in request.query_params:  # the offset pages of before, for clients that ask for them
        paginator = Pagination()
        page = paginator.paginate_queryset(ordered, request)
        return paginator.get_paginated_response(serializer_class(page, many=True).data)
    size = Pagination().get_page_size(request)
    cursor = request.query_params.get("cursor")
    try:
        position = keyset.Position.from_cursor(cursor) if cursor else None
    except keyset.InvalidCursor:
        raise Invalid.on_field(
            "cursor", _("Penanda halaman tidak dikenal. Mulai lagi dari halaman pertama (tanpa cursor).")
        ) from None
    rows, following, preceding = _rows_around(ordered, position=position, size=size)
    link = request.build_absolute_uri()
    counts = snapshot.queue_counts(user=request.user, filters=filters)["by_status"]
    count = counts.get(filters.status, 0) if filters.status else sum(counts.values())
    return Response(
        {
            "count": count,
            "next": replace_query_param(link, "cursor", following.cursor()) if following else None,
            "previous": replace_query_param(link, "cursor", preceding.cursor()) if preceding else None,
            "results": serializer_class(rows, many=True).data,
        }
    )


def _rows_around(ordered, *, position: keyset.Position | None, size: int) -> tuple[list, object, object]:
    """Return a page's rows and the positions of the pages after and before it (None: no such page).

    One row more than the page is read, to know whether another page follows in that direction.
    """
    if position is not None and position.backwards:
        rows = keyset.page_before(ordered, before=position, size=size + 1)
        more_before = len(rows) > size
        rows = rows[1:] if more_before else rows
        following = keyset.Position.of(rows[-1]) if rows else None
        preceding = keyset.Position.of(rows[0], backwards=True) if more_before else None
        return rows, following, preceding
    rows = keyset.page_after(ordered, after=position, size=size + 1)
    more_after = len(rows) > size
    rows = rows[:size]
    following = keyset.Position.of(rows[-1]) if more_after else None
    preceding = keyset.Position.of(rows[0], backwards=True) if position is not None and rows else None
    return rows, following, preceding
