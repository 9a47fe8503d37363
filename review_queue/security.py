"""Passwords, tokens, server-side sessions and login throttling of the review app.

Passwords are Argon2id hashes; session cookies and API tokens are random secrets of which
only a SHA-256 is stored, so a copy of the database signs nobody in. Login failures are
counted per user name and per client address; an unknown name costs the same hash check as
a known one and gets the same answer, so the login form does not tell who exists.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.models import User, WebSession, utc_now

_HASHER = PasswordHasher()  # argon2-cffi's defaults are Argon2id (RFC 9106 low-memory)
_DUMMY_HASH = _HASHER.hash("poflow: equalise the time of unknown names")
SESSION_LIFETIME = timedelta(hours=12)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches; a missing user is checked against a dummy hash."""
    try:
        return _HASHER.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def same_secret(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def authenticate(*, session: Session, name: str, password: str) -> User | None:
    """The active user with this name and password, or None (same cost either way)."""
    user = session.scalars(select(User).where(User.name == name)).one_or_none()
    ok = verify_password(user.password_hash if user else None, password)
    return user if ok and user is not None and user.active else None


# --- sessions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SignedIn:
    """Who is behind a request, and the CSRF token their forms must send back."""

    user_id: int
    name: str
    role: str
    csrf_token: str
    via_token: bool = False  # an API token: no cookie, so no CSRF to defend against


def start_session(*, session: Session, user: User, now: datetime | None = None) -> str:
    """A new server-side session; returns the cookie value (only its hash is stored)."""
    now = now or utc_now()
    cookie = new_secret()
    session.execute(delete(WebSession).where(WebSession.expires_at < now))
    session.add(
        WebSession(
            token_hash=secret_hash(cookie),
            user_id=user.id,
            csrf_token=new_secret(),
            created_at=now,
            expires_at=now + SESSION_LIFETIME,
        )
    )
    session.flush()
    return cookie


def session_user(*, session: Session, cookie: str) -> SignedIn | None:
    query = (
        select(WebSession, User)
        .join(User, User.id == WebSession.user_id)
        .where(WebSession.token_hash == secret_hash(cookie), User.active.is_(True))
    )
    row = session.execute(query).first()
    if row is None or row[0].expires_at < utc_now():
        return None
    web, user = row
    return SignedIn(user.id, user.name, user.role, web.csrf_token)


def end_session(*, session: Session, cookie: str) -> None:
    session.execute(delete(WebSession).where(WebSession.token_hash == secret_hash(cookie)))


# --- throttling -------------------------------------------------------------------------


@dataclass
class LoginThrottle:
    """At most `limit` failed logins per key (user name, client address) per `window` seconds."""

    limit: int = 5
    window: float = 900.0
    clock: object = time.monotonic
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def blocked(self, *keys: str) -> bool:
        now = self._now()
        with self._lock:
            return any(len(self._recent(key, now)) >= self.limit for key in keys)

    def failed(self, *keys: str) -> None:
        now = self._now()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def _now(self) -> float:
        clock = self.clock
        assert callable(clock)
        return float(clock())
