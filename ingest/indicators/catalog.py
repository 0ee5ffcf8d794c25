"""The indicator catalog: codes, English labels and Chinese aliases, loaded from TOML.

The catalog is data (``catalog.toml`` next to this module); matching a subject is a
longest-alias lookup on the END of the subject, because the head of a Chinese noun phrase
comes last::

    >>> cat = load_catalog()
    >>> cat.match("全市规模以上工业增加值").code
    'industrial_value_added'
    >>> cat.match("对全省经济增长贡献率") is None      # a contribution rate, not GDP
    True
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ingest.indicators.text import strip_area_prefix

_BUNDLED = Path(__file__).with_name("catalog.toml")

#: A suffix alias does not match when the subject qualifies it with one of these words
#: directly before it: 人均GDP is not GDP, 单位GDP能耗 is not GDP (longer aliases for those
#: exist; this guards subjects the catalog does not know).
# 现代服务业增加值 is part of 服务业增加值, not the tertiary industry's whole value added.
# 产品: 高新技术产品出口总额, 药械产品出口总额 are a kind of goods, not all exports.
_BLOCKING_PREFIXES = (
    "人均",
    "地均",  # 地均GDP: per unit of land, not the amount
    "亩均",
    "单位",
    "每",
    "对",
    "占",
    "非",
    "现代",
    "生产性",
    "生活性",
    "高技术",
    "产品",
    "限额以上",  # 限额以上固定资产投资: the investment above a quota, a part of the whole
    "城镇",  # 城镇固定资产投资: the statistic of the towns only (城镇化率 has its own alias)
    # a sector or a zone named before the whole's name: 海洋生产总值 (ocean GDP),
    # 省产业转移园规模以上工业增加值 (the parks' share of it), not the area's indicator
    "海洋",
    "园",
    "园区",
    "开发区",
    "高新区",
    "示范区",
    "自贸区",
    "试验区",
)
# A whole-population alias qualified by a part of the population (乡村居民人均可支配收入 is
# not 居民人均可支配收入): no match unless the catalog knows the qualified name.
_PART_OF_POPULATION = ("城镇", "城市", "农村", "乡村", "城区", "农民")
# 地方一般公共预算收入(扣除留抵退税因素): a note on comparability, not another indicator.
# 实际利用外资(验资): the accounting basis of a figure, the same indicator.
_COMPARABILITY_NOTE = re.compile(
    r"[((](?:扣除|剔除|同口径|可比口径|按可比价|验资|按验资|商务口径)[^()()]{0,16}[))]$"
)
_GENERIC_TAILS = (
    "较去年增速",  # 进出口总额较去年增速提高3个百分点: its growth, compared with last year
    "较上年增速",
    "比上年增速",
    "增长速度",
    "增长率",
    "增速",
    "增幅",
    "涨幅",
    "总量",
    "总额",  # 外贸进出口额总额: the total of what was named
    "规模",
    "增量",
)


@dataclass(frozen=True, slots=True)
class Indicator:
    """One catalogued indicator."""

    code: str
    en: str
    zh: tuple[str, ...]
    exact: tuple[str, ...] = ()


@dataclass(slots=True)
class Catalog:
    """Indicators with their aliases; ``match`` maps a subject to an indicator."""

    indicators: tuple[Indicator, ...]
    _suffix: dict[str, Indicator] = field(default_factory=dict)
    _exact: dict[str, Indicator] = field(default_factory=dict)
    _lengths: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        for ind in self.indicators:
            for alias in ind.zh:
                self._suffix.setdefault(alias.upper(), ind)
            for alias in ind.exact:
                self._exact.setdefault(alias.upper(), ind)
        self._lengths = tuple(sorted({len(a) for a in self._suffix}, reverse=True))

    def by_code(self, code: str) -> Indicator | None:
        """Return the indicator with ``code``, if catalogued."""
        return next((i for i in self.indicators if i.code == code), None)

    def match(self, subject: str) -> Indicator | None:
        """Return the indicator ``subject`` names, or None.

        The whole subject (area prefix removed) may equal an exact alias; otherwise the
        longest alias the subject ends with wins, unless a blocking qualifier precedes it.
        """
        subject = subject.strip().upper()
        if not subject:
            return None
        hit = self._match(subject)
        if hit is None and (note := _COMPARABILITY_NOTE.search(subject)) and note.start() > 0:
            hit = self._match(subject[: note.start()])
        if hit is None:
            # 固定资产投资增速 is the growth of 固定资产投资: try without a generic tail.
            for tail in _GENERIC_TAILS:
                if subject.endswith(tail) and len(subject) > len(tail):
                    return self._match(subject[: -len(tail)])
        return hit

    def _match(self, subject: str) -> Indicator | None:
        bare = strip_area_prefix(subject)
        hit = self._exact.get(bare) or self._exact.get(subject)
        if hit is not None:
            return hit
        for n in self._lengths:
            if n > len(subject):
                continue
            ind = self._suffix.get(subject[-n:])
            if ind is None:
                continue
            before = subject[:-n]
            if before.endswith(_BLOCKING_PREFIXES):
                return None
            if subject[-n:].startswith("居民") and before.endswith(_PART_OF_POPULATION):
                return None
            return ind
        return None

    def is_alias(self, phrase: str) -> bool:
        """Whether ``phrase`` is itself an alias (used to complete elided list subjects)."""
        key = phrase.upper()
        return key in self._suffix or key in self._exact


def _parse(data: dict[str, object]) -> Catalog:
    raw = data.get("indicator", [])
    if not isinstance(raw, list):
        raise ValueError("catalog: 'indicator' must be an array of tables")
    items: list[Indicator] = []
    for entry in raw:
        if not isinstance(entry, dict) or not isinstance(entry.get("code"), str):
            raise ValueError(f"catalog: bad indicator entry {entry!r}")
        items.append(
            Indicator(
                code=entry["code"],
                en=str(entry.get("en", "")),
                zh=tuple(str(a) for a in entry.get("zh", [])),
                exact=tuple(str(a) for a in entry.get("exact", [])),
            )
        )
    return Catalog(tuple(items))


@lru_cache(maxsize=8)
def _load(path: str) -> Catalog:
    with open(path, "rb") as fh:
        return _parse(tomllib.load(fh))


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Load a catalog TOML file (default: the bundled ``catalog.toml``); cached per path."""
    return _load(str(Path(path).resolve()) if path is not None else str(_BUNDLED))
