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


def test_sentence_offsets_point_into_the_text():
    text = "第一句。第二句！“第三句？”第四句；\n第五句"
    sents = split_sentences(text, text)
    assert [s.text for s in sents] == ["第一句。", "第二句！", "“第三句？”", "第四句；", "第五句"]
    for s in sents:
        assert text[s.start:s.end] == s.text
