from django.urls import register_converter

from .tickets import InvalidTicket, normalize_ticket

MAX_ID = 10**18 - 1  # 18 digits: fits a 64-bit column, so a huge id is a 404 or a 400, never a 500


class IdConverter:
    """A database id in a URL: at most 18 digits, so it always fits a 64-bit column (no 500)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class TicketConverter:
    """An officials' ticket in a URL: ticket characters only, so odd input is a 404, never a
    database error (PostgreSQL refuses NUL bytes with an exception). A well-formed ticket is
    read as a citizen's is (any letter case, dashes optional); the officials' API answers 400
    for a mistyped one. Public status URLs keep a plain string, to tell a citizen the same."""

    regex = "[0-9A-Za-z-]{1,20}"

    def to_python(self, value: str) -> str:
        try:
            return normalize_ticket(value)
        except InvalidTicket:
            return value

    def to_url(self, value: str) -> str:
        return value


register_converter(IdConverter, "id")
register_converter(TicketConverter, "ticket")
