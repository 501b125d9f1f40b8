"""Query rewriting: the words people ask with → the words policy documents are written in.

A civil servant asks "还能不能落户", "孩子上学", "老小区改造"; the plan writes 户籍制度改革,
随迁子女教育, 城市更新. Character-bigram BM25 cannot bridge those, so the lexical query gets the
documents' own terms appended. English questions over Chinese documents get the Chinese terms
of a small domain glossary, which gives the lexical retriever something to match at all (the
dense retriever is multilingual already). The measured effect is in the README and
``benchmarks/retrieval_bench.py``.
"""

from __future__ import annotations

import functools
import re

from rag.query.lay_terms import LAY_TERMS, NOT_KEYS
from rag.query.lay_terms_en import lay_english as statutory_english
from rag.query.legal_terms import CHINESE_KEYS, CHINESE_TERMS, LEGAL_TERMS, WHOLE_WORDS
from rag.text import language

# colloquial → formal. Keys are matched as substrings of the question.
COLLOQUIAL: dict[str, str] = {
    "户口": "户籍 落户",
    "落户": "户籍 落户",
    "入户": "户籍 落户",
    "迁户": "户籍 落户",
    "农民工": "农业转移人口",
    "打工": "农业转移人口 就业",
    "外来人口": "农业转移人口 常住人口",
    "外地人": "农业转移人口 外地",
    "进城": "农业转移人口 市民化",
    "孩子上学": "随迁子女 义务教育",
    "上学": "教育 入学",
    "读书": "教育 入学",
    "看病": "医疗 医疗卫生",
    "医保": "医疗保险",
    "养老金": "养老保险",
    "社保": "社会保险",
    "买房": "住房",
    "租房": "租赁住房 住房",
    "房子": "住房",
    "房价": "住房 房地产",
    "老小区": "老旧小区 城市更新",
    "旧小区": "老旧小区 城市更新",
    "老城": "老城区 城市更新",
    "棚改": "棚户区改造",
    "拆迁": "城市更新 棚户区改造",
    "地铁": "轨道交通",
    "堵车": "交通 拥堵",
    "内涝": "内涝 排水防涝",
    "下大雨": "内涝 排水防涝",
    "淹水": "内涝 排水防涝",
    "停车": "停车场 停车设施",
    "垃圾": "垃圾 生活垃圾 分类",
    "污水": "污水处理",
    "宅基地": "宅基地 农村",
    "承包地": "土地承包经营权",
    "种地": "土地承包 农业",
    "县城": "县城 城镇化",
    "乡下": "乡村 农村",
    "农村": "乡村 农村",
    "大城市": "城市 规模",
    "小县城": "县城",
    "找工作": "就业",
    "技能培训": "职业技能培训",
    "老人": "养老 老年人",
    "托儿": "托育",
    "带娃": "托育 婴幼儿",
    "城中村": "城中村改造",
    "网格": "网格化管理",
    "数字": "数字化 智慧城市",
    "智能": "智慧城市 数字化",
    "多少人": "人口",
    "看海": "内涝 积水",
    "盖楼": "建筑",
    "高楼": "高层建筑",
    "比例": "比例 率",
}

# English → the Chinese terms the corpus uses. Longest phrases first at match time.
GLOSSARY: dict[str, str] = {
    "urban renewal": "城市更新",
    "urban regeneration": "城市更新",
    "old neighborhood": "老旧小区",
    "old neighbourhood": "老旧小区",
    "old residential": "老旧小区",
    "shantytown": "棚户区",
    "urban village": "城中村",
    "household registration": "户籍 落户",
    "hukou": "户籍 落户",
    "settle": "落户",
    "residence permit": "居住证",
    "points-based": "积分落户",
    "point-based": "积分落户",
    "migrant worker": "农业转移人口 农民工",
    "migrant": "农业转移人口",
    "rural population": "农业转移人口 农村",
    "citizenization": "市民化",
    "urbanization rate": "城镇化率",
    "urbanisation rate": "城镇化率",
    "urbanization": "城镇化",
    "urbanisation": "城镇化",
    "city cluster": "城市群",
    "urban agglomeration": "城市群",
    "metropolitan area": "都市圈",
    "metropolitan": "都市圈",
    "megacit": "超大特大城市",
    "large cities": "大城市",
    "small and medium": "中小城市",
    "small cities": "小城市",
    "small town": "小城镇",
    "characteristic town": "特色小镇",
    "county seat": "县城",
    "county": "县城 县域",
    "housing": "住房",
    "rental": "租赁住房",
    "affordable": "保障性住房",
    "real estate": "房地产",
    "children": "随迁子女",
    "education": "教育",
    "school": "学校 教育",
    "medical": "医疗",
    "health": "医疗卫生 健康",
    "hospital": "医院 医疗",
    "pension": "养老保险",
    "elderly": "养老",
    "social security": "社会保险",
    "social insurance": "社会保险",
    "employment": "就业",
    "job": "就业",
    "vocational training": "职业技能培训",
    "training": "培训",
    "land": "土地",
    "homestead": "宅基地",
    "farmland": "耕地",
    "rural": "乡村 农村",
    "urban-rural": "城乡融合",
    "integration": "融合 一体化",
    "infrastructure": "基础设施",
    "public service": "公共服务",
    "transport": "交通",
    "rail": "轨道交通",
    "subway": "轨道交通",
    "metro": "轨道交通",
    "flood": "内涝 防洪",
    "waterlogging": "内涝",
    "drainage": "排水",
    "resilien": "韧性",
    "disaster": "防灾减灾",
    "safety": "安全",
    "smart cit": "智慧城市",
    "digital": "数字化",
    "green": "绿色",
    "low-carbon": "低碳",
    "carbon": "低碳 碳",
    "energy": "能源",
    "pollution": "污染",
    "environment": "生态环境",
    "ecolog": "生态",
    "heritage": "历史文化 保护",
    "culture": "文化",
    "governance": "治理",
    "community": "社区",
    "grassroots": "基层",
    "finance": "资金 金融",
    "funding": "资金",
    "investment": "投资",
    "debt": "债务",
    "target": "目标",
    "goal": "目标",
    "guarantee": "保障措施",
    "safeguard": "保障措施",
    "organization": "组织实施",
    "implementation": "实施",
    "innovation": "创新",
    "industry": "产业",
    "population": "人口",
    "density": "密度",
    "high-quality": "高质量",
    "people-centred": "以人为核心",
    "people-centered": "以人为核心",
    "five-year": "十四五",
    "henan": "河南",
    "central urban work conference": "中央城市工作会议",
    "conference": "会议",
    "meeting": "会议",
    "beijing": "北京",
    "bus": "公交",
    "vehicle": "汽车 车辆",
    "building": "建筑",
    "railway": "铁路",
    "intercity": "城际",
}



# Every Chinese key: the seed topic's colloquial words and the words people use about the law in
# general (rag.query.lay_terms); where both have a key, both lists of terms (the seed's first).
CHINESE: dict[str, str] = {
    key: " ".join(dict.fromkeys(f"{COLLOQUIAL.get(key, '')} {LAY_TERMS.get(key, '')}".split()))
    for key in {**COLLOQUIAL, **LAY_TERMS}
}

# Every English key: the seed topic's glossary and the terms of Chinese legislation in general
# (rag.query.legal_terms); where both have a key, both lists of terms (the seed glossary's first).
ENGLISH: dict[str, str] = {
    key: " ".join(dict.fromkeys(f"{GLOSSARY.get(key, '')} {LEGAL_TERMS.get(key, '')}".split()))
    for key in {**LEGAL_TERMS, **GLOSSARY}
}

# An English key is a word or a stem ("ecolog", "megacit"): it matches at the start of a word and
# at most this many more letters ("ecological", "megacities", "buses"), so "bus" is not found in
# "business" (which read as 公交 when keys matched anywhere).
_STEM_TAIL = 4


@functools.cache
def _english_key(key: str) -> re.Pattern[str]:
    if key in WHOLE_WORDS:
        return re.compile(rf"\b{re.escape(key)}s?\b")
    return re.compile(rf"\b{re.escape(key)}[a-z]{{0,{_STEM_TAIL}}}\b")


def expansions(question: str, *, once: bool = False) -> list[str]:
    """The formal / Chinese terms the question's wording stands for (no duplicates). With
    ``once``, an English phrase is read once, by its longest key ("land contract" is 土地承包, not
    also 合同 for "contract"): the reading a clause's coverage is measured on, where a term the
    clause need not hold halves it. The lexical query keeps every key's terms (the repeated
    bigrams of 失业保险 and 失业 weigh the asked words; measured, reading once lost zh-law hit@1
    0.800 → 0.771)."""
    out: list[str] = []
    lower = question.lower()
    table = ENGLISH if language(question) == "en" else CHINESE
    for key in sorted(table, key=len, reverse=True):
        if table is CHINESE:
            found = holds_key(lower, key)
        elif (m := _english_key(key).search(lower)) is not None:
            found = True
            if once:
                lower = _blanked(lower, m)
        else:
            found = False
        if found:
            for term in table[key].split():
                if term not in out and term not in question:
                    out.append(term)
    return out


def holds_key(question: str, key: str) -> bool:
    """Does the Chinese ``question`` hold the glossary ``key`` outside the longer words that hold it
    and mean something else (:data:`rag.query.lay_terms.NOT_KEYS`: 堵死了 is not 死了)?"""
    if key not in question:
        return False
    for word in NOT_KEYS.get(key, ()):
        question = question.replace(word, " ")
    return key in question


def _blanked(text: str, m: re.Match[str]) -> str:
    """``text`` with the span ``m`` matched replaced by as many spaces (positions stay)."""
    return text[: m.start()] + " " * (m.end() - m.start()) + text[m.end():]


def unread(question: str) -> str:
    """An English ``question`` in lower case with the words its glossary keys read blanked out:
    what is left for a general dictionary (:mod:`rag.query.lexicon`)."""
    lower = question.lower()
    for key in sorted(ENGLISH, key=len, reverse=True):
        for m in reversed(list(_english_key(key).finditer(lower))):
            lower = _blanked(lower, m)
    return lower


def colloquial_keys(question: str) -> list[str]:
    """The keys of the Chinese glossaries that ``question`` holds (its words the glossaries read)."""
    return [key for key in CHINESE if holds_key(question, key)]


def formal(question: str) -> str:
    """The question with its colloquial words replaced by the documents' terms (Chinese only)."""
    if language(question) == "en":
        return question
    for key in sorted(CHINESE, key=len, reverse=True):
        if holds_key(question, key):
            question = question.replace(key, f" {CHINESE[key]} ")
    return question


def english_terms(question: str) -> list[str]:
    """The English words a Chinese question's terms are written as in English statutes
    (:data:`rag.query.legal_terms.CHINESE_TERMS`, longest first, each part of the question read
    once); [] for an English question."""
    if language(question) == "en":
        return []
    out: list[str] = []
    rest = question
    for key in CHINESE_KEYS:
        if key in rest:
            rest = rest.replace(key, " ")
            out.extend(w for w in CHINESE_TERMS[key].split() if w not in out)
    return out


def rewrite(question: str, *, across: bool = True, lay_english: bool = False) -> str:
    """The question with the expansion terms appended, for the lexical retriever; with
    ``across``, a Chinese question also gets the English words of its legal terms; with
    ``lay_english``, an English question the statutory words of its lay ones
    (:mod:`rag.query.lay_terms_en`)."""
    extra = expansions(question) + (english_terms(question) if across else [])
    if lay_english and language(question) == "en":
        extra += [w for w in statutory_english(question) if w not in extra]
    return f"{question} {' '.join(extra)}" if extra else question
