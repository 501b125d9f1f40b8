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

from rag.text import HAN_CLASS

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
# Prefecture-level cities beyond those (and 雄安): a local figure is asked of them as of the larger
# ones — stop 44's fresh seed near misses "洛阳2020年的常住人口城镇化率是多少？" (the Henan paper
# gives the province's) and "雄安新区现在的常住人口有多少？". Left out: names that are also common
# words (大同, 中山, 长治, 安康, 大理, 北海, 黄山, 开封, 乐山, 天水, 吕梁, 包头, 白山, 通化, 新乡, 大庆, 日照,
# 河源, 四平) or that stand inside common words (保定 in 医保定点 — a fresh seed question, hz14-17 —,
# 广安 in 推广安全, 安顺 in 平安顺利, 三明 in 三明治, 新余 in 更新余额, 内江 in 国内江河, 承德 in 传承德育,
# 营口 in 经营口径, 江门 in 长江门户); names matched from the left, a province first, keep 河南通过 and
# 广东营商 from reading 南通, 东营. Two English names stand for two cities each (Taizhou, Yulin; Suzhou
# and Fuzhou above): the first listed is read.
CITIES: tuple[tuple[str, str], ...] = (
    ("唐山", "Tangshan"), ("邯郸", "Handan"), ("廊坊", "Langfang"), ("沧州", "Cangzhou"), ("秦皇岛", "Qinhuangdao"),
    ("张家口", "Zhangjiakou"), ("邢台", "Xingtai"), ("衡水", "Hengshui"), ("雄安", "Xiong'an"),
    ("晋中", "Jinzhong"), ("运城", "Yuncheng"), ("临汾", "Linfen"), ("忻州", "Xinzhou"), ("阳泉", "Yangquan"),
    ("晋城", "Jincheng"), ("朔州", "Shuozhou"), ("鄂尔多斯", "Ordos"), ("赤峰", "Chifeng"),
    ("呼伦贝尔", "Hulunbuir"), ("通辽", "Tongliao"), ("乌海", "Wuhai"), ("鞍山", "Anshan"), ("抚顺", "Fushun"),
    ("丹东", "Dandong"), ("锦州", "Jinzhou"), ("盘锦", "Panjin"), ("铁岭", "Tieling"), ("延边", "Yanbian"),
    ("齐齐哈尔", "Qiqihar"), ("牡丹江", "Mudanjiang"), ("佳木斯", "Jiamusi"), ("徐州", "Xuzhou"),
    ("常州", "Changzhou"), ("南通", "Nantong"), ("扬州", "Yangzhou"), ("镇江", "Zhenjiang"), ("泰州", "Taizhou"),
    ("盐城", "Yancheng"), ("淮安", "Huai'an"), ("连云港", "Lianyungang"), ("宿迁", "Suqian"), ("温州", "Wenzhou"),
    ("台州", "Taizhou"), ("嘉兴", "Jiaxing"), ("湖州", "Huzhou"), ("绍兴", "Shaoxing"), ("舟山", "Zhoushan"),
    ("丽水", "Lishui"), ("衢州", "Quzhou"), ("金华", "Jinhua"), ("芜湖", "Wuhu"), ("蚌埠", "Bengbu"),
    ("马鞍山", "Ma'anshan"), ("安庆", "Anqing"), ("滁州", "Chuzhou"), ("阜阳", "Fuyang"), ("淮南", "Huainan"),
    ("淮北", "Huaibei"), ("宿州", "Suzhou"), ("铜陵", "Tongling"), ("泉州", "Quanzhou"), ("漳州", "Zhangzhou"),
    ("莆田", "Putian"), ("南平", "Nanping"), ("龙岩", "Longyan"), ("宁德", "Ningde"), ("赣州", "Ganzhou"),
    ("九江", "Jiujiang"), ("上饶", "Shangrao"), ("宜春", "Yichun"), ("吉安", "Ji'an"), ("抚州", "Fuzhou"),
    ("景德镇", "Jingdezhen"), ("萍乡", "Pingxiang"), ("鹰潭", "Yingtan"), ("烟台", "Yantai"), ("潍坊", "Weifang"),
    ("临沂", "Linyi"), ("济宁", "Jining"), ("淄博", "Zibo"), ("威海", "Weihai"), ("德州", "Dezhou"),
    ("聊城", "Liaocheng"), ("滨州", "Binzhou"), ("菏泽", "Heze"), ("枣庄", "Zaozhuang"), ("泰安", "Tai'an"),
    ("东营", "Dongying"), ("洛阳", "Luoyang"), ("安阳", "Anyang"), ("南阳", "Nanyang"), ("许昌", "Xuchang"),
    ("商丘", "Shangqiu"), ("信阳", "Xinyang"), ("周口", "Zhoukou"), ("驻马店", "Zhumadian"),
    ("平顶山", "Pingdingshan"), ("焦作", "Jiaozuo"), ("濮阳", "Puyang"), ("漯河", "Luohe"), ("三门峡", "Sanmenxia"),
    ("鹤壁", "Hebi"), ("宜昌", "Yichang"), ("襄阳", "Xiangyang"), ("荆州", "Jingzhou"), ("十堰", "Shiyan"),
    ("黄石", "Huangshi"), ("孝感", "Xiaogan"), ("黄冈", "Huanggang"), ("荆门", "Jingmen"), ("鄂州", "Ezhou"),
    ("随州", "Suizhou"), ("恩施", "Enshi"), ("咸宁", "Xianning"), ("株洲", "Zhuzhou"), ("湘潭", "Xiangtan"),
    ("衡阳", "Hengyang"), ("岳阳", "Yueyang"), ("常德", "Changde"), ("益阳", "Yiyang"), ("郴州", "Chenzhou"),
    ("邵阳", "Shaoyang"), ("怀化", "Huaihua"), ("娄底", "Loudi"), ("张家界", "Zhangjiajie"), ("永州", "Yongzhou"),
    ("珠海", "Zhuhai"), ("汕头", "Shantou"), ("惠州", "Huizhou"), ("湛江", "Zhanjiang"), ("茂名", "Maoming"),
    ("肇庆", "Zhaoqing"), ("揭阳", "Jieyang"), ("韶关", "Shaoguan"), ("清远", "Qingyuan"), ("梅州", "Meizhou"),
    ("汕尾", "Shanwei"), ("潮州", "Chaozhou"), ("云浮", "Yunfu"), ("柳州", "Liuzhou"), ("桂林", "Guilin"),
    ("玉林", "Yulin"), ("梧州", "Wuzhou"), ("三亚", "Sanya"), ("儋州", "Danzhou"), ("绵阳", "Mianyang"),
    ("德阳", "Deyang"), ("宜宾", "Yibin"), ("泸州", "Luzhou"), ("南充", "Nanchong"), ("达州", "Dazhou"),
    ("遂宁", "Suining"), ("攀枝花", "Panzhihua"), ("自贡", "Zigong"), ("眉山", "Meishan"), ("雅安", "Ya'an"),
    ("遵义", "Zunyi"), ("六盘水", "Liupanshui"), ("毕节", "Bijie"), ("曲靖", "Qujing"), ("玉溪", "Yuxi"),
    ("丽江", "Lijiang"), ("宝鸡", "Baoji"), ("咸阳", "Xianyang"), ("渭南", "Weinan"), ("延安", "Yan'an"),
    ("汉中", "Hanzhong"), ("榆林", "Yulin"), ("酒泉", "Jiuquan"), ("喀什", "Kashgar"), ("克拉玛依", "Karamay"),
)

# Regions a figure is asked for as of a place, each with the longer names texts also write: a
# figure for 长三角 is not the nation's nor 成渝's (fresh seed near misses of stops 46 and 47,
# "长三角三省一市2023年的常住人口城镇化率是多少？" answered with the national rate, "成渝地区双城经济圈2023年的地区
# 生产总值是多少？" with 长三角's). Not places of :func:`names_place` (which asks for a province, city or county).
REGIONS: tuple[tuple[str, str], ...] = (
    ("长三角", "Yangtze River Delta"), ("珠三角", "Pearl River Delta"), ("大湾区", "Greater Bay Area"),
    ("成渝", "Chengdu-Chongqing"),
)
REGION_ALIASES: dict[str, str] = {"长江三角洲": "长三角", "珠江三角洲": "珠三角"}

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

# Countries outside the EU whose figures commentary quotes beside China's ("1950年英国达到79%的城市化
# 水平，美国为64.2%"): a figure asked of one is that country's, not the nation's ("韩国2020年的城市化水平达到了
# 多少？", a fresh seed near miss of stop 48, was answered with China's 2020 rate). EU members are left
# out: a question set in one ("我在法国买的软件…") asks what an EU act, naming no member, decides for it.
# Read in Chinese questions only (below).
# Not places of :func:`names_place` (a province, city or county).
COUNTRIES: tuple[tuple[str, str], ...] = (
    ("美国", "United States"), ("英国", "United Kingdom"), ("日本", "Japan"), ("韩国", "South Korea"),
    ("俄罗斯", "Russia"), ("印度", "India"), ("巴西", "Brazil"), ("加拿大", "Canada"), ("澳大利亚", "Australia"),
    ("新加坡", "Singapore"),
)
_DOMESTIC = PLACES + CITIES
_ALL = _DOMESTIC + COUNTRIES


def _chinese_names(places: Sequence[tuple[str, str]]) -> re.Pattern[str]:
    """Chinese names longest first, matched left to right without overlap: "上海南站" is 上海, not 海南."""
    return re.compile("|".join(re.escape(zh) for zh, _ in sorted(places, key=lambda p: -len(p[0]))))


_ZH_PATTERN = _chinese_names(_ALL)
_DOMESTIC_PATTERN = _chinese_names(_DOMESTIC)  # what :func:`names_place` reads: no country
# Countries are read in Chinese only: an English question names one as where it happens ("a flight
# from Paris to Singapore": dev enx-006 was refused for want of Singapore in EU261's articles).
_EN_PATTERN = re.compile(r"\b(" + "|".join(re.escape(en) for _, en in _DOMESTIC) + r")\b")
_BY_ZH = dict(_ALL)
_BY_EN = {en: (zh, en) for zh, en in reversed(_DOMESTIC)}  # an English name twice: the first listed
_REGION_NAMES = sorted([*(zh for zh, _ in REGIONS), *REGION_ALIASES], key=len, reverse=True)
_REGION_ZH = re.compile("|".join(re.escape(name) for name in _REGION_NAMES))
_REGION_EN = re.compile(r"\b(" + "|".join(re.escape(en) for _, en in REGIONS) + r")\b")
_REGION_BY_ZH = dict(REGIONS)
_REGION_BY_EN = {en: (zh, en) for zh, en in REGIONS}


# A place naming a document, not a place asked: "河南那篇文章回顾各国城市化的时候说，…德国的城市化水平到了
# 多少？" (a fresh seed question of stop 54, refused: its sentence names 德国, not 河南).
_NAMES_DOCUMENT = re.compile(r"的?(?:那篇|这篇|那份|这份|文章|文件)")


# A place named as where a trip goes, not whose figure is asked: "我报了个去桂林的跟团游…它至少应该提前几天
# 通知我？", "那要是我报的是去日本的出境团呢？" (fresh questions of stop 58 over 旅游法, refused with their
# article first: the law names no city). Not a local body or trade ("海南旅游局", "三亚旅游业的收入"), whose
# figures are the place's own.
_TRIP_TO = re.compile(
    r"的?(?:出境|跟团|自驾|自由|周边|亲子)?(?:游(?![客业])|团(?![体队])|旅游(?![局业部委厅市收人])|旅行(?![社])|玩|度假)"
)


# Where the asker works or lives, told as their circumstance: "我在广州上班，想弄明白方案里说的“超大特大城市”：城区常住
# 人口得到多少以上才算？" asks the plan's definition, not Guangzhou's figure (a fresh seed question of stop 59,
# hz29-01, refused with its clause first). A question pointing back to it ("这里", "当地") asks of it.
_ASKER_IN = re.compile(
    r"(?:我|我们|本人|咱们?)的?(?:家|公司|单位|企业|厂|工厂|村|店|学校|医院)?(?:现在|目前|一直|平时)?(?:人在|住在|在)$"
)
# ...also at a workplace there: "我在洛阳的文明办上班，河南那篇文章说…全省有多少个城市入选了全国文明城市？" asks
# the province's count (a fresh seed question of stop 66, hz36-38, refused for want of 洛阳's figure).
_ASKER_DOES = re.compile(r"(?:市|省)?(?:的[^，,。？?；]{1,8}?)?(?:上班|工作|打工|生活|住|读书|上学)")
_POINTS_TO_PLACE = re.compile(r"这里|这边|当地|本地|我们这|咱们这|那里|那边")
# Where the asker comes from, which needs no verb: "我老家在河北农村，听说有人私下组织村里人去卖血，卫生部门最多能
# 罚多少钱？" asks the national law's fine, not Hebei's (a fresh held-out question of stop 65, kp-07, refused).
_ASKER_FROM = re.compile(r"(?:我|我们|本人|咱们?)的?(?:老家|家乡|户口|户籍)(?:是|在)$")


# ...whatever the asker (or the asker's company) does there, told in a clause of its own that asks nothing: "我在珠海
# 做跨境物流，圆桌里曾刚说…经港珠澳大桥往来的车辆超过了多少万辆次？" asks the bridge's count, not Zhuhai's (stop 69's
# seed question hz39-34, refused with its clause first), as "我在郑州经开区管委会管土地，河南那篇文章说…" asks the
# province's and "我们公司在武汉盖的厂房刚做完竣工验收，按城乡规划法，多长时间内…" the national law's (ky-14).
_ASKER_CLAUSE = re.compile(r"[^，,。？?；;！!]{0,20}[，,。；;]")
_ASKS_IN_CLAUSE = re.compile(r"多少|几|吗|呢|么|哪|如何|是否|能否|可否")


def _asker_in(question: str, m: re.Match[str]) -> bool:
    """Does the place ``m`` only say where the asker works, lives or comes from (:data:`_ASKER_IN`,
    :data:`_ASKER_FROM`, :data:`_ASKER_CLAUSE`)?"""
    clause = _ASKER_CLAUSE.match(question, m.end())
    does = _ASKER_DOES.match(question, m.end()) is not None or (
        clause is not None and _ASKS_IN_CLAUSE.search(clause.group(0)) is None)
    told = (_ASKER_IN.search(question, 0, m.start()) is not None and does
            ) or _ASKER_FROM.search(question, 0, m.start()) is not None
    return told and _POINTS_TO_PLACE.search(question) is None


def named_places(question: str) -> tuple[tuple[str, str], ...]:
    """The places ``question`` names, each as (Chinese, English), in the order written; not one
    that only names a document ("河南那篇文章"), a trip's destination ("去桂林的跟团游") nor where the
    asker works or lives ("我在广州上班，…")."""
    found: list[tuple[str, str]] = [
        (m.group(0), _BY_ZH[m.group(0)]) for m in _ZH_PATTERN.finditer(question)
        if not _NAMES_DOCUMENT.match(question, m.end()) and not _TRIP_TO.match(question, m.end())
        and not _asker_in(question, m)
    ]
    found += [_BY_EN[m.group(1)] for m in _EN_PATTERN.finditer(question)]
    for m in _REGION_ZH.finditer(question):
        zh = REGION_ALIASES.get(m.group(0), m.group(0))
        found.append((zh, _REGION_BY_ZH[zh]))
    found += [_REGION_BY_EN[m.group(1)] for m in _REGION_EN.finditer(question)]
    return tuple(dict.fromkeys(found))


def without_asker_places(question: str) -> str:
    """``question`` with each place that only says where the asker works, lives or comes from
    (:func:`_asker_in`) blanked out ("我在□□工作，…"): a table row of that place is not asked."""
    spans = [m.span() for m in _ZH_PATTERN.finditer(question) if _asker_in(question, m)]
    for start, end in reversed(spans):
        question = question[:start] + "□" * (end - start) + question[end:]
    return question


def abbreviated_places(text: str) -> tuple[tuple[str, str], ...]:
    """The places ``text`` names jointly by an abbreviation (京津 → 北京, 天津), each as (Chinese,
    English); a compound that is itself a region (成渝) is read as the region by :func:`named_places`."""
    found = [(zh, _BY_ZH[zh]) for m in _ABBREVIATED.finditer(text) if m.group(0) not in _REGION_BY_ZH
             for zh in ABBREVIATED[m.group(0)] if zh in _BY_ZH]
    return tuple(dict.fromkeys(found))


def mentions(text: str, place: tuple[str, str], asked: Sequence[tuple[str, str]] = ()) -> bool:
    """Does ``text`` name ``place``, in either language — or by an abbreviation (京津) of places all
    ``asked`` (the places the question names)?"""
    zh, en = place
    if zh in text or re.search(rf"\b{re.escape(en)}\b", text) is not None:
        return True
    if any(alias in text for alias, region in REGION_ALIASES.items() if region == zh):
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
_PLACE_NAME = re.compile(rf"[{HAN_CLASS}]{{2,5}}?(?:省|(?<![城都超])市|县)(?![级城域民委政长场辖内])")


def asks_places(question: str) -> bool:
    """Does ``question`` ask which provinces, cities or counties?"""
    return _ASKS_PLACES.search(question) is not None


def names_place(text: str) -> bool:
    """Does ``text`` name a province, a city or a county?"""
    return _DOMESTIC_PATTERN.search(text) is not None or _PLACE_NAME.search(text) is not None


def names_place_besides(question: str, text: str) -> bool:
    """Does ``text`` name a province, a city or a county the question does not write? "这些分校具体都分布在
    河北哪几个城市？" asks places within the one it names, and "京津优质学校在河北设立28所分校" names that one
    alone (a fresh seed near miss of stop 72, hz42-36, was answered with it)."""
    names = [m.group(0) for m in _DOMESTIC_PATTERN.finditer(text)]
    names += [m.group(0)[-3:-1] for m in _PLACE_NAME.finditer(text)]  # "在郑州市" → 郑州
    return any(name not in question for name in names)
