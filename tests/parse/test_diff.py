"""diff_texts: paragraph alignment, token-level inline ops, offsets, unified text."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.diff import apply_ops, diff_texts
from ingest.text import normalize_text
from tests.fakesite.pages import seed_parts

SEED = normalize_text("\n".join(seed_parts().body))


def test_identical_texts_have_no_ops() -> None:
    d = diff_texts(SEED, SEED)
    assert d.ops == [] and d.paragraphs_changed == 0 and d.unified == "" and not d.changed


def test_one_revised_number_is_exactly_one_replace_of_that_number() -> None:
    new = SEED.replace("全市GDP突破2000亿元,增长6.3%", "全市GDP突破2000亿元,增长6.5%")
    d = diff_texts(SEED, new)
    assert len(d.ops) == 1
    op = d.ops[0]
    assert (op.op, op.old_text, op.new_text) == ("replace", "6.3", "6.5")
    assert SEED[op.old_start : op.old_end] == "6.3"
    assert new[op.new_start : op.new_end] == "6.5"
    assert d.paragraphs_changed == 1
    assert "[-6.3-]" in d.unified and "{+6.5+}" in d.unified


def test_multi_digit_number_change_is_whole_number() -> None:
    new = SEED.replace("新增规模以上工业企业203家", "新增规模以上工业企业213家")
    [op] = diff_texts(SEED, new).ops
    assert (op.old_text, op.new_text) == ("203", "213")


def test_chinese_word_change_is_character_level() -> None:
    old = "第一段\n稳步推进城市更新行动。\n第三段"
    new = "第一段\n加快推进城市更新行动。\n第三段"
    [op] = diff_texts(old, new).ops
    assert (op.op, op.old_text, op.new_text, op.old_start, op.new_start) == (
        "replace",
        "稳步",
        "加快",
        4,
        4,
    )


def test_paragraph_insert_and_delete() -> None:
    old = "甲段\n乙段\n丙段"
    d = diff_texts(old, "甲段\n丙段")
    assert [(o.op, o.old_text) for o in d.ops] == [("delete", "乙段\n")]
    assert d.unified == "@@ -2,1 +1 @@\n-乙段"
    d = diff_texts(old, "甲段\n乙段\n丙段\n丁段")
    assert [(o.op, o.new_text, o.old_start) for o in d.ops] == [("insert", "\n丁段", len(old))]
    assert d.paragraphs_changed == 1


def test_rewritten_paragraph_is_one_replace() -> None:
    d = diff_texts("甲\n完全不同的一句话\n乙", "甲\n另外写了别的内容\n乙")
    assert [(o.op, o.old_text, o.new_text) for o in d.ops] == [
        ("replace", "完全不同的一句话", "另外写了别的内容")
    ]


def test_include_equal_covers_both_texts() -> None:
    new = SEED.replace("增长6.3%", "增长6.4%", 1) + "\n新增附注。"
    d = diff_texts(SEED, new, include_equal=True)
    assert "".join(o.old_text for o in d.ops) == SEED
    assert "".join(o.new_text for o in d.ops) == new
    assert [o.op for o in d.ops] == ["equal", "replace", "equal", "insert"]


def test_seed_diff_is_fast() -> None:
    paras = SEED.split("\n")
    paras[10] = paras[10].replace("。", ",", 3)
    del paras[40]
    paras.insert(90, "新插入的段落。")
    new = "\n".join(paras)
    start = time.perf_counter()
    d = diff_texts(SEED, new)
    assert time.perf_counter() - start < 0.5
    assert apply_ops(SEED, d.ops) == new


_para = st.text(alphabet="甲乙丙丁12.3%ab ,", min_size=1, max_size=12).map(str.strip).filter(bool)
_text = st.lists(_para, max_size=8).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(_text, _text)
def test_ops_rebuild_new_text(old: str, new: str) -> None:
    d = diff_texts(old, new)
    assert apply_ops(old, d.ops) == new
    for op in d.ops:
        assert old[op.old_start : op.old_end] == op.old_text
        assert new[op.new_start : op.new_end] == op.new_text
    full = diff_texts(old, new, include_equal=True).ops
    assert "".join(o.new_text for o in full) == new
    assert "".join(o.old_text for o in full) == old
    assert all(o.old_text == o.new_text for o in full if o.op == "equal")
