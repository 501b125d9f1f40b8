"""Decoding the bytes of a text file: BOM, UTF-8, declared charset, GB18030, then detection."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from rag.ingest.errors import LoadError

_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 100_000  # characters looked at by the plausibility checks; enough to judge a file
# A UTF-8 file cut mid-character breaks at most this share of its non-ASCII bytes; GBK breaks
# nearly all of them (unmeasured).
_BROKEN_UTF8_SHARE = 0.01
# A GB18030 reading is Chinese text when this share of its characters is common (ASCII, the URO,
# CJK and general punctuation) and this share of its non-ASCII ones is in GB2312 (unmeasured).
_COMMON_SHARE, _GB2312_SHARE = 0.95, 0.9
# More control characters than this share of the text: a binary file (unmeasured).
_CONTROL_SHARE = 0.05


def decode_text(data: bytes, source: str | Path, *, declared: str | None = None) -> str:
    """Decode the bytes of a text file: BOM, UTF-8, declared charset, GB18030, then detection.

    UTF-8 with a few broken sequences (≤1% of its non-ASCII bytes) is kept as UTF-8, the broken
    bytes shown as U+FFFD, rather than misread as GB18030.

    ``declared`` is an encoding the file names for itself (an HTML ``<meta charset>``); it is
    used only if it decodes the bytes strictly. Valid UTF-8 wins over it: pages that declare
    gb2312 but are saved as UTF-8 are common, and UTF-8 is almost never valid by accident.

    Raises:
        LoadError: binary content, or no encoding gives plausible text.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _check_not_binary(data.decode(codec), source)
            except UnicodeDecodeError:
                raise LoadError(source, f"starts with a {codec.upper()} byte-order mark but is not "
                                        f"valid {codec.upper()}") from None
    if b"\x00" in data:
        raise LoadError(source, "binary file (contains NUL bytes), not text")
    for codec in filter(None, ("utf-8", _codec(declared))):
        try:
            return _check_not_binary(data.decode(codec), source)
        except (UnicodeDecodeError, LookupError):
            pass
    if _nearly_utf8(data):
        return _check_not_binary(data.decode("utf-8", errors="replace"), source)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_like_chinese_text(text):
            return _check_not_binary(text, source)
    from charset_normalizer import from_bytes  # slow to import; only the odd file gets here

    best = from_bytes(data).best()
    if best is not None:
        return _check_not_binary(str(best), source)
    raise LoadError(source, "cannot tell the text encoding (tried UTF-8, GB18030 and detection); "
                            "save it as UTF-8")


def _nearly_utf8(data: bytes) -> bool:
    """UTF-8 with a handful of broken sequences, as a file cut mid-character has.

    Decoded as GB18030, such a file would pass for Chinese text and come out as mojibake
    ("涓枃"); a GBK file, by contrast, breaks UTF-8 at nearly every non-ASCII byte pair.
    """
    non_ascii = len(data.translate(None, bytes(range(0x80))))  # delete ASCII, count the rest
    broken = data.decode("utf-8", errors="replace").count("\ufffd") - data.count("\ufffd".encode())
    return broken <= _BROKEN_UTF8_SHARE * non_ascii


def _codec(name: str | None) -> str | None:
    """The Python codec for a declared charset, widened the way browsers widen it."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # GB2312 and GBK pages routinely use characters only their superset has.
    return {"gb2312": "gb18030", "gbk": "gb18030", "latin-1": "cp1252",
            "iso8859-1": "cp1252"}.get(codec, codec)


def _is_common(ch: str) -> bool:
    """ASCII, CJK ideographs, CJK and full-width punctuation, general punctuation.

    Ideographs of the URO only, not ``rag.text.is_han``: GB18030 decodes foreign bytes into its
    four-byte range (Ext-A, Ext-B), which common Chinese text hardly uses.
    """
    o = ord(ch)
    return (o < 0x80 or 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF
            or 0x2000 <= o <= 0x206F or 0x2460 <= o <= 0x24FF or o in (0xB7, 0xD7, 0xF7))


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _looks_like_chinese_text(text: str) -> bool:
    """Whether a strict GB18030 decoding is plausibly what the author wrote.

    GB18030 accepts most byte sequences, so Latin-1 or Big5 bytes often decode without error
    into rare characters. Real GBK documents are mostly common characters, and nearly all of
    their non-ASCII characters are in the GB2312 core.
    """
    sample = text[:_SAMPLE]
    if not sample or sum(map(_is_common, sample)) < _COMMON_SHARE * len(sample):
        return False
    wide = [ch for ch in sample if ord(ch) >= 0x80]
    return sum(map(_in_gb2312, wide)) >= _GB2312_SHARE * len(wide)


def _check_not_binary(text: str, source: str | Path) -> str:
    sample = text[:_SAMPLE]
    control = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if control > _CONTROL_SHARE * len(sample):
        raise LoadError(source, "binary file (mostly control characters), not text")
    return text.removeprefix("\ufeff")
