"""How many messages one sender may send per minute before being asked to slow down."""

from __future__ import annotations

import time
from collections import deque


class SenderRateLimit:
    """A sliding one-minute window per sender, kept in this process's memory."""

    def __init__(self, per_minute: int, clock=time.monotonic) -> None:
        self._per_minute = per_minute
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}

    def allow(self, sender: str) -> bool:
        now = self._clock()
        window = self._seen.setdefault(sender, deque())
        while window and now - window[0] >= 60:
            window.popleft()
        if len(window) >= self._per_minute:
            return False
        window.append(now)
        if len(self._seen) > 100_000:  # forget idle senders so memory stays bounded
            self._seen = {key: times for key, times in self._seen.items() if times and now - times[-1] < 60}
        return True

    def window(self) -> int:
        """The current minute, to name the single "slow down" notice a sender gets per minute."""
        return int(self._clock() // 60)
