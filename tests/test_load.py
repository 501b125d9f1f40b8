"""Loading stage: encodings, formats and every rejection rule, on files made in the test."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import docx
import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from rag.ingest import formats_docx, load
from rag.ingest.load import LoadError, decode_text, load_file, load_paths
from rag.records import Skipped
from rag.text import has_han

ZH = "第一条 为推进以人为核心的新型城镇化，制定本方案。\n第二条 二〇二五年底前完成。\n"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def make_pdf(path: Path, pages: list[list[str]], *, title: str | None = None,
             encrypt: StandardEncryption | None = None) -> Path:
    """A real PDF in reportlab's built-in Chinese CID font, one list of lines per page."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt)
    if title is not None:
        c.setTitle(title)
    for lines in pages:
        c.setFont("STSong-Light", 12)
        for i, line in enumerate(lines):
            c.drawString(72, 750 - 20 * i, line)
        c.showPage()
    c.save()
    return write(path, buf.getvalue())


def make_docx(path: Path, *, title: str = "") -> Path:
    d = docx.Document()
    d.core_properties.title = title
    d.add_paragraph("城镇化实施方案", style="Title")
    d.add_paragraph("为深入贯彻规划纲要，制定本方案。")
    d.add_heading("第一章 总则", level=1)
    d.add_heading("一、总体要求", level=2)
    d.add_paragraph("第一条 坚持以人为本。")
    table = d.add_table(rows=2, cols=3)
    for r, row in enumerate([["指标", "2020年", "2025年"], ["城镇化率", "63.9%", "65%"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph("第二条 表后的条款。")
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


# --- plain text and encodings -----------------------------------------------------------------


def test_utf8_txt(tmp_path: Path) -> None:
    path = write(tmp_path / "“十四五”新型城镇化实施方案.txt", ZH)
    doc = load_file(path)
    assert doc.doc_id == "“十四五”新型城镇化实施方案"
    assert doc.title == "“十四五”新型城镇化实施方案"
    assert doc.fmt == "txt"
    assert doc.text == ZH
    assert doc.source == str(path)
    assert doc.sha256 == hashlib.sha256(ZH.encode()).hexdigest()


def test_doc_id_is_relative_to_root_with_slashes(tmp_path: Path) -> None:
    path = write(tmp_path / "地方" / "河南" / "v1.2 实施方案.txt", ZH)
    assert load_file(path, root=tmp_path).doc_id == "地方/河南/v1.2 实施方案"
    with pytest.raises(ValueError, match="not under root"):
        load_file(path, root=tmp_path / "elsewhere")


def test_utf8_bom_is_removed(tmp_path: Path) -> None:
    doc = load_file(write(tmp_path / "a.txt", b"\xef\xbb\xbf" + ZH.encode()))
    assert doc.text == ZH


@pytest.mark.parametrize("codec", ["gbk", "gb2312", "gb18030"])
def test_gbk_family(tmp_path: Path, codec: str) -> None:
    text = ZH.replace("〇", "零") if codec == "gb2312" else ZH  # 〇 is GBK-only
    assert load_file(write(tmp_path / "a.txt", text.encode(codec))).text == text


def test_mostly_ascii_gbk(tmp_path: Path) -> None:
    text = "Report by 张三 on urbanization, 2025.\n"
    assert load_file(write(tmp_path / "a.txt", text.encode("gbk"))).text == text


def test_gbk_with_rare_characters(tmp_path: Path) -> None:
    text = "朱镕基同志指出，" + ZH * 3  # 镕 is outside GB2312; a few such names must not matter
    assert load_file(write(tmp_path / "a.txt", text.encode("gbk"))).text == text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_bom(tmp_path: Path, codec: str) -> None:
    data = ZH.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    doc = load_file(write(tmp_path / "a.txt", data))
    assert doc.text == ZH
    assert not doc.text.startswith("\ufeff")


def test_utf8_cut_mid_character_is_not_taken_for_gbk(tmp_path: Path) -> None:
    data = (ZH * 20).encode()[:-2]  # a download cut inside the final "\n" … "。"
    text = load_file(write(tmp_path / "a.txt", data)).text
    assert text == (ZH * 20)[:-2] + "\ufffd"


def test_latin1_is_not_taken_for_gbk(tmp_path: Path) -> None:
    # Every accented byte here is followed by a letter, so GB18030 decodes it without error
    # ("M黮ler"); the plausibility check must send it on to charset detection instead.
    data = ("Herr Müller hat eine naïve élan vital Strategie. " * 5).encode("latin-1")
    assert "黮" in data.decode("gb18030")
    text = load_file(write(tmp_path / "a.txt", data)).text
    assert text.startswith("Herr M") and "Strategie." in text
    assert not has_han(text)


def test_undecodable_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="starts with a UTF-16"):
        load_file(write(tmp_path / "bad.txt", b"\xff\xfe" + "条".encode("utf-16-le") + b"\x00"))


def test_crlf_is_normalised_and_markdown_kept(tmp_path: Path) -> None:
    doc = load_file(write(tmp_path / "notes.md", "# 总则\r\n\r\n## 第一条\r\n内容\r"))
    assert doc.fmt == "md"
    assert doc.text == "# 总则\n\n## 第一条\n内容\n"


# --- rejections ---------------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match=r"empty file \(0 bytes\)"):
        load_file(write(tmp_path / "a.txt", b""))


def test_whitespace_only(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="only whitespace"):
        load_file(write(tmp_path / "a.txt", " \n\t\u3000\r\n"))


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="binary file"):
        load_file(write(tmp_path / "a.txt", bytes(range(256)) * 4))


def test_binary_control_characters(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="control characters"):
        load_file(write(tmp_path / "a.txt", bytes(range(1, 9)) * 50 + b"text"))


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(LoadError, match="not a regular file"):
        load_file(tmp_path / "folder.txt")


def test_too_large(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "x" * 100)
    with pytest.raises(LoadError, match="too large: 100 bytes, the limit is 10 bytes"):
        load_file(path, max_bytes=10)


@pytest.mark.parametrize(("name", "extra"), [("a.xlsx", ""), ("a.doc", "save old .doc"), ("README", "")])
def test_unsupported_extension(tmp_path: Path, name: str, extra: str) -> None:
    with pytest.raises(LoadError) as err:
        load_file(write(tmp_path / name, "text"))
    assert "supported: .docx, .htm, .html, .markdown, .md, .pdf, .txt" in str(err.value)
    assert extra in str(err.value)


def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod 000 does not stop root, so the permission failure is simulated.
    path = write(tmp_path / "a.txt", ZH)

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(LoadError, match="unreadable: permission denied"):
        load_file(path)


def test_load_error_is_one_line_value_error(tmp_path: Path) -> None:
    err = LoadError(tmp_path / "a.pdf", "corrupt PDF:\nline two\n")
    assert isinstance(err, ValueError)
    assert str(err) == f"{tmp_path / 'a.pdf'}: corrupt PDF: line two"
    assert (err.source, err.reason) == (str(tmp_path / "a.pdf"), "corrupt PDF: line two")


@pytest.mark.parametrize(
    ("title", "meaningful"),
    [("“十四五”新型城镇化实施方案", True), ("Microsoft Word - 方案.doc", False), ("untitled", False),
     ("", False), ("文档1", False), ("方案.pdf", False), ("2021-07", False), ("Article 5 Scope", True)],
)
def test_title_filter(title: str, meaningful: bool) -> None:
    assert load._is_meaningful_title(title) is meaningful


# --- PDF ----------------------------------------------------------------------------------------


def test_pdf_with_chinese_text(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "fangan.pdf",
                    [["第一条 为推进新型城镇化，制定本方案。", "Article 2 applies."], ["第二条 第二页内容。"]],
                    title="“十四五”新型城镇化实施方案")
    doc = load_file(path)
    assert doc.fmt == "pdf"
    assert doc.title == "“十四五”新型城镇化实施方案"
    assert doc.text == "第一条 为推进新型城镇化，制定本方案。\nArticle 2 applies.\n\n第二条 第二页内容。"


@pytest.mark.parametrize("title", [None, "Microsoft Word - 方案.doc"])
def test_pdf_junk_title_falls_back_to_stem(tmp_path: Path, title: str | None) -> None:
    doc = load_file(make_pdf(tmp_path / "实施方案.pdf", [["第一条 内容。"]], title=title))
    assert doc.title == "实施方案"  # reportlab's own default title is "untitled"


def test_truncated_pdf(tmp_path: Path) -> None:
    data = make_pdf(tmp_path / "full.pdf", [["第一条 内容。"]] * 3).read_bytes()
    with pytest.raises(LoadError, match=r"corrupt PDF \(truncated: no %%EOF marker\)"):
        load_file(write(tmp_path / "half.pdf", data[: len(data) // 2]))


def test_not_a_pdf(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="corrupt PDF: not a PDF file"):
        load_file(write(tmp_path / "a.pdf", "这不是 PDF 文件"))


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match=r"no extractable text \(scanned PDF\? OCR is not supported\)"):
        load_file(make_pdf(tmp_path / "scan.pdf", [[]]))


def test_encrypted_pdf_needs_password(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "secret.pdf", [["第一条 内容。"]],
                    encrypt=StandardEncryption("user-pw", ownerPassword="owner-pw"))
    with pytest.raises(LoadError, match="encrypted PDF: a password is needed"):
        load_file(path)


def test_pdf_with_only_owner_password_loads(tmp_path: Path) -> None:
    # Restriction-only encryption (empty user password) is common on government PDFs.
    path = make_pdf(tmp_path / "restricted.pdf", [["第一条 内容。"]],
                    encrypt=StandardEncryption("", ownerPassword="owner-pw", canCopy=0))
    assert load_file(path).text == "第一条 内容。"


# --- DOCX ---------------------------------------------------------------------------------------


def test_docx_headings_and_table(tmp_path: Path) -> None:
    doc = load_file(make_docx(tmp_path / "fangan.docx", title="新型城镇化实施方案"))
    assert doc.fmt == "docx"
    assert doc.title == "新型城镇化实施方案"
    assert doc.text.split("\n") == [
        "# 城镇化实施方案",
        "为深入贯彻规划纲要，制定本方案。",
        "# 第一章 总则",
        "## 一、总体要求",
        "第一条 坚持以人为本。",
        "指标  2020年  2025年",
        "城镇化率  63.9%  65%",
        "第二条 表后的条款。",
    ]


def test_docx_chinese_style_names_merged_cells_and_outline_level(tmp_path: Path) -> None:
    d = docx.Document()
    d.styles["Heading 2"].name = "标题 2"  # as WPS and localised templates name it
    d.add_paragraph("第一节 目标", style="标题 2")
    custom = d.add_paragraph("第二节 任务")  # a plain style with an explicit outline level
    ppr = custom._p.get_or_add_pPr()
    lvl = ppr.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}outlineLvl")
    lvl.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val", "2")
    ppr.append(lvl)
    table = d.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "合并"
    table.cell(0, 2).text = "末列"
    d.save(str(tmp_path / "a.docx"))
    doc = load_file(tmp_path / "a.docx")
    assert doc.text.split("\n") == ["## 第一节 目标", "### 第二节 任务", "合并  末列"]
    assert doc.title == "a"  # no core title → the file stem


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="corrupt DOCX: not a valid ZIP archive"):
        load_file(write(tmp_path / "a.docx", "plain text pretending"))


def test_old_doc_renamed_to_docx(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match=r"old Word \.doc"):
        load_file(write(tmp_path / "a.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)))


def test_zip_without_word_document(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(LoadError, match="corrupt DOCX"):
        load_file(write(tmp_path / "a.docx", buf.getvalue()))


def test_docx_zip_bomb_is_refused_before_unpacking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A real bomb would need hundreds of MB of zeros to build; a lower limit tests the same rule.
    monkeypatch.setattr(formats_docx, "DOCX_MAX_UNPACKED_BYTES", 2**20)
    path = make_docx(tmp_path / "bomb.docx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/zeros.bin", bytes(4 * 2**20))
    assert path.stat().st_size < 100_000
    with pytest.raises(LoadError, match=r"DOCX unpacks to 4\.\d MB, over the 1\.0 MB limit \(a zip bomb\?\)"):
        load_file(path)


# --- HTML ---------------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head><title> 关于推进新型城镇化的通知 </title>
<style>p { color: red }</style><script>alert("<b>x</b>")</script></head>
<body><nav><a href="/">首页</a> | <a href="/zc">政策</a></nav>
<!-- 注释不应出现 -->
<h1>关于推进新型
城镇化的通知</h1>
<div hidden>隐藏内容</div><p style="display: none">隐藏段落</p><p>&nbsp;</p>
<h2>第一章  总则</h2>
<p>第一条　为推进<b>新型城镇化</b>，<br>制定本办法。</p>
<script>document.write("注入")</script>
<table><tr><th>指标</th><th>目标</th></tr><tr><td>城镇化率</td><td>65%</td></tr></table>
<ul><li>第二条 甲</li><li>第三条 乙</li></ul>
<pre>  保留   空格</pre>
</body></html>"""


def test_html_headings_text_only(tmp_path: Path) -> None:
    doc = load_file(write(tmp_path / "notice.html", HTML))
    assert doc.fmt == "html"
    assert doc.title == "关于推进新型城镇化的通知"
    assert doc.text.split("\n") == [
        "# 关于推进新型城镇化的通知",
        "## 第一章 总则",
        "第一条　为推进新型城镇化，",
        "制定本办法。",
        "指标  目标",
        "城镇化率  65%",
        "第二条 甲",
        "第三条 乙",
        "保留   空格",  # <pre> keeps inner spacing; lines are stripped at the ends
    ]
    for leak in ("<", "alert", "注入", "首页", "color", "注释", "隐藏"):
        assert leak not in doc.text


def test_deeply_nested_html_is_read_iteratively(tmp_path: Path) -> None:
    # Deeper than Python's recursion limit; editing the tree per element was also quadratic.
    page = "<div>" * 5000 + "第一条 正文。" + "</div>" * 5000
    assert load_file(write(tmp_path / "deep.html", page)).text == "第一条 正文。"


def test_html_declared_gb2312(tmp_path: Path) -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">' \
           "<title>通知</title></head><body><p>第一条 镕 二〇二五年。</p></body></html>"
    doc = load_file(write(tmp_path / "a.htm", page.encode("gbk")))
    assert doc.text == "第一条 镕 二〇二五年。"
    assert doc.title == "通知"


def test_html_without_text(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no text in the page"):
        load_file(write(tmp_path / "a.html", "<html><script>var a = 1;</script></html>"))


def test_decode_text_prefers_utf8_over_a_wrong_declaration() -> None:
    assert decode_text("第一条".encode(), "a.html", declared="gb2312") == "第一条"


# --- load_paths ---------------------------------------------------------------------------------


def test_load_paths_mixes_good_and_bad(tmp_path: Path) -> None:
    docs_dir = tmp_path / "documents"
    write(docs_dir / "b.txt", ZH)
    write(docs_dir / "a.md", "# 标题\n正文")
    write(docs_dir / "sub" / "c.txt", ZH.encode("gbk"))
    make_docx(docs_dir / "sub" / "d.docx")
    write(docs_dir / "empty.txt", b"")
    write(docs_dir / "broken.pdf", "not a pdf")
    write(docs_dir / "sheet.xlsx", b"PK")
    write(docs_dir / "b.html", "<p>第一条 同名的网页</p>")
    write(docs_dir / ".hidden.txt", ZH)
    write(docs_dir / ".git" / "config.txt", ZH)
    write(docs_dir / "~$d.docx", b"\x00lock")
    extra = write(tmp_path / "extra.txt", ZH)

    docs, skipped = load_paths([docs_dir, extra, docs_dir / "b.txt", tmp_path / "missing"])

    assert [d.doc_id for d in docs] == ["a", "b", "sub/c", "sub/d", "extra"]
    assert [d.fmt for d in docs] == ["md", "html", "txt", "docx", "txt"]
    assert [(Path(s.source).name, s.reason.split(":")[0]) for s in skipped] == [
        ("b.txt", "duplicate doc_id 'b', already used by " + str(docs_dir / "b.html") + "; rename one of them"),
        ("broken.pdf", "corrupt PDF"),  # the text after ":" says why
        ("empty.txt", "empty file (0 bytes)"),
        ("sheet.xlsx", "unsupported extension '.xlsx'; supported"),
        ("missing", "no such file or directory"),
    ]
    assert all(isinstance(s, Skipped) and "\n" not in s.reason for s in skipped)
    assert load_paths([docs_dir, extra]) == (docs, skipped[:-1])  # deterministic
