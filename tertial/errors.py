"""The one base error of the services: every view and command turns it into its Swedish message."""


class ServiceError(Exception):
    """A refused write or bad input. `str(error)` is the Swedish message shown to the user.

    `details` holds further lines (for example one per bad row of an import: sheet, row, column) that a page or a
    command lists under the message.
    """

    # The HTTP status of the page that tells the user (`tertial.middleware.ServiceErrorMiddleware`): a 4xx, never 500.
    status = 400
    is_conflict = False

    def __init__(self, message: str, details=None):
        super().__init__(message)
        self.message = message
        self.details = list(details or [])


class PermissionRefused(ServiceError):
    """The user's role does not allow the write."""

    status = 403


class Conflict(ServiceError):
    """Somebody saved the same thing after the user opened it: nothing was written."""

    status = 409
    is_conflict = True


class Frozen(ServiceError):
    """The row belongs to, or is printed by, a fastställd report (`tertial.freeze`)."""

    status = 409


def validation_message(error) -> str:
    """A Django ValidationError's messages as the one Swedish sentence a ServiceError carries."""
    return " ".join(error.messages)
