"""The columnar units file (index format 2): what is written is read back equal, damage is an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.index.unitfile import UNITS_DIR, has_units, read_units, write_units
from rag.records import Unit


def _units() -> list[Unit]:
    return [
        Unit("住房租赁条例", "住房租赁条例", ("第一章 总则", "第一条"), "第一条", 1,
             "第一条 为了规范住房租赁活动，制定本条例。", (10, 31), kind="article"),
        Unit("住房租赁条例", "住房租赁条例", ("第一章 总则", "第二条"), "第二条", 2, "第二条 本条例适用于…𠮷", (32, 45),
             kind="article", part=1, parts=3, lead="下列情形：", deleted=2, page=7),
        Unit("gdpr", "GDPR", (), "Article 5", 3, "", (0, 0), kind="clause"),
        Unit("gdpr", "GDPR", ("Chapter\r\nI",), "Article 5a", 3, "line\r\nbreaks\rkept\n", (0, 20)),
        Unit("gdpr", "GDPR", ("Chapter II", "Article 6 Lawfulness"), "Article 6", 4, "Processing shall be lawful.",
             (50, 77)),
    ]


def test_units_round_trip_exactly(tmp_path: Path) -> None:
    units = _units()
    write_units(tmp_path, units)
    assert has_units(tmp_path)
    assert read_units(tmp_path) == units


def test_no_units_round_trip(tmp_path: Path) -> None:
    write_units(tmp_path, [])
    assert read_units(tmp_path) == []


def test_a_truncated_texts_file_is_an_error_naming_the_folder(tmp_path: Path) -> None:
    write_units(tmp_path, _units())
    texts = tmp_path / UNITS_DIR / "texts.txt"
    texts.write_text(texts.read_text(encoding="utf-8")[:-3], encoding="utf-8")
    with pytest.raises(ValueError, match="units"):
        read_units(tmp_path)
