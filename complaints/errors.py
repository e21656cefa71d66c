"""Domain errors: what cannot happen, and why, in words for the person who asked.

No HTTP here. The API's exception handler and the HTML views' decorator (`responses.py`) each map
these to a status code once.
"""


class DomainError(Exception):
    """An action or request the rules refuse. `fields` names the inputs at fault, if any."""

    code = "invalid"

    def __init__(self, message: str, *, fields: dict[str, list[str]] | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
        if code:
            self.code = code

    @classmethod
    def on_field(cls, field: str, message: str, **kwargs) -> "DomainError":
        """Return the error with `message` both as the message and on `field`."""
        return cls(message, fields={field: [message]}, **kwargs)


class Invalid(DomainError):
    """The input breaks a rule: a missing note, an unknown reason, a primary that is no primary."""

    code = "invalid"


class NotAllowed(DomainError):
    """The person may not do this: their role, the four-eyes rule, a wrong access code."""

    code = "forbidden"


class NotFound(DomainError):
    """What was asked for does not exist (yet): an unknown case, a copy not made yet."""

    code = "not_found"


class Conflict(DomainError):
    """The state does not allow it now: another official acted first, the case moved on."""

    code = "conflict"
