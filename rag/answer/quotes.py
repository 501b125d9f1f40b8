"""What the extractive answerer quotes: a clause's body, its sentences, announced lists, clean quotes.

* :func:`clause_body` — the heading line that opens a clause, and the rest.
* :func:`clause_sentences` — sentences and semicolon-separated parts (Chinese), or sentences
  (English); table rows and bare headings are not sentences.
* :func:`list_span` — a list the text announces ("包含三个阶段", "有下列情形之一的：") is one
  answer: the lead-in and all its items (一)….
* :func:`clean_quote` — the source's own footnote and reference markers (``[2-3]``, ``[1]``,
  ``①``, superscripts) removed, so they never look like our citations.
* :func:`end` — a quoted part ends with a full stop.
* :func:`joined_lists` — a lead-in and its items quoted as one passage, as the text prints them.
"""

from __future__ import annotations

import re

from rag.ingest.markdown import DELETED_MARK
from rag.records import Unit
from rag.text import HAN_CLASS, SENTENCE_END, has_han, split_sentences

_SPLIT = re.compile(r"(?<=[。！？；!?;\n])")
_PIECE_CUT = re.compile(r"(?<=[，,：:])")
# A flattened table row ("人口数据 | 六普 | 七普"): data, not a sentence to quote.
_TABLE = re.compile(r"\s\|\s")
# A clause's own title runs up to its first full stop when it is at most this long. Unmeasured.
TITLE_CHARS = 40
# An English article opens with up to this many title lines ("Article 17", "Right to erasure"),
# each shorter than TITLE_LINE_CHARS and not ending like a sentence. Unmeasured.
TITLE_LINES = 3
TITLE_LINE_CHARS = 120
# Footnote and reference marks of the source: [1], ［２－３］, [1,4], 〔5〕, ①…⑳, superscript digits.
_MARK_NUMBER = r"[\d\uff10-\uff19]{1,3}"
_SOURCE_MARKS = re.compile(
    rf"[\[［〔]\s*{_MARK_NUMBER}(?:\s*[-–－,，、]\s*{_MARK_NUMBER})*\s*[\]］〕]"
    r"|[\u2460-\u2473\u2776-\u277f]|[\u00b9\u00b2\u00b3\u2070-\u2079]+"
)

_NUM = "一二三四五六七八九十两"
# An item of a list: （一）/(一)/(1)/(a)、一是、第一，、1. / 1、, and inside an article 一、 (as Taiwan's
# laws number an article's items; in a notice "一、" heads a part, a unit of its own).
ITEM = re.compile(
    rf"^\s*(?:[（(](?:[{_NUM}\d]{{1,3}}|[a-z])[)）]|[{_NUM}]{{1,3}}是|第[{_NUM}]{{1,3}}[，、,]|\d{{1,2}}[.、．](?!\d)"
    rf"|[{_NUM}]{{1,3}}、)"
)
# A lead-in announcing a list: 包含三个阶段, 提出了五个…, 有下列情形之一的, 如下：, the following:
_ANNOUNCE = re.compile(
    rf"(?:包括|包含|分为|分成|提出了?|明确了?|有|具备|符合|存在)[^。；;]{{0,12}}?[{_NUM}\d]+\s*(?:个|项|条|类|种|方面|阶段|大|点)"
    r"|下列[^。；;]{0,8}(?:之一|情形|事项|条件|行为|规定)|如下[：:]|以下[^。；;]{0,6}[：:]"
    r"|\b(?:the following|as follows)\b",
    re.I,
)


def english_place(unit: Unit) -> str:
    """The clause's name inside an English sentence ("… of the GDPR states: …"): its heading, with
    no full stop that would split it off as a sentence of its own (dropped as unquoted): a heading
    that asks ("§ 382.17 May carriers limit the number…?") is named by its number, and a number's or
    a title's full stop goes ("4. Prohibition on…" → "4 Prohibition on…", "Section 3. Consumer
    rights." → "Section 3 Consumer rights")."""
    where = unit.path[-1] if unit.path else unit.label
    if where.rstrip().endswith("?") or _opens_sentence(where, unit):
        return unit.label
    # A mark ending a sentence inside the heading goes too (split_sentences ends one there, inside quotes as
    # well): "“这些培训正是我们急需的！”", a news report's quoted heading, split the frame and its place was
    # dropped ("of 《…》 states: …", stop 71's seed hz30-28).
    where = _ENDS_SENTENCE.sub("", where)
    return _NUMBER_STOP.sub(r"\1 ", where).rstrip(" .")


_ENDS_SENTENCE = re.compile(f"[{re.escape(SENTENCE_END)}]")


# Words of an English title written in small letters inside it ("Regulation … of the Council").
_TITLE_SMALL = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the",
                          "to", "with"})
_CAPS_WORD = re.compile(r"[A-Z][A-Z'’-]+")


def english_title(title: str) -> str:
    """An English title printed in capitals, as EU acts open ("REGULATION (EU) 2016/679 OF THE
    EUROPEAN PARLIAMENT AND OF THE COUNCIL"), in the letters a sentence names it with
    ("Regulation (EU) 2016/679 of the European Parliament and of the Council"); any other title
    as it is. A bracketed acronym ("(EU)", "(EC)") stays in capitals."""
    words = re.findall(r"[A-Za-z]+", title)
    if len(words) < 2 or sum(w.isupper() for w in words) < 0.8 * len(words):
        return title

    def word(m: re.Match[str]) -> str:
        text = m.group(0)
        start = m.start()
        if title[max(0, start - 1):start] == "(" and title[m.end():m.end() + 1] == ")":
            return text  # (EU)
        lower = text.lower()
        return lower if lower in _TITLE_SMALL and start > 0 else text.capitalize()

    return _CAPS_WORD.sub(word, title)


def _opens_sentence(where: str, unit: Unit) -> bool:
    """Is the English heading ``where`` no title but the first words of the clause's sentence
    ("Article 15 An employer shall" of "Article 15 An employer shall, within 30 days …", as the
    English of a Chinese regulation prints an article)? A title ends where its text goes on with a
    full stop or a new line ("Section 2. Definitions. As used in this Act:")."""
    text = unit.text.lstrip("# ")
    if has_han(where) or not unit.label or where == unit.label or not text.startswith(where):
        return False
    after = text[len(where):len(where) + 1]
    return after not in ("", ".", ":", "\n")


# A number's full stop before the title it heads: "4. Prohibition", "Section 3. Consumer rights".
_NUMBER_STOP = re.compile(r"(?<![\w.])(\d{1,5}[a-z]?)\.\s+(?=\S)")


# What follows a heading that runs on into its sentence.
_RUNS_ON = ("，", ",", "、", "；", ";")


def clause_body(unit: Unit) -> tuple[str, str]:
    """(heading, body): the clause's heading line as it opens the text, and the rest."""
    head = unit.path[-1] if unit.path else ""
    text = unit.text.strip()
    if not has_han(text) and (english := _english_heading_lines(text, head or unit.label)):
        # "### Article 6\nClassification rules…\n1. …", "1798.105. Consumers' Right…\n1798.105\n(a) …":
        # the lines that only restate the heading are the heading, never a quote.
        lines = text.split("\n")
        return head or " ".join(ln.strip("# ") for ln in lines[:english]), "\n".join(lines[english:]).strip()
    if head and text.startswith(head):
        rest = text[len(head):]
        if rest[:1] in _RUNS_ON:
            # "（4）推进高水平制度型开放，提升…": the heading is the opening of its sentence; the body
            # quotes that sentence whole, without the number (never "，提升…").
            return head, text[len(unit.label):].lstrip(" .、") if unit.label and head.startswith(unit.label) else text
        return head, rest.lstrip("。.：: \n")
    if unit.label and text.startswith(unit.label):
        # "（六）深化户籍制度改革。放开…": the title runs up to the first full stop.
        first, _, rest = text.partition("。")
        if len(first) <= TITLE_CHARS and rest:
            return first, rest.lstrip()
        if not has_han(text):
            # "Article 17\nRight to erasure\n1. The data subject…": the label and title lines.
            lines = text.split("\n")
            title_lines = [
                ln for ln in lines[:TITLE_LINES]
                if ln.strip() and not re.search(r"[.;:]\s*$", ln) and len(ln) < TITLE_LINE_CHARS
            ]
            if len(lines) > len(title_lines) and title_lines and lines[0].strip().startswith(unit.label):
                return " ".join(ln.strip() for ln in title_lines), "\n".join(lines[len(title_lines):]).strip()
    return head, text


def _english_heading_lines(text: str, heading: str) -> int:
    """How many leading lines of an English clause only restate its heading (number, title,
    Markdown marks aside); 0 when the first line is already body text."""
    wanted = _letters(heading)
    count = 0
    for line in text.split("\n")[: TITLE_LINES + 2]:
        core = _letters(line)
        if line.strip() and (not core or core not in wanted):
            break
        count += 1
    return count


def _letters(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def clause_sentences(text: str) -> list[str]:
    """A clause's sentences, each ending in its punctuation (Chinese: semicolon parts too, unless
    a part is governed by the condition that opens its sentence)."""
    # English: real sentences ("Art. 5(1)" aside), never a whole paragraph or a cut heading.
    if has_han(text):
        parts = _within_condition(_SPLIT.split(text))
    else:
        # A paragraph's number opens its sentence ("1. Where reference is made…"), not the quote.
        parts = [_OPENING_NUMBER.sub("", _OPENING_TITLE.sub("", p))
                 for ln in _with_indents(text.split("\n")) for p in split_sentences(ln)]
    cleaned = (clean_quote(s) for s in parts if not _TABLE.search(s))
    return [s for s in cleaned if len(s) > 1]


# The number opening an English paragraph's first sentence (rag.text.split_sentences keeps it there).
_OPENING_NUMBER = re.compile(r"^\s*\d{1,3}[a-z]?\.\s+(?=[A-Z(“\"])")
# A section's number and title before its text, as India's Acts print them: "5. Notice.—(1) Every…"
# (rag.ingest.elements reads the title into the path).
_OPENING_TITLE = re.compile(r"^\s*\d{1,3}[A-Z]?\.\s+[A-Z][^.—–\n]{1,100}\.\s?[—–]\s*(?=\S)")
# An indent an EU act prints as a dashed line: "- where a stay of one or more nights becomes
# necessary, or".
_DASH_INDENT = re.compile(r"^\s*[-–—]\s+\S")
_LINE_CLOSED = re.compile(r"[.;:!?。；：！？]\s*$")


def _with_indents(lines: list[str]) -> list[str]:
    """English ``lines`` with each dashed indent joined to the unfinished line it continues:
    "(b) hotel accommodation in cases" / "- where a stay … becomes necessary, or" / "- where …;"
    is one point (quoted alone, the first line read "hotel accommodation in cases.")."""
    out: list[str] = []
    for line in lines:
        if out and _DASH_INDENT.match(line) and out[-1].strip() and not _LINE_CLOSED.search(out[-1]):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


# A sentence opening with a condition ("醉酒驾驶机动车的，") governs the semicolon parts after it
# that state none of their own: "…依法追究刑事责任；五年内不得重新取得机动车驾驶证。" is one rule, and
# its second part alone ("五年内不得重新取得…") says nothing of whom it is about.
_CONDITION = re.compile(r"^\s*[^，。；：\n]{2,40}的，")


def _within_condition(parts: list[str]) -> list[str]:
    """``parts`` (split after 。；) with each semicolon part that has no condition of its own
    joined to the part before it when the sentence they share opens with a condition."""
    out: list[str] = []
    governed = False  # the current sentence opened with a condition
    for part in parts:
        follows = bool(out) and out[-1].rstrip().endswith(("；", ";"))
        if follows and governed and not _CONDITION.search(part) and not ITEM.match(part) and "\n" not in part.rstrip():
            out[-1] += part
            continue
        if not follows:
            governed = bool(_CONDITION.search(part))
        out.append(part)
    return out


# A Chinese sentence longer than this is also read in pieces of at most this many characters
# (cut after a comma or colon) by :func:`sentence_pieces`: a long article sentence chains its
# rules ("…不得分解住院、挂床住院，不得违反诊疗规范…"), and the whole chain is further in meaning from
# a question on one of them than a penalty article's short list item. On the development
# questions (benchmarks/sentence_rank_bench.py), reordering the first clauses by their nearest
# piece instead of their nearest sentence: hit@1 of those found 0.880 -> 0.882 at weight 8,
# 0.882 -> 0.893 with the weight the other groups choose held out (20, the shipped one).
PIECE_CHARS = 60


def sentence_pieces(text: str) -> list[str]:
    """A clause's sentences (:func:`clause_sentences`), each long Chinese one followed by its
    pieces of at most ``PIECE_CHARS`` characters, cut after a comma or colon."""
    out: list[str] = []
    for sentence in clause_sentences(text):
        out.append(sentence)
        if len(sentence) <= PIECE_CHARS or not has_han(sentence):
            continue
        piece = ""
        for part in _PIECE_CUT.split(sentence):
            if piece and len(piece) + len(part) > PIECE_CHARS:
                out.append(piece)
                piece = ""
            piece += part
        if piece and piece != sentence:
            out.append(piece)
    return out


# A list item is also read after the opening of its lead-in, at most this many characters of it
# (Chinese; English words are longer: ``LEADIN_CHARS_EN``) by :func:`item_pieces`. Unmeasured
# lengths; whether the pieces are read at all is measured (RetrievalOptions.item_leadins).
LEADIN_CHARS = 60
LEADIN_CHARS_EN = 200
# An article's own number opening its first sentence ("第六十四条 违反本法规定…").
_ARTICLE_LABEL = re.compile(rf"^\s*第[{_NUM}百千零〇\d]+条(?:之[{_NUM}]+)?\s*")


def item_pieces(sentences: list[str]) -> list[str]:
    """Each item of a list ``sentences`` announce with a colon, read after the opening of its
    lead-in (the sentences since the clause's start or the previous list, the article's number
    dropped): "违反本法规定，有下列行为之一，尚不构成犯罪的，处十日以上十五日以下拘留…：过失引起火灾的；".
    Alone, "（二）过失引起火灾的；" says what is punished and not how: a penalty article's item is
    nearer in meaning to a question about that act read with the penalty that governs it."""
    out: list[str] = []
    prose: list[str] = []
    lead: str | None = None
    for sentence in sentences:
        m = ITEM.match(sentence)
        if m is None:
            if lead is not None:
                prose, lead = [], None
            prose.append(sentence)
            continue
        if lead is None:
            opened = bool(prose) and prose[-1].rstrip().endswith(("：", ":"))
            lead = _opening(prose) if opened else ""
        if lead:
            out.append(f"{lead}{'' if has_han(lead) else ' '}{sentence[m.end():].strip()}")
    return out


_LEAD_CUT = re.compile(r"[，,：:](?=[^，,：:]*$)")


def _opening(prose: list[str]) -> str:
    """A lead-in's opening: its whole sentences while they fit in ``LEADIN_CHARS``
    (``LEADIN_CHARS_EN``) characters, else its first sentence cut after its last comma or colon
    there (an English one at its last word there); a Chinese article's number dropped."""
    han = has_han("".join(prose))
    limit = LEADIN_CHARS if han else LEADIN_CHARS_EN
    sentences = [_ARTICLE_LABEL.sub("", prose[0]), *prose[1:]] if han else prose
    joiner = "" if han else " "
    text = ""
    for sentence in sentences:
        longer = f"{text}{joiner if text else ''}{sentence.strip()}"
        if text and len(longer) > limit:
            return text
        text = longer
    if len(text) <= limit:
        return text
    head = text[:limit]
    if not han:
        return head.rsplit(" ", 1)[0]
    m = _LEAD_CUT.search(head)
    return head[: m.end()] if m is not None and m.end() > limit // 2 else head


def announces_list(sentence: str) -> bool:
    """Does ``sentence`` announce a list that follows it?"""
    return _ANNOUNCE.search(sentence) is not None and sentence.rstrip().endswith(("：", ":", "。", "；"))


def list_span(sentences: list[str], index: int, max_items: int) -> tuple[int, int] | None:
    """(first, last) sentence indices of the announced list around ``sentences[index]``: the
    lead-in and its consecutive items; None when ``index`` is neither a lead-in nor an item of
    one. An item may lead in items of its own ("(d) A business … shall enter into an agreement
    … that:" over "(1) specifies…"): its list ends at its next sibling ("(e) …")."""
    style = _item_style(sentences[index])
    lead = index
    while lead >= 0 and ITEM.match(sentences[lead]) and lead > index - max_items:
        if lead < index and _opens_items(sentences, lead) and _item_style(sentences[lead]) != style:
            break  # the item whose own list ``index`` is in
        if lead == index and _opens_items(sentences, lead):
            break  # an item leading in its own list
        lead -= 1
    if lead < 0 or not (
        _opens_items(sentences, lead) or announces_list(sentences[lead]) or _leads_inline(sentences[lead], style)
    ):
        return None
    sibling = _item_style(sentences[lead])
    last = lead
    while (last + 1 < len(sentences) and last - lead < max_items and ITEM.match(sentences[last + 1])
           and (not sibling or _item_style(sentences[last + 1]) != sibling)):
        last += 1
    return (lead, last) if last > lead and last >= index else None


def _opens_items(sentences: list[str], k: int) -> bool:
    """Does a colon before items announce them, in any words ("行政处罚的种类：" / "（一）警告…")?"""
    return (sentences[k].rstrip().endswith(("：", ":")) and k + 1 < len(sentences)
            and ITEM.match(sentences[k + 1]) is not None)


# A colon with the first item after it in one sentence: an EU act's points are joined to their paragraph
# ("…Member States shall in particular ensure that: (a) the decisions…; (b) the representative action is not
# brought against…"), so the sentence before "(b) …" is the lead-in and its first item at once. Quoted
# alone, "(b) …" said nothing of what it is a case of (Directive 2020/1828's gr-30 and 300 other answers of
# every set quoted a point without its lead-in).
_INLINE_ITEMS = re.compile(r"[:：]\s*(?=\S)")


def _leads_inline(sentence: str, style: str) -> bool:
    """Does ``sentence`` end its lead-in with a colon and go on with the first item of ``style``?"""
    return bool(style) and any(
        _item_style(sentence[m.end():]) == style for m in _INLINE_ITEMS.finditer(sentence)
    )


def _item_style(sentence: str) -> str:
    """How an item is numbered, "" for no item: "(d)" and "(e)" are "(a)", "（三）" is "（一）"."""
    m = ITEM.match(sentence)
    if m is None:
        return ""
    return re.sub(r"\d+", "1", re.sub(f"[{_NUM}]+", "一", re.sub(r"[a-z]", "a", m.group(0).strip())))


def clean_quote(sentence: str) -> str:
    """``sentence`` without the source's footnote/reference marks, nor the list bullet a Markdown
    text opens its points with ("- (b) the characteristics…" of the AI Act), nor the marks where
    struck-out text was (:data:`rag.ingest.markdown.DELETED_MARK`: the CPRA's "␡ A business that
    controls the collection of ␡ a consumer's…"): a quote is the text in force."""
    plain = _SOURCE_MARKS.sub("", sentence.replace(DELETED_MARK, " "))
    return _BULLET.sub("", re.sub(r"\s{2,}", " ", plain).strip())


_BULLET = re.compile(r"^[-*•]\s+(?=\S)")

# A reference to another provision or act ("Article 13(4)", "Directive 78/855/EEC", "points (a) and (b)",
# "第十三条第四款"): no words of a sentence's own.
_REFERENCE = re.compile(
    r"\b(?:Articles?|Directives?|Regulations?|points?|paragraphs?|subparagraphs?|Annex(?:es)?|Chapters?|"
    r"Sections?)\s+[\dIVXLa-z()/.,]+(?:\s*(?:and|or|to)\s+[\dIVXLa-z()/.,]+)*"
    rf"|第[{_NUM}百千零〇\d]+[条款项](?:第[{_NUM}百千零〇\d]+[款项])*",
    re.IGNORECASE,
)
_OWN_WORDS = re.compile(rf"[A-Za-z]{{3}}|[{HAN_CLASS}]{{2}}")


def has_own_words(sentence: str) -> bool:
    """Is ``sentence`` worth quoting on its own: words besides its list marker and the provisions it
    refers to? "(g) Article 13(4)." — an item of Directive 2005/56's list of the provisions applied — is
    not (stop 74: three questions on employees' rights in a cross-border merger were answered with it)."""
    return _OWN_WORDS.search(_REFERENCE.sub(" ", clean_quote(sentence))) is not None


def end(text: str) -> str:
    """A sentence ends with a full stop (a semicolon-ended part of a clause becomes one, and so does a
    lead-in ending in a dash, as UK and US texts write "In these Regulations—")."""
    text = text.rstrip()
    if text.endswith(("；", ";", "，", ",", "：", ":", "—", "–")):
        text = text[:-1]
    if has_han(text):
        return text if text.endswith(("。", "！", "？", "!", "?")) else text + "。"
    return text if text.endswith((".", "!", "?")) else text + "."


# A lead-in ends with a colon or a dash ("…shall provide, at a minimum:", "In these Regulations—").
_LEAD_END = (":", "：", "—", "–")
# An item's own ending, kept as written when it is joined to the next ("…system;", "…; and", "…, or").
_ITEM_END = re.compile(r"(?:[;；,，]|[;,]\s*(?:and|or))\s*$")


def joined_lists(pieces: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``pieces`` ((clause rank, quoted text), in reading order) with each lead-in and the items
    right after it from the same clause joined into one quote: "…at a minimum: (a) recording…;
    (b) the reference database…; (c) …." An English answer quoted each item as a sentence of its
    own ("It also states: “(a) recording of the period of each use of the system.”"), the
    lead-in's colon turned into a full stop. Chinese items join without spaces."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(pieces):
        rank, text = pieces[i]
        j = i + 1
        while j < len(pieces) and pieces[j][0] == rank and ITEM.match(pieces[j][1]):
            j += 1
        if j - i < 2 or not text.rstrip().endswith(_LEAD_END):
            out.append(pieces[i])
            i += 1
            continue
        space = "" if has_han(text) else " "
        items = [t.strip() for _, t in pieces[i + 1 : j]]
        parts = [t if _ITEM_END.search(t) else end(t)[:-1] + ("；" if has_han(t) else ";") for t in items[:-1]]
        out.append((rank, space.join([text.rstrip(), *parts, end(items[-1])])))
        i = j
    return out
