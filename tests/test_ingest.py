"""Reading bytes, normalising script, repairing page layout, splitting sentences."""
import pytest

from hsgraph.errors import InputError
from hsgraph.ingest.layout import analyse
from hsgraph.ingest.normalise import normalise
from hsgraph.ingest.read import RawArticle, decode, expand_inputs, read_article
from hsgraph.ingest.segment import split_sentences
from hsgraph.pipeline import make_document

TEXT = "邯郸市曲周县大力发展羊绒产业，全县羊绒企业500多家。"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
    (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16"),
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
    (TEXT.encode("gb18030"), "gb18030"),
    (TEXT.encode("gbk"), "gb18030"),
])
def test_decodes_the_encodings_chinese_news_arrives_in(data, encoding):
    text, enc = decode(data, "a.txt")
    assert text == TEXT
    assert enc == encoding


@pytest.mark.parametrize("data, problem", [
    (b"", "empty file"),
    (b"  \n\n ", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    (bytes(range(1, 32)) * 20, "binary"),
])
def test_refuses_what_is_not_text(data, problem):
    with pytest.raises(InputError) as exc:
        decode(data, "bad.txt")
    assert problem in str(exc.value)
    assert str(exc.value).startswith("bad.txt: ")


def test_line_ends_become_newlines():
    text, _ = decode("第一段。\r\n第二段。\r第三段。".encode("gb18030"), "a.txt")
    assert text == "第一段。\n第二段。\n第三段。"


def test_undecodable_bytes_name_the_file():
    with pytest.raises(InputError, match="cannot decode"):
        decode("中文".encode("utf-8") + b"\x80\xff\x80\xff", "x.txt")


def test_read_article_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="folder"):
        read_article(tmp_path)
    with pytest.raises(InputError, match="no .txt"):
        expand_inputs([str(tmp_path)])


def test_read_article_names_the_article_by_its_file_name(tmp_path):
    path = tmp_path / "sub" / "gbk_article.txt"
    path.parent.mkdir()
    path.write_bytes(TEXT.encode("gbk"))
    raw = read_article(path)
    assert (raw.doc_id, raw.text, raw.encoding) == ("gbk_article.txt", TEXT, "gb18030")


def test_a_folder_of_other_files_holds_no_articles(tmp_path):
    (tmp_path / "notes.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "data.csv").write_text("a,b", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        expand_inputs([str(tmp_path)])
    assert "no .txt" in str(exc.value) and str(tmp_path) in str(exc.value)


def test_expand_inputs_keeps_files_stdin_and_nested_folders(tmp_path):
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "x.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "top.txt").write_text(TEXT, encoding="utf-8")
    single = tmp_path / "single.txt"
    got = expand_inputs([str(single), "-", str(tmp_path / "deep")])
    assert got == [single, "-", tmp_path / "deep" / "er" / "x.txt"]


def test_folder_inputs_are_sorted(tmp_path):
    for name in ("b.txt", "a.txt", "c.md"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    assert [p.name for p in expand_inputs([str(tmp_path)])] == ["a.txt", "b.txt"]


@pytest.mark.parametrize("text, expected", [
    ("衡水市發展絲網產業，產值１５億元。", "衡水市发展丝网产业，产值15亿元。"),
    ("衡水市发展丝网产业。", "衡水市发展丝网产业。"),  # simplified text comes out unchanged
])
def test_normalise_is_length_preserving(text, expected):
    out = normalise(text)
    assert out == expected
    assert len(out) == len(text)


def test_document_keeps_the_original_script():
    doc = make_document(RawArticle("t.txt", "安平縣發展絲網產業。", "utf-8"))
    assert doc.text == "安平县发展丝网产业。"
    assert doc.original == "安平縣發展絲網產業。"
    assert doc.sentences[0].original == "安平縣發展絲網產業。"


def test_traditional_article_offsets_hold_in_both_scripts():
    raw = "衡水市華美絲網有限公司\n\n近年來，衡水市以縣城為重要載體的城鎮化建設模式正在逐步\n\n\n\n形成。另起一句。"
    doc = make_document(RawArticle("t.txt", raw, "utf-8"))
    assert len(doc.text) == len(doc.original)
    assert "衡水市华美丝网有限公司" in doc.text and "衡水市華美絲網有限公司" in doc.original
    assert "正在逐步形成。" in doc.text
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text
        assert doc.original[s.start:s.end] == s.original


def test_a_sentence_cut_by_a_page_block_is_rejoined():
    page = "标题一行\n\n近年来，曲周县以县城为重要载体的城镇化建设模式正在逐步\n\n\n\n形成。另起一句。"
    layout = analyse(page)
    assert "正在逐步形成。" in layout.text


def test_a_word_cut_across_blocks_finds_its_other_half():
    page = ("在曲周县某村，连片的葡\n\n当地发展设施农业，走出了一条富有特色\n\n"
            "的乡村振兴之路。\n\n萄大棚蔚为壮观。")
    text = analyse(page).text
    assert "连片的葡萄大棚蔚为壮观。" in text
    assert "当地发展设施农业，走出了一条富有特色的乡村振兴之路。" in text


@pytest.mark.parametrize("lead", ["河北日报讯(记者张三)", "河北日报讯（记者张三）"])
def test_headline_and_lead_give_title_creator_publisher(lead):
    page = f"安平丝网产业加快转型升级\n{lead}近日，衡水市安平县丝网产业迎来新发展。"
    layout = analyse(page)
    assert layout.title == "安平丝网产业加快转型升级"
    assert layout.creators == ("张三",)
    assert layout.publisher == "河北日报"
    assert len(layout.stories) == 1


def test_headline_lead_and_stories():
    page = ("曲周羊绒产业提质增效\n河北日报讯(记者张三)近日，曲周县羊绒产业迎来新发展。\n"
            "邢台钢管企业转型\n河北日报讯（记者李四 王五）记者从邢台市获悉，企业加快转型。")
    layout = analyse(page)
    assert layout.title == "曲周羊绒产业提质增效"
    assert layout.publisher == "河北日报"
    assert set(layout.creators) >= {"张三", "李四", "王五"}
    assert len(layout.stories) == 2
    second = layout.stories[1]
    assert layout.text[second.start:second.end].startswith("邢台钢管企业转型")


@pytest.mark.parametrize("text, expected", [
    ("第一句。第二句！“第三句？”第四句；\n第五句", ["第一句。", "第二句！", "“第三句？”", "第四句；", "第五句"]),
    ("  前有空格。  \n\n后有空格。  ", ["前有空格。", "后有空格。"]),
    ("产值15.6亿元，增长8%。完了！！", ["产值15.6亿元，增长8%。", "完了！！"]),
    ("标题没有句号\n正文一句。", ["标题没有句号", "正文一句。"]),
    ("", []),
])
def test_sentence_offsets_point_into_the_text(text, expected):
    sents = split_sentences(text, text)
    assert [s.text for s in sents] == expected
    for i, s in enumerate(sents):
        assert text[s.start:s.end] == s.text
        assert s.index == i
