"""Replay recorded HTTP exchanges from a loopback server, for tests of the real chat clients.

A cassette (``tests/data/cassettes/*.json``) holds one exchange: the request's method, path
and JSON body as recorded, and the response's status, content type and body bytes. ``Replay``
serves each cassette at its method and path on 127.0.0.1 (any request body), keeps what the
client sent for the test to check, and can stall: ``delay`` seconds before answering, after
``stall_after`` bytes of the body — long enough for a client timeout, bounded so a test ends.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CASSETTES = Path(__file__).parent / "data" / "cassettes"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CASSETTES / f"{name}.json").read_text(encoding="utf-8"))
    return data


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.server.received.append({"path": self.path, "headers": headers, "body": json.loads(body or b"{}")})
        exchange = self.server.exchanges.get(("POST", self.path))
        if exchange is None:
            self.send_error(404, f"no cassette for POST {self.path}")
            return
        response = exchange["response"]
        payload = response["body"].encode("utf-8")
        self.send_response(response["status"])
        self.send_header("Content-Type", response["content_type"])
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        cut = min(self.server.stall_after, len(payload))
        self.wfile.write(payload[:cut])
        self.wfile.flush()
        self.server.stopped.wait(self.server.delay)
        with contextlib.suppress(OSError):  # the client gave up (timed out) and closed the connection
            self.wfile.write(payload[cut:])

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, exchanges: dict[tuple[str, str], dict[str, Any]], delay: float, stall_after: int) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.exchanges = exchanges
        self.delay = delay
        self.stall_after = stall_after
        self.received: list[dict[str, Any]] = []
        self.stopped = threading.Event()


@contextmanager
def replay(*names: str, delay: float = 0.0, stall_after: int = 0) -> Iterator[_Server]:
    """A loopback server answering with the named cassettes; ``server.server_address`` is its
    address and ``server.received`` the requests it got."""
    exchanges = {}
    for name in names:
        exchange = load(name)
        exchanges[(exchange["request"]["method"], exchange["request"]["path"])] = exchange
    server = _Server(exchanges, delay, stall_after)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopped.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def url(server: _Server) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}"

