"""The one base error of the services: every view and command turns it into its Swedish message."""


class ServiceError(Exception):
    """A refused write or bad input. `str(error)` is the Swedish message shown to the user.

    `details` holds further lines (for example one per bad row of an import: sheet, row, column) that a page or a
    command lists under the message.
    """

    def __init__(self, message: str, details=None):
        super().__init__(message)
        self.message = message
        self.details = list(details or [])


def validation_message(error) -> str:
    """A Django ValidationError's messages as the one Swedish sentence a ServiceError carries."""
    return " ".join(error.messages)
