"""Questions set abroad: a case placed in Europe or the United States and nowhere in China.

An index may hold Chinese laws beside English regulations, and an English question may ask about
either (the issue asks both ways). What decides which is where the case happens: an English
question about a Chinese law names China, a Chinese place, the renminbi or a Chinese law
("We're a foreign firm with no office in China…", "…a foreign-invested company in Shenzhen");
one about an EU act names a Member State, a European city or the Union ("Two of us from Munich…
collided on a ski slope in Austria"). Read over every gold file of evals/ (stop 67): of the
English answerable questions naming such a place and nothing Chinese, 454 have an English gold and
none a Chinese one; of the Chinese questions naming an EU member, an EU city, 欧盟 or 加州 and
nothing of China, every one has an English gold once 美国, 欧洲 and 马德里 are left out (a US-owned
firm's profits under 外商投资法实施条例, a family robbed while touring Europe under 旅游法 and the
Madrid Protocol under 商标法实施条例 ask Chinese texts).

Without this, Rome II's fresh questions met 体育法 first: the multilingual model and the bilingual
glossary (court, claim, injury, insurance) find a Chinese sports law as near as the regulation
("…collided on a ski slope in Austria…" → 体育法 第九十条; "我住在德国，在奥地利被…狗咬伤了" → 体育法).

Example::

    set_abroad("Two of us from Munich collided on a ski slope in Austria. Which law applies?")  # True
    set_abroad("We're a German firm with no office in China. Can we file a trademark ourselves?")  # False
    set_abroad("我住在德国，在奥地利被一个奥地利人的狗咬伤了，适用哪国法律？")  # True
"""

from __future__ import annotations

import re

from rag.query.places import CITIES, PLACES
from rag.text import has_han

# The Union, its members (names and adjectives), their larger cities, and other places whose law an
# English text of the index may be (the CPRA's California, the United Kingdom, Switzerland).
_ABROAD_EN = re.compile(
    r"\b(?:EU|European Union|Europe(?:an)?|Member States?|"
    r"Austria[n]?|Belgi(?:um|an)|Bulgaria[n]?|Croatia[n]?|Cyprus|Cypriot|Czech(?:ia)?|Denmark|Danish|Danes?|"
    r"Estonia[n]?|Finland|Finnish|Finns?|France|French|German[sy]?|Greece|Greek|Hungar(?:y|ian)|Ireland|Irish|"
    r"Ital(?:y|ian)|Latvia[n]?|Lithuania[n]?|Luxembourg(?:ish)?|Malta|Maltese|Netherlands|Dutch|Holland|"
    r"Poland|Polish|Poles?|Portug(?:al|uese)|Romania[n]?|Slovakia[n]?|Slovak|Slovenia[n]?|Spain|Spanish|"
    r"Swed(?:en|ish|es?)|"
    r"Paris|Lyon|Marseille|Berlin|Munich|Hamburg|Frankfurt|Cologne|Vienna|Salzburg|Rome|Milan|Naples|Turin|"
    r"Madrid|Barcelona|Valencia|Seville|Amsterdam|Rotterdam|Antwerp|Brussels|Lisbon|Porto|Warsaw|Krakow|"
    r"Prague|Budapest|Dublin|Athens|Stockholm|Copenhagen|Helsinki|Bucharest|Sofia|Zagreb|Ljubljana|"
    r"Bratislava|Vilnius|Riga|Tallinn|Le Havre|"
    r"United States|U\.S\.|USA|America[n]?|California[n]?|Los Angeles|San Francisco|New York|"
    r"United Kingdom|UK|Britain|British|England|English courts?|Scotland|Wales|London|"
    r"Switzerland|Swiss|Norway|Norwegian|Iceland|Turkey|Turkish)\b"
)
# China in English: the country, its people and currency, and every place rag.query.places knows.
_CHINA_EN = re.compile(
    r"\b(?:China|Chinese|PRC|Sino|mainland|renminbi|RMB|yuan|"
    + "|".join(sorted({re.escape(en) for _, en in PLACES + CITIES}, key=len, reverse=True))
    + r")\b",
    re.I,
)
# The Union, its members and their larger cities in Chinese, and 加州. Not 美国 or 英国 (commentary
# quotes their figures beside China's), 欧洲 (a trip to Europe asks 旅游法) nor 马德里 (the Madrid
# Protocol of 商标法实施条例).
_ABROAD_ZH = re.compile(
    "欧盟|欧洲联盟|成员国|奥地利|比利时|保加利亚|克罗地亚|塞浦路斯|捷克|丹麦|爱沙尼亚|芬兰|法国|德国|希腊|匈牙利|爱尔兰|"
    "意大利|拉脱维亚|立陶宛|卢森堡|马耳他|荷兰|波兰|葡萄牙|罗马尼亚|斯洛伐克|斯洛文尼亚|西班牙|瑞典|"
    "巴黎|柏林|慕尼黑|汉堡|法兰克福|维也纳|米兰|阿姆斯特丹|鹿特丹|布鲁塞尔|里斯本|华沙|布拉格|都柏林|雅典|"
    "斯德哥尔摩|哥本哈根|赫尔辛基|加州|加利福尼亚"
)
# China in Chinese: the country, its borders seen from inside, its people abroad, the words of its
# administration, and every place rag.query.places knows.
_CHINA_ZH = re.compile(
    "中国|中华人民共和国|我国|国内|境内|境外|出境|入境|内地|大陆|外国|外商|外资|外籍|中方|国外|海外|回国|出国|留学|华侨|"
    "人民币|户口|县|乡|村|镇|街道|居委会|派出所|人民法院|社保|公积金|"
    + "|".join(sorted({zh for zh, _ in PLACES + CITIES}, key=len, reverse=True))
)


def set_abroad(question: str) -> bool:
    """Whether ``question`` places its case outside China: it names an EU member, a European
    city, the Union (or, in English, the United States, the United Kingdom or Switzerland) and
    nothing of China."""
    if has_han(question):
        return bool(_ABROAD_ZH.search(question)) and not _CHINA_ZH.search(question)
    return bool(_ABROAD_EN.search(question)) and not _CHINA_EN.search(question)
