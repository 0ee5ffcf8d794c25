"""What changed, in words (Chinese, as the documents are), for Atom and other readers::

describe_observation_change({"change": "changed", "time_period": "2024",
    "obs_kind": "target", "indicator_zh": "地区生产总值", "measure": "growth",
    "unit_zh": "%", "old": {"obs_value": 6}, "new": {"obs_value": 5.5}})
# '2024年目标: 地区生产总值增长 6% -> 5.5%'
"""

from __future__ import annotations

from typing import Any

#: Multipliers folded into obs_value (SCHEMA.md); shown again in the unit as written.
_SCALES = (("万亿", 1e12), ("亿", 1e8), ("万", 1e4))
_QUALIFIER_SUFFIX = {"approx": "左右", "ge": "以上", "le": "以内"}
_QUALIFIER_PREFIX = {"gt": "超过", "lt": "低于"}


def _number(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _scale(unit_zh: str) -> float:
    for prefix, factor in _SCALES:
        if unit_zh.startswith(prefix):
            return factor
    return 1.0


def _signed_word(measure: str, value: float) -> tuple[str, float]:
    """The verb for ``measure`` and the magnitude to show after it."""
    if measure == "growth":
        return ("增长", value) if value >= 0 else ("下降", -value)
    if measure == "avg_growth":
        return ("年均增长", value) if value >= 0 else ("年均下降", -value)
    if measure == "pp_change":
        return ("提高", value) if value >= 0 else ("下降", -value)
    if measure == "avg_pp_change":
        return ("年均提高", value) if value >= 0 else ("年均下降", -value)
    if measure == "change":
        return ("增加", value) if value >= 0 else ("减少", -value)
    if measure == "pp_gap":
        return ("高于", value) if value >= 0 else ("低于", -value)
    if measure == "rank_change":
        return ("前移", value) if value >= 0 else ("后移", -value)
    if measure == "rank":
        return "排名第", value
    return "", value


def _side(measure: str, unit_zh: str, side: dict[str, Any] | None) -> tuple[str, str]:
    """(verb, value with unit and qualifier) for one side of a change."""
    if not side:
        return "", "无"
    value = side.get("obs_value")
    if not isinstance(value, int | float):
        return "", str(side.get("value_text") or "无")
    word, magnitude = _signed_word(measure, float(value))
    factor = _scale(unit_zh)
    shown = _number(magnitude / factor)
    upper = side.get("obs_value_max")
    if side.get("qualifier") == "range" and isinstance(upper, int | float):
        shown = f"{shown}-{_number(abs(float(upper)) / factor)}"
    unit = "" if measure == "rank" else unit_zh
    qualifier = str(side.get("qualifier") or "")
    before, after = _QUALIFIER_PREFIX.get(qualifier, ""), _QUALIFIER_SUFFIX.get(qualifier, "")
    return word, f"{before}{shown}{unit}{after}"


def describe_observation_change(change: dict[str, Any]) -> str:
    """One line: ``<year>年<目标|实际>: <indicator><verb> <old> -> <new>``."""
    period = str(change.get("time_period") or "").replace("/", "-")  # 2021/2025: 2021-2025年
    kind = "目标" if change.get("obs_kind") == "target" else "实际"
    head = f"{period}年{kind}" if period else kind
    indicator = str(change.get("indicator_zh") or change.get("indicator_code") or "指标")
    measure = str(change.get("measure") or "level")
    unit_zh = str(change.get("unit_zh") or "")
    old_word, old = _side(measure, unit_zh, change.get("old"))
    new_word, new = _side(measure, unit_zh, change.get("new"))
    kind_of_change = change.get("change")
    if kind_of_change == "added":
        return f"{head}: 新增 {indicator}{new_word} {new}"
    if kind_of_change == "removed":
        return f"{head}: 删除 {indicator}{old_word} {old}"
    if old_word == new_word:
        return f"{head}: {indicator}{old_word} {old} -> {new}"
    return f"{head}: {indicator} {old_word}{old} -> {new_word}{new}"


def _versions(data: dict[str, Any]) -> str:
    """``第1版 -> 第2版``, or ``首个版本 第1版`` when there is nothing before it."""
    previous = data.get("previous_version")
    if isinstance(previous, int) and previous > 0:
        return f"第{previous}版 -> 第{data.get('version', '')}版"
    return f"首个版本 第{data.get('version', '')}版"


def describe_event(event_type: str, data: dict[str, Any]) -> str:
    """A few lines saying what the event is about (plain text)."""
    if event_type == "dataset.updated":
        lines = [
            f"数据集 {data.get('dataset', '')} {_versions(data)}: 新增 {data.get('added', 0)} 条, "
            f"删除 {data.get('removed', 0)} 条, 修改 {data.get('changed', 0)} 条"
        ]
        changes = data.get("changes")
        if isinstance(changes, list):
            lines.extend(describe_observation_change(c) for c in changes if isinstance(c, dict))
        if data.get("truncated"):
            lines.append("(更多变化见差异链接)")
        return "\n".join(lines)
    if event_type.startswith("publication."):
        verb = {
            "publication.created": "新发布",
            "publication.updated": "已修改",
            "publication.flagged": "疑似含有异常内容",
            "publication.withdrawn": "已撤下",
        }.get(event_type, event_type)
        line = f"{data.get('title', '')} {verb}"
        if event_type == "publication.updated" and data.get("paragraphs_changed") is not None:
            line += f" ({_versions(data)}, {data['paragraphs_changed']} 段变化)"
        flags = data.get("flags")
        if event_type == "publication.flagged" and isinstance(flags, list):
            return "\n".join([_flag_headline(line, data), *map(describe_flag, flags)])
        return line
    if event_type == "source.failing":
        return f"来源 {data.get('source', '')} 抓取失败: {data.get('error', '')}"
    if event_type == "source.recovered":
        return f"来源 {data.get('source', '')} 已恢复"
    return event_type


#: evidence kinds (``ingest.integrity``), as a reader of the feed is told them
_EVIDENCE = {
    "brand": "博彩品牌",
    "word": "可疑词语",
    "ambiguous": "多义词",
    "breaks_sentence": "破坏句子",
    "new_in_version": "本版新增",
    "hidden_text": "隐藏文字",
    "several_brands": "多个品牌",
    "hidden_link": "隐藏链接",
    "new_external_link": "新增外部链接",
    "spam_link": "垃圾链接",
    "enforcement_context": "执法语境",
    "regulation_context": "彩票监管语境",
    "place_name": "地名",
    "venue_name": "场馆名",
    "document_context": "全文语境",
    "no_gambling_company": "无其他可疑词",
    "counted_once": "已计一次",
}


def _flag_headline(line: str, data: dict[str, Any]) -> str:
    score, threshold = data.get("score"), data.get("threshold")
    if isinstance(score, int | float) and isinstance(threshold, int | float):
        line += f" (得分 {_number(float(score))}, 阈值 {_number(float(threshold))})"
    return line


def describe_flag(flag: object) -> str:
    """One finding of a ``publication.flagged`` event, with the evidence that weighs it::

    describe_flag({"term": "雷速体育", "start": 616, "weight": 1.5, "evidence": [
        {"kind": "brand", "weight": 1.0, "note": "gambling brand"},
        {"kind": "breaks_sentence", "weight": 0.5, "note": "..."}]})
    # '- 雷速体育 (正文第616字): 1.5 = 博彩品牌 +1 (gambling brand), 破坏句子 +0.5 (...)'
    """
    if not isinstance(flag, dict):
        return f"- {flag}"
    start = flag.get("start")
    where = f"正文第{start}字" if isinstance(start, int) and start >= 0 else "不在正文中"
    head = f"- {flag.get('term', '')} ({where})"
    weight = flag.get("weight")
    evidence = flag.get("evidence")
    if not isinstance(weight, int | float) or not isinstance(evidence, list | tuple):
        return head
    parts = []
    for e in evidence:
        if not isinstance(e, dict) or not isinstance(e.get("weight"), int | float):
            continue
        w = float(e["weight"])
        label = _EVIDENCE.get(str(e.get("kind")), str(e.get("kind")))
        note = f" ({e['note']})" if e.get("note") else ""
        parts.append(f"{label} {'+' if w >= 0 else '-'}{_number(abs(w))}{note}")
    return f"{head}: {_number(float(weight))} = {', '.join(parts)}"


def event_title(event_type: str, data: dict[str, Any]) -> str:
    if event_type == "dataset.updated":
        return f"{data.get('dataset', '数据集')} 更新至第{data.get('version', '')}版"
    if event_type.startswith("publication.") and data.get("title"):
        return f"{data['title']} ({event_type})"
    if data.get("source"):
        return f"{data['source']} ({event_type})"
    return event_type
