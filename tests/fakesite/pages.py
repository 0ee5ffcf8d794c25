"""HTML builders for realistic Hanweb (大汉 JCMS) and TRS WCM pages, for tests and fakes.

The markup copies the real sites' shape: header/nav chrome, a breadcrumb, the disclosure
metadata block with spaced labels, the Hanweb comment markers around the body inside
``#zoom``, share widgets, 打印/关闭, 字号 controls, a visit counter and a footer::

    html = hanweb_detail_page("政府工作报告(2024年)", ["第一段。", "第二段。"],
                              metadata={"索 引 号": "FZ0001/2024-54344"}, source="市政府办",
                              pub_date=datetime.date(2024, 3, 11), col_id=5120, art_id=1)
    column = hanweb_column_page(5120, [("标题", "/art/2024/3/11/art_5120_1.html",
                                        datetime.date(2024, 3, 11))], unitid=27656)
    seed = seed_detail_page()     # the Fuzhou 2024 report as a Hanweb page

Cosmetic knobs (``visit_count``, ``generated_at``, ``reverse_scripts``, ``indent``) change
the bytes but never the document; tests rely on that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from urllib.parse import quote

from tests.paths import SEED_PATH

SITE_NAME = "抚州市人民政府"
SITE_HOST = "www.jxfz.gov.cn"
SITE_ID_CODE = "3610000001"

Record = tuple[str, str, dt.date | None]

#: The labels exactly as the Fuzhou page prints them (spaces and all).
DEFAULT_METADATA: dict[str, str] = {
    "索 引 号": "FZ0001/2024-54344",
    "主题分类": "规划计划",
    "发文机关": "市政府办公室",
    "成文日期": "2024-03-11",
    "文\u3000\u3000号": "",
    "文件有效性": "",
}


def _scripts(reverse: bool) -> list[str]:
    scripts = [
        '<script type="text/javascript" src="/script/jquery.min.js"></script>',
        '<script type="text/javascript" src="/script/common.js"></script>',
        '<script type="text/javascript" src="/module/visitcount/visitcount.js"></script>',
        "<script>var _hmt = _hmt || []; (function(){var hm=document.createElement('script');"
        "hm.src='https://hm.baidu.com/hm.js?0123456789';})();</script>",
    ]
    return scripts[::-1] if reverse else scripts


def _head(title_tag: str, metas: dict[str, str], *, reverse_scripts: bool, ind: str) -> str:
    lines = [
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
        '<html xmlns="http://www.w3.org/1999/xhtml">',
        "<head>",
        f'{ind}<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />',
        f"{ind}<title>{escape(title_tag)}</title>",
    ]
    lines += [f'{ind}<meta name="{k}" content="{escape(v)}">' for k, v in metas.items()]
    lines += [f'{ind}<link rel="stylesheet" href="/images/{SITE_ID_CODE}/style.css" />']
    lines += [ind + s for s in _scripts(reverse_scripts)]
    lines += [
        f"{ind}<style>.bt-hide{{display:none}} .zoom p{{line-height:2em}}</style>",
        "</head>",
    ]
    return "\n".join(lines)


def _header(ind: str) -> str:
    return f"""<body>
{ind}<div class="bt-head">
{ind}{ind}<div class="logo"><img src="/images/logo.png" alt="{SITE_NAME}" /></div>
{ind}{ind}<div class="bt-nav"><ul>
{ind}{ind}<li><a href="/">首页</a></li><li><a href="/col/col1/index.html">政务动态</a></li>
{ind}{ind}<li><a href="/col/col2/index.html">政府信息公开</a></li>
{ind}{ind}<li><a href="/col/col3/index.html">政务服务</a></li>
{ind}{ind}<li><a href="/col/col4/index.html">互动交流</a></li></ul></div>
{ind}{ind}<div class="search"><form action="/jsearchfront/search.do"><input type="text" name="q" />
{ind}{ind}<button type="submit">搜索</button></form></div>
{ind}</div>"""


def _footer(ind: str, visit_count: int, generated_at: str) -> str:
    return f"""{ind}<div class="bt-footer">
{ind}{ind}<p>主办:{SITE_NAME}办公室 承办:抚州市大数据中心</p>
{ind}{ind}<p>网站标识码:{SITE_ID_CODE} <a href="https://beian.miit.gov.cn/">赣ICP备05004338号</a>
{ind}{ind}<a href="http://www.beian.gov.cn/">赣公网安备 36100202000160号</a></p>
{ind}{ind}<p>总访问量:<span id="siteCount">{visit_count * 37 + 1000}</span></p>
{ind}</div>
<!-- 页面生成时间:{generated_at} -->
<script>var pageGeneratedAt = "{generated_at}"; var visitTotal = {visit_count};</script>
</body>
</html>
"""


def _breadcrumb(crumbs: Sequence[str], col_id: int, ind: str) -> str:
    links = " &gt; ".join(
        f'<a href="/col/col{col_id - len(crumbs) + i + 1}/index.html">{escape(c)}</a>'
        for i, c in enumerate(crumbs)
    )
    return f'{ind}<div class="bt-position">当前位置:<a href="/">首页</a> &gt; {links}</div>'


def _meta_block(metadata: dict[str, str], ind: str) -> str:
    # Fuzhou prints two <ul>s of label/value pairs; values sit in their own <span>.
    items = [
        f"{ind}{ind}<li><b>{escape(label)}\uff1a</b><span>{escape(value)}</span></li>"
        for label, value in metadata.items()
    ]
    half = (len(items) + 1) // 2
    return (
        f'{ind}<div class="xxgk-info">\n{ind}<ul class="left">\n'
        + "\n".join(items[:half])
        + f'\n{ind}</ul>\n{ind}<ul class="right">\n'
        + "\n".join(items[half:])
        + f"\n{ind}</ul>\n{ind}</div>"
    )


def _attachment_links(attachments: Sequence[tuple[str, str]], ind: str) -> str:
    if not attachments:
        return ""
    links = "".join(
        f'<p><a href="/module/download/downfile.jsp?classid=0&amp;filename={quote(f)}">'
        f"{escape(name)}</a></p>"
        for name, f in attachments
    )
    return f'{ind}<div class="bt-attach">附件:{links}</div>'


def hanweb_detail_page(
    title: str,
    body_paragraphs: Sequence[str],
    *,
    metadata: dict[str, str] | None = None,
    source: str = "市政府办",
    pub_date: dt.date | None = dt.date(2024, 3, 11),
    col_id: int = 5120,
    art_id: int = 3760539,
    column_name: str = "市政府工作报告",
    crumbs: Sequence[str] = ("政府信息公开", "决策公开", "规划计划", "市政府工作报告"),
    visit_count: int = 1024,
    generated_at: str = "2024-03-11 16:05:44",
    extra_hidden_html: str = "",
    extra_body_html: str = "",
    attachments: Sequence[tuple[str, str]] = (),
    reverse_scripts: bool = False,
    indent: str = "  ",
    title_tag: str | None = None,
    with_article_title_meta: bool = True,
) -> str:
    """A Hanweb JCMS article page (``/art/YYYY/M/D/art_{col_id}_{art_id}.html``).

    ``metadata`` maps labels *as printed* to values; ``attachments`` are (name, filename)
    pairs served by ``/module/download/downfile.jsp``; ``extra_hidden_html`` is injected
    inside the body the way defacers do it (a ``display:none`` div);
    ``extra_body_html`` is appended to the body verbatim.
    """
    ind = indent
    metas = {
        "SiteName": SITE_NAME,
        "SiteDomain": SITE_HOST,
        "SiteIDCode": SITE_ID_CODE,
        "ColumnName": column_name,
        "ColumnType": "规划计划",
    }
    if with_article_title_meta:
        metas["ArticleTitle"] = title
    if pub_date is not None:
        metas["PubDate"] = f"{pub_date.isoformat()} 10:20"
    metas |= {
        "ContentSource": source,
        "Keywords": title,
        "Maketime": generated_at,
        "i_columnid": str(col_id),
        "i_articleid": str(art_id),
    }
    paras = "\n".join(
        f'{ind}{ind}<p style="text-indent:2em;">{escape(p)}</p>' for p in body_paragraphs
    )
    hidden = (
        f'\n{ind}{ind}<div style="display:none">{extra_hidden_html}</div>'
        if extra_hidden_html
        else ""
    )
    pub_row = f"发布时间:{pub_date.isoformat()} " if pub_date is not None else ""
    body = f"""{_breadcrumb(crumbs, col_id, ind)}
{_meta_block(DEFAULT_METADATA if metadata is None else metadata, ind)}
{ind}<div class="bt-article">
{ind}<div class="bt-article-title"><h1 class="title">{escape(title)}</h1></div>
{ind}<div class="bt-article-info">
{ind}{ind}<span>来源:<!--<$[信息来源]>begin-->{escape(source)}<!--<$[信息来源]>end--></span>
{ind}{ind}<span>{pub_row}</span>
{ind}{ind}<span>浏览次数:<span id="visitcount">{visit_count}</span></span>
{ind}{ind}<span class="bt-fontsize">【字体:<a href="javascript:doZoom(18)">大</a>
{ind}{ind}<a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</span>
{ind}</div>
{ind}<div id="zoom" class="zoom">
<!--<$[信息内容]>begin--><!--ZJEG_RSS.content.begin--><meta name="ContentStart">
{paras}{hidden}{extra_body_html}
<meta name="ContentEnd"><!--ZJEG_RSS.content.end--><!--<$[信息内容]>end-->
{ind}</div>
{_attachment_links(attachments, ind)}
{ind}<div class="bt-share">分享到:<a class="bds_weixin" href="#">微信</a>
{ind}<a class="bds_tsina" href="#">微博</a> <a class="bds_qzone" href="#">QQ空间</a></div>
{ind}<div class="bt-qrcode"><img src="/qrcode.png" />扫一扫在手机打开当前页</div>
{ind}<div class="bt-print">[<a href="javascript:window.print()">打印</a>]
{ind}[<a href="javascript:window.close()">关闭</a>]</div>
{ind}<div class="bt-prevnext">
{ind}<p>上一篇:<a href="/art/2023/2/1/art_{col_id}_1.html">政府工作报告(2023年)</a></p>
{ind}<p>下一篇:<a href="/art/2025/2/1/art_{col_id}_2.html">政府工作报告(2025年)</a></p>
{ind}</div>
{ind}</div>"""
    return "\n".join(
        [
            _head(
                title_tag if title_tag is not None else f"{SITE_NAME} {column_name} {title}",
                metas,
                reverse_scripts=reverse_scripts,
                ind=ind,
            ),
            _header(ind),
            body,
            _footer(ind, visit_count, generated_at),
        ]
    )


def _record_li(title: str, url: str, date: dt.date | None) -> str:
    b = f"<b>{date.isoformat()}</b>" if date is not None else ""
    return (
        f'<li><a href="{escape(url)}" title="{escape(title)}" target="_blank">'
        f"{escape(title)}</a>{b}</li>"
    )


def _recordset(records: Sequence[Record]) -> str:
    return "\n".join(f"<record><![CDATA[\n{_record_li(*r)}\n]]></record>" for r in records)


def hanweb_column_page(
    col_id: int,
    records: Sequence[Record],
    *,
    unitid: int = 27656,
    per_page: int = 15,
    total: int | None = None,
    column_name: str = "市政府工作报告",
    webid: int = 1,
    appid: int = 1,
) -> str:
    """A Hanweb column page (``/col/col{col_id}/index.html``) whose first records are
    embedded in ``<script type="text/xml">``; the jpage script carries the dataproxy
    parameters (``unitid`` differs per column)."""
    total = len(records) if total is None else total
    next_href = (
        f"/module/web/jpage/dataproxy.jsp?page=1&appid={appid}&webid={webid}&path=/"
        f"&columnid={col_id}&unitid={unitid}&webname={quote(SITE_NAME)}&permissiontype=0"
    )
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{column_name} {SITE_NAME}</title>
<meta name="SiteName" content="{SITE_NAME}">
<meta name="ColumnName" content="{column_name}">
<script type="text/javascript" src="/script/jquery.min.js"></script>
</head>
<body>
<div class="bt-nav"><a href="/">首页</a> <a href="/col/col2/index.html">政府信息公开</a>
<a href="http://www.jiangxi.gov.cn/">江西省人民政府</a></div>
<div class="bt-position">当前位置:<a href="/">首页</a> &gt; {column_name}</div>
<div class="bt-list">
<div id="{unitid}"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="{next_href}"></a>]]></nextgroup>
<recordset>
{_recordset(records[:per_page])}
</recordset>
<totalrecord>{total}</totalrecord>
</datastore></script></div>
<script language="javascript" src="/module/web/jpage/jpage.js"></script>
<script>
$(document).ready(function(){{
  $('#{unitid}').jpage({{
    dataStore: null, perPage: {per_page}, totalRecord: {total},
    proxyUrl: '/module/web/jpage/dataproxy.jsp',
    ajaxParam: {{col: 1, appid: {appid}, webid: {webid}, path: '/', columnid: {col_id},
      sourceContentType: 1, unitid: '{unitid}', webname: '{SITE_NAME}', permissiontype: 0}}
  }});
}});
</script>
<form id="jpageform_{unitid}" method="post"></form>
</div>
<div class="bt-footer">网站标识码:{SITE_ID_CODE}</div>
</body>
</html>
"""


def hanweb_dataproxy_xml(records: Sequence[Record], total_records: int, total_pages: int) -> str:
    """What ``/module/web/jpage/dataproxy.jsp`` answers for one page of records."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<datastore>\n'
        f"<totalrecord>{total_records}</totalrecord>\n<totalpage>{total_pages}</totalpage>\n"
        f"<recordset>\n{_recordset(records)}\n</recordset>\n</datastore>\n"
    )


def trs_listing_page(
    records: Sequence[Record],
    *,
    page_count: int = 1,
    page_index: int = 0,
    column_name: str = "政府工作报告",
) -> str:
    """A TRS WCM listing page (``index.html`` / ``index_{page_index}.html``); record URLs
    are usually ``./YYYYMM/tYYYYMMDD_NNN.html``."""
    items = "\n".join(
        f'<li><a href="{escape(url)}" target="_blank" title="{escape(title)}">{escape(title)}</a>'
        f"<span>{date.isoformat() if date else ''}</span></li>"
        for title, url, date in records
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{column_name}_江西省人民政府</title></head>
<body>
<div class="nav"><a href="../../">首页</a> <a href="../">政务公开</a></div>
<div class="list"><ul>
{items}
</ul></div>
<div class="page"><script type="text/javascript">
var currentPage = {page_index};
var countPage = {page_count};
createPageHTML({page_count}, {page_index}, "index", "html");
</script></div>
<div class="footer">版权所有 江西省人民政府办公厅</div>
</body></html>
"""


def trs_detail_page(
    title: str,
    body_paragraphs: Sequence[str],
    *,
    metadata: dict[str, str] | None = None,
    source: str = "省政府办公厅",
    pub_date: dt.date | None = dt.date(2024, 1, 30),
) -> str:
    """A TRS WCM article page: metadata table of ``<td>`` label/value cells, body in
    ``.TRS_Editor``."""
    metadata = (
        {
            "索引号": "014500858/2024-00012",
            "发布机构": "省政府办公厅",
            "发文字号": "赣府发〔2024〕1号",
            "生成日期": "2024-01-29",
        }
        if metadata is None
        else metadata
    )
    rows = "\n".join(
        f"<tr><td class='label'>{escape(k)}</td><td>{escape(v)}</td></tr>"
        for k, v in metadata.items()
    )
    paras = "\n".join(f"<p>{escape(p)}</p>" for p in body_paragraphs)
    date = pub_date.isoformat() if pub_date else ""
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{escape(title)}_江西省人民政府</title>
<meta name="SiteName" content="江西省人民政府"><meta name="PubDate" content="{date}">
</head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="../">政务公开</a></div>
<table class="xxgk-table">{rows}</table>
<div class="article"><h2 class="article-title">{escape(title)}</h2>
<div class="info">来源:{escape(source)} 发布日期:{date}</div>
<div class="TRS_Editor">
<style>.TRS_Editor p{{font-size:16px}}</style>
{paras}
</div></div>
<div class="footer">版权所有 江西省人民政府办公厅</div>
</body></html>
"""


# --- the seed -----------------------------------------------------------------------------


def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


class SeedParts:
    """The seed's header lines split into what a Hanweb page would render."""

    def __init__(self, text: str) -> None:
        lines = [line.strip().lstrip("•").strip() for line in text.split("\n")]
        source_at = next(i for i, line in enumerate(lines) if line.startswith("来源"))
        self.source = lines[source_at].split(":", 1)[1].strip()
        self.title = next(line for line in reversed(lines[:source_at]) if line)
        title_at = source_at - 1 - lines[source_at - 1 :: -1].index(self.title)
        self.metadata: dict[str, str] = {}
        for line in lines[2:title_at]:
            if ":" in line:
                label, value = line.split(":", 1)
                self.metadata[label.strip()] = value.strip()
        self.crumbs = [c.strip() for c in lines[1].lstrip(">").split(">")]
        self.body = [line for line in lines[source_at + 1 :] if line]


def seed_parts() -> SeedParts:
    return SeedParts(seed_text())


def seed_detail_page() -> str:
    """The seed document rendered as the Fuzhou Hanweb page it was captured from."""
    parts = seed_parts()
    return hanweb_detail_page(
        parts.title,
        parts.body,
        metadata=parts.metadata,
        source=parts.source,
        pub_date=dt.date(2024, 3, 11),
        col_id=5120,
        art_id=3760539,
        crumbs=parts.crumbs,
    )
