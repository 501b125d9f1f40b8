"""A glossary key inside a longer word that means something else is not read
(rag.query.rewrite.holds_key, rag.query.lay_terms.NOT_KEYS)."""

from __future__ import annotations

from rag.query.rewrite import colloquial_keys, expansions, formal, holds_key


def test_a_blocked_exit_is_not_a_death() -> None:
    question = "超市把安全出口用货架堵死了，会罚多少钱？"
    assert not holds_key(question, "死了")
    assert "死亡" not in expansions(question)
    assert "死了" not in colloquial_keys(question)
    assert "死亡" not in formal(question)


def test_a_death_is_still_read() -> None:
    assert holds_key("他被车撞死了，谁来赔？", "死了")
    assert "死亡" in expansions("他被车撞死了，谁来赔？")
    # Both in one question: the death is read.
    assert holds_key("累死了，老人在家里死了怎么办？", "死了")


def test_a_body_s_short_name_reads_as_the_name_statutes_write() -> None:
    # kn-26 (stop 64): "妇联" shares no bigram with 妇女联合会; its article was 10th.
    assert "妇女联合会" in expansions("我刚调到区妇联工作，妇联在家庭教育这块主要要做哪些事？")
    assert "居民委员会" in formal("我们小区居委会可以办社区家长学校吗？")
    assert "村民委员会" in expansions("村委会能出面批评教育吗？")
