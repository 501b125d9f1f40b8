"""What every loader shares: the one-line ``LoadError`` and title clean-up."""

from __future__ import annotations

from pathlib import Path


class LoadError(ValueError):
    """A file that cannot be loaded; ``str()`` is one line naming the file and the reason."""

    def __init__(self, source: str | Path, reason: str) -> None:
        self.source = str(source)
        self.reason = one_line(reason)
        super().__init__(f"{self.source}: {self.reason}")


def one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean_title(raw: object) -> str:
    return " ".join(str(raw).replace("\x00", "").split()) if raw else ""

def size_text(n: int) -> str:
    if n < 2**10:
        return f"{n} bytes"
    if n < 2**20:
        return f"{n / 2**10:.1f} KB"
    return f"{n / 2**20:.1f} MB"
