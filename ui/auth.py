"""Who may do what in the app: accounts, roles, password hashes and a login rate limit.

Roles: ``reader`` may ask (the page and the ``/ask`` API); ``editor`` and ``admin`` may also
upload, replace and remove documents. Accounts come from ``RAG_USERS_FILE`` (TOML or JSON) and/or
``RAG_UI_USER`` + ``RAG_UI_PASSWORD`` (role ``RAG_UI_ROLE``, default ``admin``). With no account
at all the app is open for reading and refuses every upload and removal, saying an admin
account is needed.

Passwords are stored as ``scrypt$<n>$<r>$<p>$<salt>$<hash>`` (stdlib ``hashlib.scrypt``, a
random 16-byte salt; no bcrypt/argon2 package is installed here). Make one with::

    python -m ui.auth hash            # prompts for the password, prints the line to store

A users file::

    [users.wang]
    role = "admin"
    password = "scrypt$16384$8$1$…$…"

Logins are limited per user and client address: after ``MAX_FAILURES`` wrong passwords within
``WINDOW_SECONDS`` every attempt of that pair (even the right password) is refused until the
window has passed.
"""

from __future__ import annotations

import base64
import contextvars
import getpass
import hashlib
import hmac
import json
import os
import secrets
import sys
import threading
import time
import tomllib
from collections import deque
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROLES = ("reader", "editor", "admin")
EDIT_ROLES = ("editor", "admin")
# scrypt cost: n=2**14, r=8 is the parameter set hashlib's docs and OWASP list for interactive
# logins (~50 ms here, unmeasured under load); 64 MB memory limit leaves room for it.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_FAILURES = 5  # wrong passwords per user and address …
WINDOW_SECONDS = 60.0  # … within this many seconds lock that pair out for the rest of the window

CLIENT_ADDRESS: contextvars.ContextVar[str] = contextvars.ContextVar("client_address", default="?")


@dataclass(frozen=True)
class User:
    name: str
    role: str
    password: str  # a scrypt$… hash, or (from the environment only) the plain password


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=2**26)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored`` (a scrypt line, or a plain text from the environment)."""
    if not stored.startswith("scrypt$"):
        return hmac.compare_digest(password.encode(), stored.encode())
    try:
        _, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(
            password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), maxmem=2**26,
            dklen=len(expected),
        )
    except ValueError:
        return False
    return hmac.compare_digest(got, expected)


def load_users(users_file: Path | None, env: Mapping[str, str] | None = None) -> dict[str, User]:
    """Accounts from the users file and the environment.

    Raises:
        ValueError: an unreadable file, an unknown role, a plain-text password in the file, or
            only one of RAG_UI_USER / RAG_UI_PASSWORD set.
    """
    env = os.environ if env is None else env
    users: dict[str, User] = {}
    if users_file is not None:
        try:
            text = users_file.read_text(encoding="utf-8")
            data = json.loads(text) if users_file.suffix.lower() == ".json" else tomllib.loads(text)
        except (OSError, ValueError) as exc:
            raise ValueError(f"RAG_USERS_FILE {users_file} is unreadable: {exc}") from exc
        table = data.get("users", {}) if isinstance(data, dict) else {}
        for name, entry in table.items():
            role, password = str(entry.get("role", "reader")), str(entry.get("password", ""))
            if not password.startswith("scrypt$"):
                raise ValueError(f"user {name!r} in {users_file}: the password must be a scrypt hash "
                                 "(make one with `python -m ui.auth hash`)")
            users[name] = _user(name, role, password)
    name, password = env.get("RAG_UI_USER", ""), env.get("RAG_UI_PASSWORD", "")
    if name or password:
        if not (name and password):
            raise ValueError("set both RAG_UI_USER and RAG_UI_PASSWORD to require a login, or neither")
        users[name] = _user(name, env.get("RAG_UI_ROLE", "admin"), password)
    return users


def _user(name: str, role: str, password: str) -> User:
    if role not in ROLES:
        raise ValueError(f"user {name!r}: role must be one of {', '.join(ROLES)}. Currently, it is {role!r}")
    return User(name, role, password)


class LoginLimiter:
    """At most ``max_failures`` wrong passwords per (user, address) within ``window`` seconds."""

    def __init__(self, max_failures: int = MAX_FAILURES, window: float = WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_failures = max_failures
        self.window = window
        self.clock = clock
        self._failures: MutableMapping[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def blocked(self, user: str, address: str) -> bool:
        with self._lock:
            times = self._recent(user, address)
            return len(times) >= self.max_failures

    def failed(self, user: str, address: str) -> None:
        with self._lock:
            self._recent(user, address).append(self.clock())

    def _recent(self, user: str, address: str) -> deque[float]:
        times = self._failures.setdefault((user, address), deque())
        while times and self.clock() - times[0] > self.window:
            times.popleft()
        return times


class Access:
    """The app's accounts and login check; ``None`` user means anonymous (no accounts configured)."""

    def __init__(self, users: Mapping[str, User], limiter: LoginLimiter | None = None) -> None:
        self.users = dict(users)
        self.limiter = limiter or LoginLimiter()

    @classmethod
    def from_settings(cls, users_file: Path | None, env: Mapping[str, str] | None = None) -> Access:
        return cls(load_users(users_file, env))

    @property
    def enabled(self) -> bool:
        return bool(self.users)

    def login(self, name: str, password: str) -> bool:
        """Gradio's ``auth`` callable: the password is right and the pair is not locked out."""
        address = CLIENT_ADDRESS.get()
        if self.limiter.blocked(name, address):
            return False
        user = self.users.get(name)
        # Hash even for an unknown name so the answer takes as long either way.
        ok = verify_password(password, user.password if user else hash_password("-", salt=b"0" * 16))
        if not (ok and user):
            self.limiter.failed(name, address)
            return False
        return True

    def role(self, username: str | None) -> str | None:
        """The role of a logged-in user; ``reader`` for anonymous use without accounts; None: no access."""
        if not self.users:
            return "reader"
        user = self.users.get(username or "")
        return user.role if user else None

    def can_ask(self, username: str | None) -> bool:
        return self.role(username) in ROLES

    def can_edit(self, username: str | None) -> bool:
        return self.role(username) in EDIT_ROLES

    def can_admin(self, username: str | None) -> bool:
        """Admins alone manage knowledge bases and read the feedback (never without accounts)."""
        return self.enabled and self.role(username) == "admin"


class ClientAddressMiddleware:
    """ASGI middleware that makes the client address visible to the login check (a contextvar)."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        client = scope.get("client")
        token = CLIENT_ADDRESS.set(str(client[0]) if client else "?")
        try:
            await self.app(scope, receive, send)
        finally:
            CLIENT_ADDRESS.reset(token)


def main(argv: list[str]) -> int:
    """``python -m ui.auth hash``: print the scrypt line of a password read from the terminal."""
    if argv[:1] != ["hash"]:
        print("usage: python -m ui.auth hash", file=sys.stderr)
        return 2
    password = getpass.getpass("password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if not password:
        print("empty password", file=sys.stderr)
        return 1
    print(hash_password(password))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
