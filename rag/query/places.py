"""Places a question names: China's provinces and its larger cities, in Chinese and in English.

A question asking a figure for a named place ("深圳住房公积金缴存比例上限是多少？", "What is the
minimum wage in Shanghai?") is answered only by a text that names that place: a national law's
figure is not Shenzhen's, and the commonest near miss of a policy corpus is a local figure the
national texts leave to local governments. :func:`rag.retrieve.signals.figure_missing` reads it.

On the development set (15 texts, 802 questions), a number question naming a place that none of
the first three clauses (with their titles and headings) names: 12 questions, all unanswerable;
naming one that they do: 48, 41 answerable.

Example::

    named_places("深圳积分落户的分数线是多少？")          # (('深圳', 'Shenzhen'),)
    mentions("深圳市积分落户办法", ("深圳", "Shenzhen"))   # True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Provincial-level divisions and the larger cities: (Chinese, English).
PLACES: tuple[tuple[str, str], ...] = (
    ("北京", "Beijing"), ("天津", "Tianjin"), ("上海", "Shanghai"), ("重庆", "Chongqing"),
    ("河北", "Hebei"), ("山西", "Shanxi"), ("辽宁", "Liaoning"), ("吉林", "Jilin"), ("黑龙江", "Heilongjiang"),
    ("江苏", "Jiangsu"), ("浙江", "Zhejiang"), ("安徽", "Anhui"), ("福建", "Fujian"), ("江西", "Jiangxi"),
    ("山东", "Shandong"), ("河南", "Henan"), ("湖北", "Hubei"), ("湖南", "Hunan"), ("广东", "Guangdong"),
    ("海南", "Hainan"), ("四川", "Sichuan"), ("贵州", "Guizhou"), ("云南", "Yunnan"), ("陕西", "Shaanxi"),
    ("甘肃", "Gansu"), ("青海", "Qinghai"), ("台湾", "Taiwan"), ("内蒙古", "Inner Mongolia"), ("广西", "Guangxi"),
    ("西藏", "Tibet"), ("宁夏", "Ningxia"), ("新疆", "Xinjiang"), ("香港", "Hong Kong"), ("澳门", "Macao"),
    ("深圳", "Shenzhen"), ("广州", "Guangzhou"), ("杭州", "Hangzhou"), ("南京", "Nanjing"), ("武汉", "Wuhan"),
    ("成都", "Chengdu"), ("西安", "Xi'an"), ("郑州", "Zhengzhou"), ("苏州", "Suzhou"), ("青岛", "Qingdao"),
    ("厦门", "Xiamen"), ("长沙", "Changsha"), ("沈阳", "Shenyang"), ("大连", "Dalian"), ("济南", "Jinan"),
    ("合肥", "Hefei"), ("福州", "Fuzhou"), ("昆明", "Kunming"), ("哈尔滨", "Harbin"), ("长春", "Changchun"),
    ("石家庄", "Shijiazhuang"), ("太原", "Taiyuan"), ("南昌", "Nanchang"), ("南宁", "Nanning"), ("贵阳", "Guiyang"),
    ("兰州", "Lanzhou"), ("宁波", "Ningbo"), ("无锡", "Wuxi"), ("东莞", "Dongguan"), ("佛山", "Foshan"),
    ("乌鲁木齐", "Urumqi"), ("拉萨", "Lhasa"), ("呼和浩特", "Hohhot"), ("银川", "Yinchuan"), ("西宁", "Xining"),
    ("海口", "Haikou"),
)

# Regions named by the one-character abbreviations of their places (简称), as policy texts write
# them: "京津优质学校在河北设立 28 所分校" names Beijing and Tianjin (a fresh seed question, "北京天津的
# 好学校，在河北一共开了多少所分校？", was refused for want of 北京 in the text, stop 41). Only the
# compounds: a single 京, 津 or 冀 is a character of other words (南京, 津贴, 希冀). A compound names its
# places jointly, so it counts only for a question naming all of them: 京津冀's figure is not Beijing's.
ABBREVIATED: dict[str, tuple[str, ...]] = {
    "京津冀": ("北京", "天津", "河北"), "京津": ("北京", "天津"), "津冀": ("天津", "河北"), "京冀": ("北京", "河北"),
    "粤港澳": ("广东", "香港", "澳门"), "港澳": ("香港", "澳门"), "川渝": ("四川", "重庆"), "成渝": ("成都", "重庆"),
    "江浙沪": ("江苏", "浙江", "上海"), "苏浙沪": ("江苏", "浙江", "上海"), "沪苏浙": ("上海", "江苏", "浙江"),
    "苏浙皖": ("江苏", "浙江", "安徽"), "京沪": ("北京", "上海"), "沪宁": ("上海", "南京"), "沪杭": ("上海", "杭州"),
    "京港澳": ("北京", "香港", "澳门"), "闽粤": ("福建", "广东"), "湘鄂赣": ("湖南", "湖北", "江西"),
}
_ABBREVIATED = re.compile("|".join(sorted(ABBREVIATED, key=len, reverse=True)))

# Chinese names longest first, matched left to right without overlap: "上海南站" is 上海, not 海南.
_ZH = sorted(PLACES, key=lambda p: -len(p[0]))
_ZH_PATTERN = re.compile("|".join(re.escape(zh) for zh, _ in _ZH))
_EN_PATTERN = re.compile(r"\b(" + "|".join(re.escape(en) for _, en in PLACES) + r")\b")
_BY_ZH = dict(PLACES)
_BY_EN = {en: (zh, en) for zh, en in PLACES}


def named_places(question: str) -> tuple[tuple[str, str], ...]:
    """The places ``question`` names, each as (Chinese, English), in the order written."""
    found: list[tuple[str, str]] = [(m.group(0), _BY_ZH[m.group(0)]) for m in _ZH_PATTERN.finditer(question)]
    found += [_BY_EN[m.group(1)] for m in _EN_PATTERN.finditer(question)]
    return tuple(dict.fromkeys(found))


def mentions(text: str, place: tuple[str, str], asked: Sequence[tuple[str, str]] = ()) -> bool:
    """Does ``text`` name ``place``, in either language — or by an abbreviation (京津) of places all
    ``asked`` (the places the question names)?"""
    zh, en = place
    if zh in text or re.search(rf"\b{re.escape(en)}\b", text) is not None:
        return True
    named = {chinese for chinese, _ in asked}
    joints = (ABBREVIATED[m.group(0)] for m in _ABBREVIATED.finditer(text))
    return any(zh in joint and named.issuperset(joint) for joint in joints)


# A question asking which places ("电子居住证先在哪几个城市试点？", "房地产税试点在哪些城市开展？"): the
# place noun right after 哪些 / 哪几个 / 哪个, not the start of a longer word ("哪些城市群", "哪些国家文化公园"
# ask for groups and parks, which name no 省 or 市). Not 哪些地方: as often "in which respects".
_ASKS_PLACES = re.compile(r"哪(?:些|几个|个)(?:省市|省份|省|城市|市|县|区县|地区)(?![群圈带])")
# A place a sentence names: one of :data:`PLACES`, or a name ending in 省 / 市 / 县 ("浙江省", "雄安新区"
# aside). Not a 城市 or 都市, nor 省级 / 市民 / 县城 / 市场 and the like, which name no place.
_PLACE_NAME = re.compile(r"[\u4e00-\u9fff]{2,5}?(?:省|(?<![城都超])市|县)(?![级城域民委政长场辖内])")


def asks_places(question: str) -> bool:
    """Does ``question`` ask which provinces, cities or counties?"""
    return _ASKS_PLACES.search(question) is not None


def names_place(text: str) -> bool:
    """Does ``text`` name a province, a city or a county?"""
    return _ZH_PATTERN.search(text) is not None or _PLACE_NAME.search(text) is not None
