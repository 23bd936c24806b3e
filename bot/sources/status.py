"""A source's health as ``briefbot sources`` and ``/sources`` show it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class SourceStatus:
    key: str
    kind: str
    name: str
    location: str
    last_attempt: str | None = None
    last_success: str | None = None
    last_error: str | None = None
    last_error_at: str | None = None
    last_added: int = 0
    total_added: int = 0
    configured: bool = True

    def describe(self) -> str:
        """One line: what the source is and how it last went."""
        head = f"{self.name} ({self.kind}{'' if self.configured else ', added by ingest'})"
        if self.name != self.location:
            head += f" {self.location}"
        if self.last_attempt is None:
            return f"{head}: not refreshed yet"
        ok = (f"last success {self.last_success}, {self.last_added} added then, "
              f"{self.total_added} in all" if self.last_success else "never succeeded")
        error = (f"; last error {self.last_error_at}: {self.last_error}"
                 if self.last_error else "")
        return f"{head}: {ok}{error}"


def merge(configured: Sequence[SourceStatus], known: Sequence[SourceStatus]
          ) -> list[SourceStatus]:
    """Configured sources in config order (with what is known of them), then the others."""
    by_key = {status.key: status for status in known}
    merged = [by_key.pop(c.key, c) for c in configured]
    merged += [replace(s, configured=False) for s in by_key.values()]
    return merged
