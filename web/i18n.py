"""The pages' bilingual catalogue: Chinese first, English with ``?lang=en``::

    t = translator("en")
    t("changes")            # 'Changes'
    t("column.obs_value")   # 'Value' (column labels come from the observation schema)

A key missing from the catalogue is a bug, so it raises instead of showing the key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, Literal

from models.observation_schema import LABELS_EN, LABELS_ZH

Lang = Literal["zh", "en"]

# key: (zh, en)
_TEXT: Final[dict[str, tuple[str, str]]] = {
    "site": ("公开 Gongkai", "Gongkai"),
    "tagline": (
        "政府信息公开页面的版本、数字与变化",
        "Versions, numbers and changes of government disclosure pages",
    ),
    "skip": ("跳到正文", "Skip to content"),
    "home": ("首页", "Home"),
    "changes": ("变化", "Changes"),
    "sources": ("来源", "Sources"),
    "api_docs": ("API 文档", "API docs"),
    "language": ("语言", "Language"),
    "other_lang": ("English", "中文"),
    "what_we_watch": ("我们关注的来源", "What Gongkai watches"),
    "latest_changes": ("最新变化", "Latest changes"),
    "datasets": ("数据集", "Datasets"),
    "dataset": ("数据集", "Dataset"),
    "sample": ("样例数据", "sample data"),
    "rows": ("条", "rows"),
    "version": ("版本", "Version"),
    "versions": ("版本", "Versions"),
    "created": ("时间", "Created"),
    "summary": ("变化", "Summary"),
    "added": ("新增", "added"),
    "removed": ("删除", "removed"),
    "changed": ("修改", "changed"),
    "observations": ("数字", "Observations"),
    "filters": ("筛选", "Filters"),
    "indicator": ("指标", "Indicator"),
    "kind": ("类型", "Kind"),
    "year": ("年份", "Year"),
    "area": ("地区", "Area"),
    "sort": ("排序", "Sort"),
    "apply": ("筛选", "Apply"),
    "reset": ("清除筛选", "Clear filters"),
    "any": ("全部", "any"),
    "actual": ("实际", "actual"),
    "target": ("目标", "target"),
    "next_page": ("下一页", "Next page"),
    "first_page": ("第一页", "First page"),
    "no_rows": ("没有符合条件的数字。", "No observations match."),
    "downloads": ("下载", "Downloads"),
    "csv": ("CSV", "CSV"),
    "csv_excel": ("CSV (Excel, 带BOM)", "CSV for Excel (BOM)"),
    "xlsx": ("Excel (XLSX)", "Excel (XLSX)"),
    "json": ("JSON", "JSON"),
    "datapackage": ("数据包描述 (datapackage)", "Data package"),
    "what_changed": ("两个版本之间的变化", "What changed between two versions"),
    "from_version": ("从版本", "From version"),
    "to_version": ("到版本", "To version"),
    "compare": ("比较", "Compare"),
    "no_differences": ("两个版本的数字相同。", "The two versions hold the same numbers."),
    "old": ("原值", "Old"),
    "new": ("新值", "New"),
    "series": ("时间序列", "Series"),
    "series_of": ("历年数值", "over the years"),
    "chart_label": (
        "历年数值图: 实际为折线, 目标为标记",
        "Chart: actuals as a line, targets as markers",
    ),
    "value": ("数值", "Value"),
    "clause": ("原文", "Clause"),
    "publication": ("文件", "Publication"),
    "metadata": ("文件信息", "Metadata"),
    "title": ("标题", "Title"),
    "url": ("原文地址", "Source page"),
    "published": ("发布日期", "Published"),
    "status": ("状态", "Status"),
    "text": ("正文", "Text"),
    "flagged": ("疑似异常内容", "Suspicious content"),
    "flag_reason": ("原因", "Reason"),
    "reason.spam_term": ("疑似博彩/色情垃圾词", "gambling or adult spam term"),
    "reason.hidden_link": ("隐藏链接", "hidden link"),
    "reason.new_external_link": ("新增外部链接", "new external link"),
    "diff": ("与上一版比较", "Diff with the previous version"),
    "diff_title": ("版本差异", "Version diff"),
    "number_changes": ("数字的变化", "Changes in the numbers"),
    "text_changes": ("正文的变化", "Changes in the text"),
    "no_text_changes": ("正文没有变化。", "The text did not change."),
    "deleted_text": ("删除的文字", "deleted text"),
    "inserted_text": ("新增的文字", "inserted text"),
    "unchanged": ("未改动", "unchanged"),
    "feed": ("变化订阅", "Change feed"),
    "subscribe": ("用阅读器订阅 (Atom)", "Subscribe in a feed reader (Atom)"),
    "type": ("类型", "Type"),
    "event.dataset.updated": ("数据集更新", "dataset updated"),
    "event.publication.created": ("新文件", "new publication"),
    "event.publication.updated": ("文件修改", "publication revised"),
    "event.publication.flagged": ("文件疑似异常", "publication flagged"),
    "event.publication.withdrawn": ("文件撤下", "publication withdrawn"),
    "event.source.failing": ("来源抓取失败", "source failing"),
    "event.source.recovered": ("来源恢复", "source recovered"),
    "no_events": ("还没有变化。", "No changes yet."),
    "health": ("状态", "Health"),
    "health.ok": ("正常", "working"),
    "health.failing": ("抓取失败", "failing"),
    "health.blocked": ("被拦截", "blocked by the site"),
    "health.unknown": ("尚未检查", "not checked yet"),
    "paused": ("已暂停", "paused"),
    "not_checked": (
        "不自动检查 (导入的或已停用)",
        "not checked on schedule (imported or disabled)",
    ),
    "last_check": ("上次检查", "Last check"),
    "next_check": ("下次检查", "Next check"),
    "last_error": ("上次错误", "Last error"),
    "never": ("从未", "never"),
    "none": ("无", "none"),
    "not_found": ("找不到该页面", "Page not found"),
    "bad_request": ("请求有误", "Bad request"),
    "back_home": ("返回首页", "Back to the home page"),
    "open_row": ("打开这一行", "open the row"),
    "in_text": ("在原文中查看", "see it in the text"),
    "number_in_text": ("原文中提取的数字已高亮", "Numbers read from the text are highlighted"),
    "more": ("更多", "more"),
    "kind.actual": ("实际", "actual"),
    "kind.target": ("目标", "target"),
    "measure.level": ("总量", "level"),
    "measure.growth": ("增长率", "growth"),
    "measure.pp_change": ("百分点变化", "change in points"),
    "measure.rank": ("排名", "rank"),
    "measure.rank_change": ("名次变化", "change in rank"),
    "measure.pp_gap": ("百分点差距", "gap in points"),
    "change.added": ("新增", "added"),
    "change.removed": ("删除", "removed"),
    "change.changed": ("修改", "changed"),
    "meta.index_no": ("索引号", "Index number"),
    "meta.topic": ("主题分类", "Topic"),
    "meta.issuer": ("发文机关", "Issuing body"),
    "meta.doc_number": ("文号", "Document number"),
    "meta.written_date": ("成文日期", "Date written"),
    "meta.published_date": ("发布日期", "Date published"),
    "meta.validity": ("有效性", "Validity"),
    "meta.source": ("信息来源", "Information source"),
}


KINDS: Final = ("actual", "target")


def translator(lang: Lang) -> Callable[[str], str]:
    index = 0 if lang == "zh" else 1
    columns = LABELS_ZH if lang == "zh" else LABELS_EN

    def t(key: str) -> str:
        if key.startswith("column."):
            return columns[key.removeprefix("column.")]
        return _TEXT[key][index]

    return t


def labeller(lang: Lang) -> Callable[[str, str], str]:
    """``label("health", value)``: the words for a stored value, the value itself if none."""
    index = 0 if lang == "zh" else 1

    def label(prefix: str, value: str) -> str:
        found = _TEXT.get(f"{prefix}.{value}")
        return found[index] if found else value

    return label


def parse_lang(value: str | None) -> Lang:
    """``en`` selects English; anything else (or nothing) is Chinese."""
    return "en" if value == "en" else "zh"
