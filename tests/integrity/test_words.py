"""The change feed's words for a flagged publication: the term, the evidence, the weights."""

from __future__ import annotations

import msgspec

from api.changes.words import describe_event, describe_flag
from ingest.integrity import scan, score
from ingest.parse.structs import DetailPage, Link


def test_flagged_event_says_why_in_words() -> None:
    text = "争取国家和省级层面更大中国竞彩网支持。"
    page = DetailPage(text=text, links=[Link("开云体育", "https://kaiyun.example/")])
    found = scan(page, previous_links=set())
    flags = [msgspec.to_builtins(f) for f in found]
    data = {"title": "政府工作报告", "score": score(found), "threshold": 1.0, "flags": flags}
    lines = describe_event("publication.flagged", data).split("\n")
    assert lines[0] == "政府工作报告 疑似含有异常内容 (得分 2.8, 阈值 1)"
    assert lines[1].startswith(
        "- 中国竞彩网 (正文第11字): 1.5 = 博彩品牌 +1 (gambling brand), 破坏句子 +0.5"
    )
    assert lines[2] == (
        "- https://kaiyun.example/ (不在正文中): 1.3 = 垃圾链接 +1 (anchor or host carries "
        "kaiyun, 开云体育), 新增外部链接 +0.3 (not linked from the previous version)"
    )


def test_negative_evidence_is_shown_with_its_sign() -> None:
    (flag,) = scan(DetailPage(text="依法查处“开云体育”等非法网站。"))
    assert describe_flag(msgspec.to_builtins(flag)) == (
        "- 开云体育 (正文第5字): 0.3 = 博彩品牌 +1 (gambling brand), 执法语境 -0.7 (依法 nearby)"
    )


def test_older_events_without_evidence_still_read() -> None:
    data = {"title": "报告", "flags": [{"reason": "spam_term", "term": "雷速体育", "start": 3}]}
    assert (
        describe_event("publication.flagged", data)
        == "报告 疑似含有异常内容\n- 雷速体育 (正文第3字)"
    )
    assert describe_event("publication.created", {"title": "报告"}) == "报告 新发布"
