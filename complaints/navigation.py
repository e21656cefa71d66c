"""What the officials' menu offers, from the same permission rules the views apply."""

from . import permissions


def officials_menu(request) -> dict:
    """Add `menu` to every template's context: the officials' links this user may follow."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": {}}
    return {
        "menu": {
            "record_finding": permissions.has(user, permissions.RECORD_FINDING),
            "export": permissions.has(user, permissions.EXPORT),
        }
    }
