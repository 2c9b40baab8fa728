"""A token bucket: the flood control's memory of one user (handlers.throttle)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class Bucket:
    capacity: float
    rate: float
    tokens: float = -1.0
    stamp: float = field(default_factory=time.monotonic)
    warned: bool = False

    def wait(self) -> float:
        """Seconds until the next update is allowed (0 if it is now)."""
        return max(0.0, (1.0 - self.tokens) / self.rate)

    def take(self, now: float) -> bool:
        if self.tokens < 0:
            self.tokens = self.capacity
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            if self.tokens >= self.capacity / 2:
                self.warned = False  # the burst is over
            return True
        return False
