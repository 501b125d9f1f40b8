"""A corpus of bad files, made here, indexed beside good ones: every good document stays searchable,
every bad file gets a one-line reason, and nothing stops the run."""

from __future__ import annotations

import os
import random
import shutil
import zipfile
from pathlib import Path

import pytest

from rag.index.build import build_index
from rag.index.embed import HashingEmbedder
from rag.index.store import load_index
from rag.settings import Settings
from tests.conftest import DOCUMENTS, REPO

GOOD = [
    REPO / "evals/corpora/zh-laws/中华人民共和国劳动法.pdf",
    REPO / "evals/corpora/zh-laws/工伤保险条例(2010-12-20).md",
    REPO / "evals/corpora/zh-policy/关于加强医疗保障基金使用常态化监管的实施意见.txt",
    *sorted(DOCUMENTS.glob("*.txt"))[:2],
]
GOOD_TEXT = "第一条 为了规范奇怪文件名的处理，制定本规定。\n\n第二条 文件名不影响索引。\n"
ODD_NAMES = ["-rf 名字.txt", "名字 with spaces .txt", "emoji🙂文件.md", "semi;colon$(x).txt", "很长" * 30 + ".txt"]


def _docx_bomb(path: Path) -> None:
    """A .docx whose one part unpacks to 300 MB of zeros (the loader must refuse it unread)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            block = b"\0" * 2**20
            for _ in range(300):
                fh.write(block)


def _bad_corpus(folder: Path, outside: Path) -> dict[str, str]:
    """Write the bad files; returns name → what kind of bad it is."""
    pdf = GOOD[0].read_bytes()
    rng = random.Random(7)
    files: dict[str, bytes | None] = {
        "empty.txt": b"",
        "binary.txt": bytes(rng.randrange(256) for _ in range(4096)),
        "truncated.pdf": pdf[: len(pdf) // 3],
        "fake.pdf": "这不是PDF文件，只是改了扩展名。\n".encode() * 20,
        "zero-width.txt": "\u200b\u200c\u200d\ufeff\u2060\n".encode() * 50,
        "page-marks.txt": "— 1 —\n\n— 2 —\n\n- 3 -\n".encode(),
        "notzip.docx": b"PK\x03\x04 not really a zip",
        "old.doc": b"\xd0\xcf\x11\xe0 an old Word file",
        "gb-binary.html": b"<html><body>" + bytes(rng.randrange(128, 256) for _ in range(3000)) + b"</body></html>",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data or b"")
    _docx_bomb(folder / "bomb.docx")
    with (folder / "huge.txt").open("wb") as fh:  # 60 MB, sparse: refused by size before reading
        fh.truncate(60 * 2**20)
    (folder / "one-line.txt").write_text("城市" + "一二三四五六七八九十" * 35_000, encoding="utf-8")  # 1 MB, no newline
    os.mkfifo(folder / "pipe.txt")
    (folder / "loop_a.txt").symlink_to(folder / "loop_b.txt")
    (folder / "loop_b.txt").symlink_to(folder / "loop_a.txt")
    (folder / "passwd.txt").symlink_to(outside)
    return {p.name: "" for p in folder.iterdir()}


@pytest.mark.integration  # about 15 s: a 300 MB zip bomb to write and a 1 MB line to parse
def test_bad_files_beside_a_good_corpus(tmp_path: Path) -> None:
    docs = tmp_path / "documents"
    docs.mkdir()
    for source in GOOD:
        shutil.copy(source, docs / source.name)
    for name in ODD_NAMES:
        (docs / name).write_text(GOOD_TEXT, encoding="utf-8")
    outside = tmp_path / "passwd"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    bad_dir = docs / "bad"
    bad_dir.mkdir()
    bad = _bad_corpus(bad_dir, outside)

    settings = Settings(documents_dir=docs, index_dir=tmp_path / "index", embedder="hashing-256",
                        cache_dir=tmp_path / "cache")
    report = build_index(settings, lambda: HashingEmbedder(256), progress=False)
    index = load_index(settings.index_path)

    reasons = {Path(s.source).name: s.reason for s in report.skipped}
    indexed = {d.doc_id for d in index.manifest.documents}
    for name in bad:
        if f"bad/{Path(name).stem}" in indexed:
            assert name == "one-line.txt", f"{name} should not have been indexed"
            continue
        assert name in reasons, f"{name} has no reason"
        assert reasons[name] and "\n" not in reasons[name] and len(reasons[name]) <= 300
    assert not any("root:x" in u.text for u in index.units)

    good_ids = {p.stem for p in GOOD} | {Path(n).stem for n in ODD_NAMES}
    assert good_ids <= indexed, good_ids - indexed
    for doc_id in good_ids:
        unit = next(u for u in index.units if u.doc_id == doc_id and len(u.text) > 20)
        hits = index.lexical_search(unit.text[:60], 5)
        assert any(index.units[row].doc_id == doc_id for row, _ in hits), doc_id

    again = build_index(settings, lambda: HashingEmbedder(256), progress=False)
    assert again.up_to_date and again.units == report.units
