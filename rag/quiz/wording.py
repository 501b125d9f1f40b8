"""How questions are worded, in Chinese for Chinese clauses and in English for English ones.

Generators and checks share these templates: a check finds the statement inside a question by
the same prefix and blank marks the generator used.
"""

from __future__ import annotations

from dataclasses import dataclass

from rag.quiz.source import Clause

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


@dataclass(frozen=True)
class Wording:
    zh: bool
    choice_blank: str
    fill_blank: str
    tf_lead: str
    tf_options: tuple[str, str]
    stop: str
    ellipsis: str

    def ref(self, clause: Clause) -> str:
        """How a clause is named in a question or an explanation."""
        if self.zh:
            return f"《{clause.title}》{clause.label}{clause.heading}"
        head = f" ({clause.heading})" if clause.heading else ""
        return f"{clause.label}{head} of “{clause.title}”" if clause.label else f"“{clause.title}”"

    def prefix(self, clause: Clause) -> str:
        return f"根据{self.ref(clause)}，" if self.zh else f"According to {self.ref(clause)}, "

    def lead(self, clause: Clause, stem: str) -> str:
        """The clause reference, then the stem (in English its capital lowered: "…, the city")."""
        if not self.zh and stem[:1].isupper() and stem[1:2].islower():
            stem = stem[0].lower() + stem[1:]
        return self.prefix(clause) + stem

    def quote(self, clause: Clause, text: str) -> str:
        return f"依据{self.ref(clause)}：“{text}”" if self.zh else f"Source: {self.ref(clause)}: “{text}”"

    def number_question(self, stem_before: str, stem_after: str, unit: str, *, year: bool) -> str:
        """A Chinese stem with a number turned into a question word: "城区常住人口多少万以下的城市".

        ``stem_after`` starts with the number's unit.
        """
        if year:
            return f"{stem_before}哪一年{stem_after[len(unit):]}"
        if unit in ("%", "％"):
            return f"{stem_before}多少{stem_after[len(unit):]}"
        return f"{stem_before}多少{stem_after}"

    def multiple_choice(self, clause: Clause, masked: str) -> str:
        if self.zh:
            return f"{self.prefix(clause)}文件提出“{masked}”，省略号处列举的包括下列哪些？（多选）"
        return (f"{self.prefix(clause)}the text reads “{masked}”. Which of the following are listed "
                "where the ellipsis is? (Select all that apply.)")

    def statements(self, clause: Clause) -> str:
        if self.zh:
            return f"{self.prefix(clause)}下列说法正确的有哪些？（多选）"
        return f"{self.prefix(clause)}which of the following statements are correct? (Select all that apply.)"

    def short_answer(self, clause: Clause) -> str:
        if self.zh and clause.kind == "speech":
            return f"简述《{clause.title}》中{clause.label}{clause.heading}的主要观点。"
        if self.zh:
            head = f"“{clause.heading}”" if clause.heading else ""
            return f"简述《{clause.title}》{clause.label}{head}的主要内容。"
        return f"Summarise the main points of {self.ref(clause)}."

    def points(self, sentences: list[str]) -> str:
        """A reference answer as numbered points: "①……；②……。"."""
        if self.zh:
            body = "；".join(f"{CIRCLED[i]}{s.rstrip('。；！？')}" for i, s in enumerate(sentences))
            return body + "。"
        return " ".join(f"({i + 1}) {s}" for i, s in enumerate(sentences))

    def more_points(self, count: int) -> str:
        if not count:
            return ""
        return f"等{count + 1}项内容。" if self.zh else f" and {count} more point{'s' if count > 1 else ''}."

    def answer_is(self, text: str) -> str:
        return f"正确答案：{text}。" if self.zh else f"Answer: {text}. "

    def wrong_statement(self, statement: str, original: str, changed: str) -> str:
        if self.zh:
            return f"“{statement}”错误：原文是“{original}”，不是“{changed}”。"
        return f"“{statement}” is false: the text says “{original}”, not “{changed}”. "

    def true_false(self, truth: bool, original: str = "", changed: str = "") -> str:
        if truth:
            return "正确。" if self.zh else "True. "
        if self.zh:
            return f"错误。原文是“{original}”，题干改成了“{changed}”。"
        return f"False. The text says “{original}”, not “{changed}”. "


ZH = Wording(zh=True, choice_blank="（　　）", fill_blank="＿＿＿＿", tf_lead="判断正误：",
             tf_options=("正确", "错误"), stop="。", ellipsis="……")
EN = Wording(zh=False, choice_blank="_____", fill_blank="_____", tf_lead="True or false: ",
             tf_options=("True", "False"), stop=".", ellipsis="…")


def wording(clause: Clause) -> Wording:
    return ZH if clause.zh else EN
