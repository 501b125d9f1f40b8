"""Hand-made clause units and a tiny hybrid index over them, for retrieval and answering tests.

The units mimic what the parser makes of the corpus: the plan's chapters 三、/五、 with clauses
numbered continuously (（六） split into two overlapping passages), a paper whose （一） restarts
in every section, and an English regulation with articles and sections.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from rag.index.embed import Embedder, HashingEmbedder
from rag.index.lexical import LexicalIndex
from rag.index.store import DocEntry, Index, Manifest, load_index, make_faiss, now_iso, write_index
from rag.ingest.dockind import title_kind
from rag.records import DocumentMeta, Unit

PLAN = "“十四五”新型城镇化实施方案"
PAPER = "“十四五”时期以人为核心的新型城镇化建设：新特征与新挑战"
REG = "Housing Regulation"

CH3 = "三、加快农业转移人口市民化"
CH5 = "五、推进新型城市建设"
SIX_A = (
    "（六）深化户籍制度改革。放开放宽除个别超大城市外的落户限制，试行以经常居住地登记户口制度。"
    "全面取消城区常住人口300万以下的城市落户限制，确保外地与本地农业转移人口进城落户标准一视同仁。"
)
SIX_B = (
    "确保外地与本地农业转移人口进城落户标准一视同仁。全面放宽城区常住人口300万至500万的I型大城市落户条件。"
    "依法保障进城落户农民农村土地承包权、宅基地使用权、集体收益分配权。"
)


def _unit(doc: str, title: str, path: tuple[str, ...], label: str, ordinal: int, text: str,
          start: int, *, kind: str = "clause", part: int = 0, parts: int = 1) -> Unit:
    return Unit(doc, title, path, label, ordinal, text, (start, start + len(text)), kind, part, parts)


def units() -> list[Unit]:
    six_a_start = 100
    # The second passage starts where the overlap with the first begins.
    overlap = "确保外地与本地农业转移人口进城落户标准一视同仁。"
    six_b_start = six_a_start + len(SIX_A) - len(overlap)
    twelve = "（十二）完善农业转移人口市民化配套政策。健全中央和省级财政农业转移人口市民化奖励机制。"
    return [
        _unit(PLAN, PLAN, (CH3,), CH3[:2], 5, CH3 + "。坚持存量优先、带动增量，推进农业转移人口市民化。", 40,
              kind="preamble"),
        _unit(PLAN, PLAN, (CH3, "（六）深化户籍制度改革"), "（六）", 6, SIX_A, six_a_start, part=0, parts=2),
        _unit(PLAN, PLAN, (CH3, "（六）深化户籍制度改革"), "（六）", 6, SIX_B, six_b_start, part=1, parts=2),
        _unit(PLAN, PLAN, (CH3, "（十二）完善农业转移人口市民化配套政策"), "（十二）", 12, twelve, 900),
        _unit(PLAN, PLAN, (CH5, "（二十六）有序推进城市更新改造"), "（二十六）", 26,
              "（二十六）有序推进城市更新改造。重点在老城区推进以老旧小区、老旧厂区、老旧街区、城中村等"
              "“三区一村”改造为主要内容的城市更新改造。到2025年，基本完成2000年底前建成的城镇老旧小区改造任务。",
              2000),
        _unit(PAPER, PAPER, ("一、新特征", "（一）人口流动"), "（一）", 1,
              "（一）人口流动。农民工的平均年龄达41.7岁，人口流动呈现新特征。", 0),
        _unit(PAPER, PAPER, ("二、新挑战", "（一）户籍制度改革阻点仍在"), "（一）", 2,
              "（一）户籍制度改革阻点仍在。当前户籍制度改革滞后阻碍了农业转移人口市民化进程。", 300),
        _unit(REG, REG, ("Chapter 1 General", "Article 5"), "Article 5", 1,
              "Article 5 Landlords shall register every lease within 30 days.", 0),
        _unit(REG, REG, ("Chapter 2 Tenants", "Section 2.1"), "Section 2.1", 2,
              "Section 2.1 Tenants may renew a lease once.", 100),
    ]


# The kinds the indexer would store for these documents (the laws of law_fixtures by their titles).
KINDS = {PLAN: "policy", PAPER: "commentary", REG: "regulation"}


def build_index(
    directory: Path, unit_list: Sequence[Unit] | None = None, embedder: Embedder | None = None,
    metas: Mapping[str, DocumentMeta] | None = None,
) -> Index:
    """Write an index of ``unit_list`` with the store's own functions and load it back.

    Each document's stored metadata is ``metas[doc_id]``, else its title and kind (:data:`KINDS`).
    """
    metas = metas or {}
    unit_list = list(unit_list if unit_list is not None else units())
    embedder = embedder or HashingEmbedder(128)
    texts = [u.embed_text() for u in unit_list]
    vectors, kind = make_faiss(embedder.embed(texts), embedder.dim, hnsw_threshold=10**9)
    docs = {u.doc_id: u.title for u in unit_list}
    manifest = Manifest(
        embedder_id=embedder.id,
        dim=embedder.dim,
        documents=tuple(
            DocEntry(d, t, f"{d}.txt", "txt", "0" * 64, sum(u.doc_id == d for u in unit_list),
                     detected=metas.get(d) or DocumentMeta(title=t, kind=KINDS.get(d) or title_kind(t) or "law"))
            for d, t in docs.items()
        ),
        unit_count=len(unit_list),
        built_at=now_iso(),
        chunking={},
        lexical_tokenizer="bigram",
        faiss_kind=kind,
    )
    write_index(directory, manifest, unit_list, vectors, LexicalIndex.build(texts, "bigram"))
    return load_index(directory, embedder_id=embedder.id)
