"""Chinese and Roman numerals."""

from __future__ import annotations

import pytest

from rag.ingest.numerals import cn_to_int, int_to_cn


@pytest.mark.parametrize(("text", "value"), [
    ("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("五十二", 52), ("九十九", 99), ("一百", 100),
    ("一百零三", 103), ("一百一十", 110), ("两百", 200), ("一千零五", 1005), ("〇", 0), ("零", 0),
    ("两千零二十一", 2021), ("二〇二一", 2021),
])
def test_cn_to_int(text: str, value: int) -> None:
    assert cn_to_int(text) == value


@pytest.mark.parametrize("bad", ["", "六a", "第六", "6"])
def test_cn_to_int_rejects_non_numerals(bad: str) -> None:
    with pytest.raises(ValueError):
        cn_to_int(bad)


def test_int_to_cn_round_trips() -> None:
    assert [int_to_cn(n) for n in (0, 1, 10, 11, 20, 52, 103, 110, 1005, 2021)] == [
        "零", "一", "十", "十一", "二十", "五十二", "一百零三", "一百一十", "一千零五", "二千零二十一",
    ]
    assert all(cn_to_int(int_to_cn(n)) == n for n in range(10000))
    with pytest.raises(ValueError, match="10000"):
        int_to_cn(10000)
