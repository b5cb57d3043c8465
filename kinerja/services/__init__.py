"""Business operations on performance data: one transaction each, permission-checked."""


class KinerjaError(Exception):
    """A refused operation, with the Indonesian message shown to the user."""

    def __init__(self, message: str, errors: dict | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}
