"""Reading numbers: Arabic and Chinese numerals, multipliers, units and qualifiers.

``scan_values`` finds every value expression in a span of normalized text and reads it
into a ``ValueToken`` (value in base units, unit, the qualifier written after it, and a
range's upper bound); it does not decide what the value is about::

    >>> [(t.value, t.unit, t.qualifier) for t in scan_values("突破2000亿元,增长6%左右", 0, 15)]
    [(200000000000.0, 'CNY', ''), (6.0, 'percent', 'approx')]
    >>> parse_chinese("百分之八点五".removeprefix("百分之")), parse_chinese("两千")
    (8.5, 2000.0)

All patterns are bounded (no nested quantifiers, capped repeat counts), so scanning is
linear in the input even for a megabyte-long run of digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ingest.indicators.text import WordSet, by_length, is_cjk

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
# 大写 numerals (壹佰亿元, on budgets and cheques) and traditional forms read as 小写 ones.
_CAPITALS = str.maketrans(
    "壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億兩", "一二二三三四五六六七八九十百千万亿两"
)
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿点壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億兩"

# A number core: optional 百分之, then Arabic digits (thousands separators allowed only in
# well-formed groups) or a Chinese numeral span (capped at 16 characters).
_CORE = re.compile(
    r"(百分之)?(?:(\d{1,18}(?:,\d{3}){1,6}(?:\.\d{1,9})?(?![\d])|\d{1,18}(?:\.\d{1,9})?)"
    r"|([" + _CN_CHARS + r"]{1,16}))"
)
# (4千亿元, 3千万元: a copy's digit before a written-out magnitude; 千 alone is left, as
# 5千米 is kilometres)
_MULTIPLIERS = (
    ("万亿", 1e12),
    ("千亿", 1e11),
    ("百亿", 1e10),
    ("千万", 1e7),
    ("百万", 1e6),
    ("亿", 1e8),
    ("万", 1e4),
)

# Canonical units, longest written form first so 个百分点 wins over 个.
_UNIT_TABLE: dict[str, str] = {
    "个百分点": "percentage_point",
    "百分点": "percentage_point",
    "%": "percent",
    "‰": "other",  # 人口自然增长率控制在7.6‰以内: a rate per thousand, as written
    "微克/立方米": "ug_m3",
    "平方米": "square_m",
    "平方公里": "other",
    "立方米": "other",
    "千瓦时": "kwh",
    "公里": "km",
    "千米": "km",
    "亩": "mu",
    "公顷": "other",
    "吨标准煤": "tonnes",  # 万元GDP能耗0.402吨标准煤: tonnes of coal equivalent
    "吨标煤": "tonnes",
    "吨": "tonnes",
    "公斤": "other",
    "斤": "jin",
    "美元": "other",
    "元": "CNY",
    "千瓦": "other",
    "兆瓦": "other",
    "倍": "other",
}
#: Measure words for numbers of things or people (unit ``count``).
COUNT_WORDS: tuple[str, ...] = by_length(
    [
        "人次",
        "个",
        "家",
        "项",
        "人",
        "户",
        "套",
        "所",
        "座",
        "根",
        "件",
        "名",
        "辆",
        "台",
        "头",
        "只",
        "张",
        "间",
        "栋",
        "条",
        "处",
        "场",
        "次",
        "艘",
        "架",
        "例",
        "起",
        "宗",
        "部",
        "支",
        "株",
        "棵",
        "盏",
        "口",
        "位",
        "位次",
        "家次",
        "场次",
        "台套",
        "万人次",
        "床",
        "个位次",
        "篇",
        "期",
        "批",
        "款",  # 新开发产品12款
        "册",
        "份",
        "枚",
        "幅",
        "门",
        "标箱",  # 集装箱吞吐量1306.92万标箱: containers counted (TEU)
        "标准箱",
    ]
)
_MULTIPLIER_FIRSTS = frozenset(w[0] for w, _ in _MULTIPLIERS)
_PER_UNITS = ("平方公里", "亩", "公顷")
_POINT_WORDS = ("%", "个百分点", "百分点")
# One character of these is a value only before % or 个百分点 (below ten, or a bare multiplier).
_SMALL_CN = frozenset("零〇一二两三四五六七八九点百千万亿壹贰貳叁參肆伍陆陸柒捌玖兩")
# 人均GDP10万元, 地均GDP70.75亿元/平方公里: an amount right after the name GDP (not PM2.5, 5G)
_AFTER_GDP = re.compile(r"GDP\d+(?:\.\d+)?[万亿元]")
_SESSION_WORDS = ("全会", "会议", "全体会议", "党代会", "代表大会", "常委会")
_NOT_VALUE_UNITS = frozenset(["篇", "期", "批"])  # 五篇大文章, 一期工程, 一批: never values
_UNIT_SET = WordSet([*_UNIT_TABLE, *COUNT_WORDS])
#: Words after a number that make it a date, a duration or an ordinal, not a value.
_NOT_AFTER = WordSet(
    [
        "年",
        "月",
        "日",
        "天",
        "周",
        "小时",
        "分钟",
        "岁",
        "届",
        "号",
        "版",
        "轮",
        "代",
        "季度",
        "周年",
        "世纪",
        "秒",
        "星",
        "A级",
        "强",
        "大",
        "级",
    ]
)
_POST_QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("左右", "approx"),
    ("上下", "approx"),
    ("以上", "ge"),
    ("以内", "le"),
    ("之内", "le"),
    ("以下", "le"),
)
_PERIOD_AFTER_GE = ("季度", "月", "年", "小时", "工作日", "星期")
_RANGE_JOINERS = ("-", "—", "–", "~", "至", "到")
_RANGE_FIRSTS = frozenset(j[0] for j in _RANGE_JOINERS)


@dataclass(slots=True)
class ValueToken:
    """One value expression as read from the text (offsets are absolute)."""

    start: int
    end: int  # end of the value text (number, multiplier, unit; not a trailing qualifier)
    stop: int  # end including a trailing qualifier such as 左右
    value: float
    value_max: float | None
    unit: str  # canonical unit, "" when none was written
    unit_zh: str  # unit as written, multiplier included (亿元, 万人, %)
    unit_word: str  # the unit word alone (元, 人, %), for back-filling elided units
    qualifier: str  # from a trailing word (左右, 以上, ...) or 多/余 ("gt"); else ""
    multiplier: float
    chinese: bool  # written with Chinese numerals
    rank_scope: str = ""  # set for rank tokens (全省第3)
    is_rank: bool = False


def parse_chinese(span: str) -> float | None:
    """Read a Chinese numeral (两千, 一万二千, 三点五, 二〇二四); None if it is not one.

    A last digit right after a unit counts in the next unit down, as spoken: 一万二 is
    12000, 三百五 is 350 (一万零二 is 10002); 大写 numerals read the same (壹佰 = 100).
    """
    if not span or len(span) > 16:
        return None
    span = span.translate(_CAPITALS)
    if "点" in span:
        whole, _, frac = span.partition("点")
        if not frac or any(c not in _CN_DIGITS for c in frac):
            return None
        head = parse_chinese(whole) if whole else 0.0
        if head is None:
            return None
        return float(f"{int(head)}.{''.join(str(_CN_DIGITS[c]) for c in frac)}")
    if all(c in _CN_DIGITS for c in span):
        if len(span) == 1:
            return float(_CN_DIGITS[span])
        if len(span) < 4 and not any(c in "〇零" for c in span):
            return None  # 唯一一个, 三五家: words or a guess, not 11 or 35 (two digits are 十一)
        return float("".join(str(_CN_DIGITS[c]) for c in span))  # 二〇二四 style
    total = 0.0
    section = 0.0
    number: int | None = None
    last_small = 10_000
    prev_unit = 0.0  # the unit written right before the current digit (0: none, or 零)
    for ch in span:
        if ch in _CN_DIGITS:
            prev_unit = _unit_before(span, ch, prev_unit, number)
            if number is not None and number != 0 and _CN_DIGITS[ch] != 0:
                return None  # two digits in a row (十四五) is not a numeral
            number = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            if unit >= last_small:
                return None
            last_small = unit
            section += (number if number else 1) * unit
            number, prev_unit = None, float(unit)
        elif ch == "万":
            total += (section + (number or 0) or (1 if not total else 0)) * 1e4  # 万亿
            section, number, last_small, prev_unit = 0.0, None, 10_000, 1e4
        elif ch == "亿":
            total = (total + section + (number or 0)) * 1e8
            section, number, last_small, prev_unit = 0.0, None, 10_000, 1e8
        else:
            return None
    if number and prev_unit > 10:
        return total + section + number * prev_unit / 10  # 一万二, 三百五
    return total + section + (number or 0)


def _unit_before(span: str, ch: str, prev_unit: float, number: int | None) -> float:
    """The unit a digit directly follows: kept for a digit after a unit, reset by 零."""
    if ch in "零〇":
        return 0.0
    return prev_unit if number is None else 0.0


def scale(value: float, mult: float) -> float:
    """``value * mult`` without binary noise: 18.6 x 1e8 is 1860000000, not ...0000002."""
    if mult == 1.0:
        return value
    return float(Decimal(repr(value)) * Decimal(int(mult)))


def _read_core(text: str, pos: int, limit: int) -> tuple[float, int, bool, bool] | None:
    """Read a number core at ``pos``: (value, end, is_percent_word, chinese)."""
    m = _CORE.match(text, pos, limit)
    if m is None:
        return None
    pct, arabic, chinese = m.group(1), m.group(2), m.group(3)
    if arabic is not None:
        return float(arabic.replace(",", "")), m.end(), pct is not None, False
    value = parse_chinese(chinese)
    if value is None:
        return None
    return value, m.end(), pct is not None, True


def _read_suffix(text: str, pos: int, limit: int, chinese: bool) -> tuple[int, float, str, bool]:
    """Read 多/余, a multiplier and 多/余 again: (end, multiplier, written, more)."""
    more = False
    written = ""
    mult = 1.0
    if pos < limit and text[pos] in "多余":
        more, pos = True, pos + 1
    if not chinese and pos < limit and text[pos] in _MULTIPLIER_FIRSTS:
        for word, factor in _MULTIPLIERS:
            if text.startswith(word, pos) and pos + len(word) <= limit:
                mult, written, pos = factor, word, pos + len(word)
                break
        else:
            unit = _UNIT_SET.prefix(text, pos + 1, limit) if text.startswith("千", pos) else ""
            if unit in COUNT_WORDS:
                # 新增床位8千张, 人才规模突破2千人: a digit before 千 and a measure word (not
                # 5千米, 3千瓦: 千 of the unit)
                mult, written, pos = 1e3, "千", pos + 1
    if pos < limit and text[pos] in "多余" and not more:
        more, pos = True, pos + 1
    return pos, mult, written, more


def _read_unit(text: str, pos: int, limit: int) -> tuple[str, int]:
    word = _UNIT_SET.prefix(text, pos, limit)
    return word, pos + len(word)


def unit_code(word: str) -> str:
    """Canonical unit for a written unit word (measure words are ``count``)."""
    if word in _UNIT_TABLE:
        return _UNIT_TABLE[word]
    return "count" if word in COUNT_WORDS else "other"


def _single(
    text: str, pos: int, limit: int
) -> tuple[float, int, str, float, str, bool, bool] | None:
    """One number with its multiplier and unit: value, end, unit word, mult, mult text..."""
    core = _read_core(text, pos, limit)
    if core is None:
        return None
    value, end, pct_word, chinese = core
    end, mult, mult_written, more = _read_suffix(text, end, limit, chinese)
    unit = "%" if pct_word else ""
    if not pct_word:
        unit, after = _read_unit(text, end, limit)
        if not (unit == "人" and text.startswith("口", after)):  # 10万人口: 人口 is a noun
            end = after
        else:
            unit = ""
    return scale(value, mult), end, unit, mult, mult_written, more, chinese


def scan_values(text: str, start: int, end: int) -> list[ValueToken]:
    """Every value expression in ``text[start:end]`` (not yet judged for meaning).

    Skipped here already: numbers glued to Latin letters (PM2.5, 5G, G206), parts of longer
    digit runs, dates/durations/ordinals (2023年, 连续4年, 第十二届, 前200名), bare
    multipliers (万, 百亿) and idiomatic small Chinese counts (一个, 五篇).
    """
    out: list[ValueToken] = []
    pos = start
    while pos < end:
        m = _CORE.search(text, pos, end)
        if m is None:
            break
        tok_start = m.start()
        pos = max(m.end(), tok_start + 1)
        if text.startswith("年", m.end()):
            continue  # 2023年, 五年: a year or a duration (the check below, done first)
        cn = m.group(3)
        if (
            cn is not None
            and len(cn) == 1
            and cn in _SMALL_CN
            and m.group(1) is None
            and not text.startswith(_POINT_WORDS, m.end())
            and not (cn == "万" and text.startswith("元", m.end()))  # 近万元 (_chinese_ok)
            and not _places_moved(text, tok_start, m.end())
        ):
            continue  # 一批, 进一步, 两翼: a lone small numeral is never a value (_chinese_ok)
        prev = text[tok_start - 1] if tok_start > 0 else ""
        if prev and (
            prev.isdigit()
            or prev == "."
            or (prev.isascii() and prev.isalpha() and not _AFTER_GDP.match(text, tok_start - 3))
            or prev in "第前"
        ):
            continue
        one = _single(text, tok_start, end)
        if one is None:
            continue
        value, stop, unit, mult, mult_written, more, chinese = one
        value_max: float | None = None
        # A range: 6%-6.5%, 6—6.5%, 6%至6.5%, 二至三个.
        for joiner in _RANGE_JOINERS if text[stop : stop + 1] in _RANGE_FIRSTS else ():
            if text.startswith(joiner, stop) and stop + len(joiner) < end:
                second = _single(text, stop + len(joiner), end)
                if second is not None and second[0] > value:
                    s_value, s_stop, s_unit, s_mult, s_written, _, _ = second
                    if not unit or unit == s_unit:
                        if mult == 1.0 and s_mult != 1.0 and not mult_written:
                            value = scale(value, s_mult)
                        value_max, stop, unit = s_value, s_stop, s_unit
                        mult, mult_written = s_mult, s_written
                break
        if unit == "元" and text.startswith("/人", stop):
            stop += 2  # 55000元/人, 25万元/人: per head, as every per-capita indicator is (CNY)
        elif unit and text.startswith("/", stop):
            per = next((w for w in _PER_UNITS if text.startswith(w, stop + 1)), "")
            if per:  # 61亿元/平方公里: money per area, unit other (unit_zh keeps it)
                unit, stop = f"{unit}/{per}", stop + 1 + len(per)
        nxt = text[stop] if stop < end else ""
        glued = nxt.isascii() and (nxt.isalnum() or nxt in "+/.")
        if glued and nxt.isdigit() and unit and is_cjk(unit[-1]):
            # 1.2万户5.3万人: a unit word ends this value when a unit-bearing value follows
            # (not 3个5G基站, where the digits are part of a name).
            after = _single(text, stop, end)
            glued = after is None or not after[2] or not is_cjk(after[2][-1])
        if nxt and glued and unit != "%":
            continue  # 5G, 1+N, 12345热线 handled as unitless; 2.0版
        if (prev and prev in "+/") or (
            tok_start > 1 and prev == "-" and text[tok_start - 2].isdigit()
        ):
            continue
        if chinese and unit == "台" and text.startswith("阶", stop):
            unit, stop = "", stop - 1  # 迈上千亿台阶: 台 of 台阶, not the unit 台
        if chinese and not unit and _bare_threshold(text, tok_start, stop, m.group(3) or ""):
            unit = "元"  # 首次突破百亿大关: a round sum of money passed (see _bare_threshold)
        elif (
            chinese
            and not _chinese_ok(text, tok_start, m, unit, value)
            and not _places_moved(text, tok_start, tok_start + len(m.group(0)))
        ):
            continue
        if unit in _NOT_VALUE_UNITS:
            continue
        if unit == "次" and (prev == "届" or text.startswith(_SESSION_WORDS, stop)):
            continue  # 十二届十次全会, 第五次会议: a session's ordinal
        if not unit and text.startswith("岁", stop) and "寿命" in text[_lo16(tok_start) : stop]:
            unit, stop = "岁", stop + 1  # 人均预期寿命达到80.3岁: an age that is a level
        if not unit and _NOT_AFTER.prefix(text, stop, end):
            continue
        if unit == "个" and text.startswith(_PERIOD_AFTER_GE, stop):
            continue  # 连续3个季度, 12个月: a duration
        if unit in COUNT_WORDS and unit in ("名", "位") and prev == "前":
            continue
        qualifier, q_stop = _post_qualifier(text, stop, "gt" if more else "")
        unit_zh = (mult_written + unit) if unit else mult_written
        if prev == "-" and (tok_start < 2 or not text[tok_start - 2].isdigit()):
            value, value_max = -value, (-value_max if value_max is not None else None)
            tok_start -= 1
        out.append(
            ValueToken(
                start=tok_start,
                end=stop,
                stop=q_stop,
                value=value,
                value_max=value_max,
                unit=unit_code(unit) if unit else "",
                unit_zh=unit_zh,
                unit_word=unit,
                qualifier=qualifier,
                multiplier=mult,
                chinese=chinese,
            )
        )
        pos = q_stop
    tenths = _tenths(text, start, end)
    return sorted([*out, *tenths], key=lambda t: t.start) if tenths else out


def _post_qualifier(text: str, stop: int, qualifier: str) -> tuple[str, int]:
    """The qualifier a word right after a value at ``stop`` gives (左右, 以上...) and where
    it ends; else ``qualifier`` and ``stop``."""
    for word, qual in _POST_QUALIFIERS:
        if text.startswith(word, stop):
            return qual, stop + len(word)
    return qualifier, stop


# 占一般公共预算支出的八成以上, 占比超八成, 占全市近七成: a share in tenths (成), after a
# word of comparison or share and before a qualifier or the clause's end (not 建成, 八成新)
_TENTHS = re.compile(
    r"(?<=[超近约逾达占的过])([一二三四五六七八九])成(?=以上|左右|多|[,，。、;；)）]|$)"
)


def _tenths(text: str, start: int, end: int) -> list[ValueToken]:
    """The shares written in tenths in ``text[start:end]``, as percent (八成 is 80%)."""
    found = []
    for m in _TENTHS.finditer(text, start, end):
        qualifier, stop = _post_qualifier(text, m.end(), "")
        if text.startswith("多", stop):
            qualifier, stop = "gt", stop + 1
        found.append(
            ValueToken(
                start=m.start(),
                end=m.end(),
                stop=stop,
                value=float(_CN_DIGITS[m.group(1)] * 10),
                value_max=None,
                unit="percent",
                unit_zh="成",
                unit_word="%",
                qualifier=qualifier,
                multiplier=1.0,
                chinese=True,
            )
        )
    return found


_THRESHOLD_VERBS = (
    "突破",
    "破",
    "迈过",
    "迈上",
    "迈入",
    "跨越",
    "跨过",
    "跨上",
    "站上",
    "越过",
    "跃上",
)
_THRESHOLD_NOUNS = ("大关", "台阶", "新台阶", "关口")


def _bare_threshold(text: str, start: int, stop: int, span: str) -> bool:
    """Whether a bare 百亿/千亿/万亿 with no unit is a sum of money passed: right after a verb
    of passing (突破, 迈上; 成功迈上了) and right before 大关/台阶 (旅游业总收入首次突破
    百亿大关, 经济总量迈过千亿大关). Steps counted (跨越3个十亿级台阶) and steps with no
    number (迈上新台阶) are no level; a threshold with its own unit (百亿斤) reads as usual."""
    if span not in ("百亿", "千亿", "万亿") or not text.startswith(_THRESHOLD_NOUNS, stop):
        return False
    before = text[_lo16(start) : start].removesuffix("了")
    return before.endswith(_THRESHOLD_VERBS)


_SHIFT_BEFORE = ("前移", "前进", "上升", "提升", "跃升", "后移", "后退", "下降", "下滑", "再进")


def _places_moved(text: str, start: int, stop: int) -> bool:
    """较上一年度再进两位, 前移三个位次: a small count of places moved in a ranking."""
    return text.startswith(("位", "个位次", "名"), stop) and text.endswith(
        _SHIFT_BEFORE, _lo16(start), start
    )


def _lo16(pos: int) -> int:
    """Where the 16 characters before ``pos`` start (never before the text)."""
    return max(0, pos - 16)


_BARE_WAN_BEFORE = ("近", "超", "逾", "超过", "突破", "破")


def _chinese_ok(text: str, start: int, m: re.Match[str], unit: str, value: float) -> bool:
    """Chinese numerals are idiomatic (一个, 两翼, 千村万户): accept only clear values."""
    span = m.group(3) or ""
    if m.group(1):  # 百分之...
        return True
    if (span in ("百万", "千万") and unit in COUNT_WORDS) or (
        span in ("百亿", "千亿", "万亿") and unit == "元"
    ):
        # 人口百万人。, 首次突破万亿元,: a bare 百万/千亿 is a value only at a clause end
        # (not 百万人次级景区, 超千亿元的产业集群)
        after = start + len(m.group(0)) + len(unit)
        if unit == "元" and _bare_threshold(text, start, after, span):
            return True  # 首次突破百亿元大关, 迈上千亿元台阶: a round sum of money passed
        return after >= len(text) or text[after] in ",;。、!?\n)"
    if span == "万" and unit == "元" and text.endswith(_BARE_WAN_BEFORE, _lo16(start), start):
        # 居民人均可支配收入五年增长近万元、: a bare 万 after 近/超 at a clause end
        # (not 万元GDP能耗, 万元以上)
        after = start + len(m.group(0)) + len(unit)
        return after >= len(text) or text[after] in ",;。、!?\n)"
    if span[0] in "万亿千百点":
        return False
    if unit in ("%", "个百分点", "百分点"):
        return True
    if not unit:
        return False
    # Counts written in Chinese are values only when large (十多项, 两千家); 三个, 五篇 are
    # usually idioms or enumerations, not statistics.
    return value >= 10 or any(c in span for c in "万亿")


# 居全国百强县第37位: a few words may name the ranked group between the scope and 第.
# 排南宁市县域第一: the counties of a named prefecture (a city-level group), after a verb of
# ranking (排, 居, 位列, 排名); 位居亚洲城市第五位: a group of no scope of the schema's.
_RANK_RE = re.compile(
    r"(?:(全省|全国|全市|全州|全盟|全区|全自治区)((?:(?!第)[\u4e00-\u9fff]|[((][\u4e00-\u9fff、]{1,6}[))]){1,8}?)(?=第)"
    r"|(全省|全国|全市|全州|全盟|全区|全自治区|同类城市|设区市中|地市中)"
    r"|(?<=[排居列名])[\u4e00-\u9fff]{1,3}([市州盟])县域"
    r"|(?<=[排居列名])[\u4e00-\u9fff]{1,4}?(?:城市|省份|省区|[四五六七八九十]市)"
    # 增速均居各区(新区)第一: a district's or county's peers, the city's (no scope word)
    r"|(?<=[排居列名])各(?:区|县|县区|县市区|区县|行政区)(?:[((][\u4e00-\u9fff、]{1,6}[))])?)?"
    r"第(\d{1,3}|[一二三四五六七八九十]{1,3})(位|名)?"
)


# Ranks written without 第: 居全省首位, 位居全国榜首 (1); 进入全国前十 (<= 10, with a scope
# only: 前三季度 is a period).
_RANK_WORD_RE = re.compile(
    r"(全省|全国|全市|全州|全盟|全区|全自治区|国内)?(?:(?<=全国|全省|国内)(?:城市|大中城市|同类城市|[\u4e00-\u9fff]{0,6}?百强[区县市]))?(?:首位|榜首)"
    # 增速稳居东北四市首位: a group named after a verb of ranking (no scope of the schema's)
    r"|(?<=[排居列名])[\u4e00-\u9fff]{1,4}?(?:城市|省份|省区|[四五六七八九十]市)首位"
    # 居全国各省(区)之首, 居全市各区之首: first of a scope's members
    r"|(?<=[排居列名])(?:全国|全省|全市|国内|中国)[\u4e00-\u9fff()]{0,6}?之首"
    r"|(全省|全国|全市|全州|全盟|全区|全自治区)(?:各市中|同类城市)?前(\d{1,3}(?!\d)|[一二三四五六七八九十]{1,3})(?:位|名|强)?"
    # 跻身全国TOP30, 进入全国城市50强 (<= N): a top group with its size in digits, after a verb
    # of entering, at a clause end (not 全国500强企业, a kind of firm; not 百强县, a group)
    r"|(?<=进入|跻身|入围|挺进|迈入|位列|跃居|位居|晋级|跨入|入选)(全省|全国|全市|全州|全盟|全区|全自治区)"
    r"([\u4e00-\u9fff]{0,6}?)(?:TOP|Top|top) ?(\d{1,3})(?![\d\u4e00-\u9fff])"
    r"|(?<=进入|跻身|入围|挺进|迈入|位列|跃居|位居|晋级|跨入|入选)(全省|全国|全市|全州|全盟|全区|全自治区)"
    r"([\u4e00-\u9fff]{0,6}?)(\d{1,3})强(?:榜|行列|之列)?(?=[,,、。;;\n]|$)"
)
# Every match of _RANK_WORD_RE holds one of these (a cheap test before the pattern).
_RANK_WORD_CUES = ("首位", "榜首", "之首", "前", "TOP", "Top", "top", "强")
_INDUSTRY_AFTER = re.compile(r"(?:[、和及与]第?[一二三]){1,2}(?:产业|次产业|产)")
# 全州 (an autonomous prefecture) is a city-level group (FIRST_RUN.md labelling decisions).
# 全区/全自治区 is an autonomous region (a province) in the report of a place inside one, but
# the district itself in a district's report: "region" until the extractor knows which.
_SCOPE_OF = {
    "全省": "province",
    "全国": "country",
    "全市": "city",
    "全州": "city",
    "全盟": "city",  # a league (盟) of Inner Mongolia is a city-level group, as 全州
    "全区": "region",
    "全自治区": "province",
    "国内": "country",  # 连续23年居国内城市首位
    "中国": "country",  # 综合实力连续四年位居中国百强区之首
    "内地": "country",  # 出口总额连续29年居内地城市首位: the mainland's cities
}

#: Words that end a ranked-group name: 全省排名第3 keeps its verb outside the token.
_RANK_GROUP_VERBS = ("排名", "位居", "名列", "位列", "稳居", "跃居", "升至", "排", "居", "列")
_RANK_GROUP_STOP = ("排名", "排", "居", "位居", "列", "名列", "位列", "跃居", "稳居", "升至", "的")


# 全国城市第二, 全省同类城市第3: a scope's cities ranked (no 位/名 needed, as 全国城市首位)
_CITIES_OF = frozenset(["城市", "大中城市", "同类城市"])
# 全省各县(区)第一, 全市各行政区(新区)第一: the scope's member areas ranked
_MEMBERS = re.compile(
    r"各(?:县|区|市|县区|县市区|区县|行政区|地市|省|省区|省市)(?:[((][\u4e00-\u9fff、]{1,6}[))])?"
)
# 居一线城市首位, 居副省级城市第3位: the country's cities of a kind (as 全国城市首位)
_NATIONAL_GROUP = re.compile(r"(?:一线|超大|特大|副省级|大中|省会)城市")


def _national(group: str) -> str:
    """The scope word a ranked group opens with (全国超大城市), else 全国 where it is one of
    the country's kinds of city (一线城市), else none."""
    word = next((w for w in _SCOPE_OF if group.startswith(w)), "")
    return word or ("全国" if _NATIONAL_GROUP.match(group) else "")


def scan_ranks(text: str, start: int, end: int) -> list[ValueToken]:
    """Rank positions such as 全省第3, 全国第一, 第2位 (the verb check is the caller's)."""
    out: list[ValueToken] = []
    worded = any(text.find(w, start, end) >= 0 for w in _RANK_WORD_CUES)
    for m in _RANK_WORD_RE.finditer(text, start, end) if worded else ():
        top_n = m.group(6) or m.group(9)
        if top_n is not None:
            size = float(top_n)
            if size >= 2:
                scope = m.group(4) or m.group(7)
                out.append(_rank_token(m.start(), m.end(), size, scope, "le", False))
            continue
        if m.group(2) is not None:
            after = text[m.end()] if m.end() < end else ""
            if after and after in "季个年月天":
                continue  # 全省前三季度
            num = m.group(3)
            top = float(num) if num.isdigit() else parse_chinese(num)
            if top is None or top < 1:
                continue
            scope, value, qualifier = m.group(2), top, "le"
        else:
            scope, value, qualifier = m.group(1) or _national(m[0]), 1.0, ""
        out.append(_rank_token(m.start(), m.end(), value, scope, qualifier, True))
    for m in _RANK_RE.finditer(text, start, end) if text.find("第", start, end) >= 0 else ():
        if _INDUSTRY_AFTER.match(text, m.end(), end):
            continue  # 第一、第三产业: a list of industries, not a rank
        after = text[m.end()] if m.end() < end else ""
        if is_cjk(after) and not m.group(6) and after not in "和及与或、":
            continue  # 全省第一方阵, 第十二届, 第一引擎
        if after.isdigit() or after == ".":
            continue
        group, at = m.group(2), m.start()
        scope = m.group(1) or m.group(3) or ("全市" if m.group(4) else _national(m[0]))
        if m[0].startswith("各"):
            scope = "全市"
        verb = next((w for w in _RANK_GROUP_VERBS if group and group.endswith(w)), "")
        if verb and group == verb:
            pass  # GDP全省排名第3: the scope before its verb
        elif verb and group.startswith("县域"):
            at, scope = m.start(5) - 1, ""  # 全省县域经济排名第5: the subject names the group
        elif group in _CITIES_OF and m.group(1) in ("全国", "全省"):
            pass  # 居全国城市第二: the scope's cities, as 全国城市首位
        elif group and _MEMBERS.fullmatch(group):
            pass  # 增速排名全省各县(区)第一: first of the scope's members, as 全市各区之首
        elif group and (
            (not m.group(6) and group != "县域") or any(w in group for w in _RANK_GROUP_STOP)
        ):
            continue  # 全国首批...第: only a named group with 第N位/名 (or 县域) is a ranking
        num = m.group(5)
        position = float(num) if num.isdigit() else parse_chinese(num)
        if position is None or position < 1:
            continue
        out.append(_rank_token(at, m.end(), position, scope, "", not num.isdigit()))
    out.sort(key=lambda t: t.start)
    return out


def _rank_token(
    start: int, end: int, value: float, scope: str, qualifier: str, chinese: bool
) -> ValueToken:
    return ValueToken(
        start=start,
        end=end,
        stop=end,
        value=value,
        value_max=None,
        unit="rank",
        unit_zh="",
        unit_word="",
        qualifier=qualifier,
        multiplier=1.0,
        chinese=chinese,
        rank_scope=_SCOPE_OF.get(scope, ""),
        is_rank=True,
    )
