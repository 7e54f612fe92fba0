"""How talking to Garmin Connect can fail, in runlift's terms: one set of errors for every
command that uses the account (the sync, `runlift login`, and what uploads to it).

```
RunliftError
└── SourceError
    ├── TransientSourceError            stop now, keep what was done; the next run tries again
    │   ├── GarminRateLimited           HTTP 429: not tonight (never retried within minutes)
    │   ├── GarminBlocked               HTTP 403: Garmin blocks this client or network for now
    │   └── GarminUnavailable           5xx, no answer, or the token server down (login kept)
    ├── AuthError                       the login itself is refused → `runlift login`
    ├── GarminPrivacyProtected          Garmin withholds the account's data → the user acts
    ├── ItemNotFound                    HTTP 404 for one item
    ├── ItemRefused                     another 4xx for one item
    ├── MalformedResponse               the body is not JSON
    └── MalformedItem                   JSON, but not the shape the endpoint returns
```

No garminconnect here: `client.py` turns the library's exceptions into these.
"""

from __future__ import annotations

from runlift_sync.errors import SourceError, TransientSourceError

SOURCE = "garmin_connect"
RELOGIN = "run `runlift login` to sign in to Garmin Connect again"


class GarminRateLimited(TransientSourceError):
    """Garmin Connect answered HTTP 429: stop for tonight, resume from the stored state."""

    def __init__(self, message: str) -> None:
        super().__init__(message, source=SOURCE)


class GarminBlocked(TransientSourceError):
    """HTTP 403 where the login is fine (the profile, the download service): Garmin refuses
    this client or network for now. Never a reason to sign in again or drop the tokens."""

    def __init__(self, message: str) -> None:
        super().__init__(message, source=SOURCE)


class GarminUnavailable(TransientSourceError):
    """5xx or network failures that outlasted the library's retries, or Garmin's token
    server failing to renew a login that is still valid."""

    def __init__(self, message: str) -> None:
        super().__init__(message, source=SOURCE)


class GarminPrivacyProtected(SourceError):
    """Garmin Connect answers that the account's data is privacy-protected for this login."""

    def __init__(self, message: str) -> None:
        super().__init__(message, source=SOURCE)


class ItemNotFound(SourceError):
    """HTTP 404 for one item (a deleted activity, an activity with no set list)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, source=SOURCE)


class ItemRefused(SourceError):
    """Another 4xx for one item; `text` holds what Garmin said."""

    def __init__(self, message: str, *, status: int | None, text: str | None) -> None:
        self.status = status
        self.text = text
        super().__init__(message, source=SOURCE)


class MalformedResponse(SourceError):
    """The body is not JSON; `text` holds it as received."""

    def __init__(self, message: str, *, text: str) -> None:
        self.text = text
        super().__init__(message, source=SOURCE)


class MalformedItem(SourceError):
    """A body that is not what the endpoint returns; the item is set aside with its body."""

    def __init__(self, message: str) -> None:
        super().__init__(message, source=SOURCE)
