"""Business operations on performance data: one transaction each, permission-checked."""

from sakip.errors import Penolakan


class KinerjaError(Penolakan):
    """A refused operation on performance data (see sakip.errors)."""
