"""A fake Hanweb government site on loopback, built from the seed, with the switches the
ingest tests flip::

    with FakeSite.start() as server:
        gov = HanwebSite(server)                     # column with the seed report
        gov.publish("政府工作报告(2025年)", ["一、2024年工作回顾", "全市GDP增长5.1%。"])
        gov.revise(SEED_ART, "增长6.3%", "增长6.5%")   # a silently revised number
        gov.publish_report(2021)                     # one of several years (reports.py)
        gov.cosmetic(SEED_ART)                        # visit counter, generated-at, scripts
        gov.inject_hidden_spam(SEED_ART)              # display:none block of casino links
        gov.column_url                                # what the source points at
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from urllib.parse import parse_qs

from tests.fakesite.pages import (
    hanweb_column_page,
    hanweb_dataproxy_xml,
    hanweb_detail_page,
    seed_parts,
)
from tests.fakesite.reports import FIGURES, report_paragraphs, report_title
from tests.fakesite.server import FakeSite, Reply, RequestRecord

COL_ID = 5120
UNIT_ID = 27656
SEED_ART = 3760539


@dataclasses.dataclass
class Document:
    art_id: int
    title: str
    paragraphs: list[str]
    date: dt.date
    metadata: dict[str, str] | None = None
    source: str = "市政府办"
    visit_count: int = 1024
    generated_at: str = "2024-03-11 16:05:44"
    reverse_scripts: bool = False
    hidden_html: str = ""
    listed: bool = True

    @property
    def path(self) -> str:
        d = self.date
        return f"/art/{d.year}/{d.month}/{d.day}/art_{COL_ID}_{self.art_id}.html"


class HanwebSite:
    def __init__(self, server: FakeSite, *, per_page: int = 15, with_seed: bool = True) -> None:
        self.server = server
        self.per_page = per_page
        self.docs: dict[int, Document] = {}
        self._next_art = SEED_ART + 1
        if with_seed:
            parts = seed_parts()
            self.docs[SEED_ART] = Document(
                art_id=SEED_ART,
                title=parts.title,
                paragraphs=list(parts.body),
                date=dt.date(2024, 3, 11),
                metadata=parts.metadata,
                source=parts.source,
            )
        server.handle("/module/web/jpage/dataproxy.jsp", self._dataproxy, method="POST")
        self.render()

    @property
    def column_path(self) -> str:
        return f"/col/col{COL_ID}/index.html"

    @property
    def column_url(self) -> str:
        return self.server.url(self.column_path)

    def url(self, art_id: int) -> str:
        return self.server.url(self.docs[art_id].path)

    def _records(self) -> list[tuple[str, str, dt.date]]:
        listed = [d for d in self.docs.values() if d.listed]
        listed.sort(key=lambda d: (d.date, d.art_id), reverse=True)
        return [(d.title, d.path, d.date) for d in listed]

    def _dataproxy(self, request: RequestRecord) -> Reply:
        form = {k: v[0] for k, v in parse_qs(request.body.decode()).items()}
        records = self._records()
        start = int(form.get("startrecord", "1"))
        end = int(form.get("endrecord", str(start + self.per_page - 1)))
        page = records[start - 1 : end]
        pages = max(1, math.ceil(len(records) / self.per_page))
        body = hanweb_dataproxy_xml(page, len(records), pages).encode()
        return Reply(200, body, {"Content-Type": "text/xml; charset=utf-8"})

    def render(self) -> None:
        records = self._records()
        self.server.set(
            self.column_path,
            hanweb_column_page(COL_ID, records, unitid=UNIT_ID, per_page=self.per_page),
        )
        for doc in self.docs.values():
            self.server.set(doc.path, self.detail_html(doc))

    def detail_html(self, doc: Document) -> str:
        return hanweb_detail_page(
            doc.title,
            doc.paragraphs,
            metadata=doc.metadata,
            source=doc.source,
            pub_date=doc.date,
            col_id=COL_ID,
            art_id=doc.art_id,
            visit_count=doc.visit_count,
            generated_at=doc.generated_at,
            reverse_scripts=doc.reverse_scripts,
            extra_hidden_html=doc.hidden_html,
        )

    # --- switches -------------------------------------------------------------------

    def publish(self, title: str, paragraphs: list[str], date: dt.date | None = None) -> int:
        art = self._next_art
        self._next_art += 1
        self.docs[art] = Document(
            art_id=art, title=title, paragraphs=paragraphs, date=date or dt.date(2025, 2, 20)
        )
        self.render()
        return art

    def publish_report(self, year: int) -> int:
        """Publish the work report of ``year`` from tests/fakesite/reports.py (several
        consecutive years make one column: the multi-year tests' series and scorecard)."""
        report = FIGURES[year]
        return self.publish(report_title(year), report_paragraphs(year), report.date)

    def revise(self, art_id: int, old: str, new: str) -> None:
        doc = self.docs[art_id]
        hits = [i for i, p in enumerate(doc.paragraphs) if old in p]
        if len(hits) != 1 or doc.paragraphs[hits[0]].count(old) != 1:
            raise ValueError(f"{old!r} must occur exactly once in document {art_id}")
        doc.paragraphs[hits[0]] = doc.paragraphs[hits[0]].replace(old, new)
        self.render()

    def cosmetic(self, art_id: int) -> None:
        """Change only what is not the document: counter, generated-at, script order."""
        doc = self.docs[art_id]
        doc.visit_count += 137
        doc.generated_at = "2024-03-12 09:00:00"
        doc.reverse_scripts = not doc.reverse_scripts
        self.render()

    def inject_hidden_spam(self, art_id: int) -> None:
        self.docs[art_id].hidden_html = (
            '<a href="http://www.casino-win888.com/">澳门威尼斯人娱乐场</a>'
            '<a href="http://bet365-cn.net/">体育投注 百家乐</a>'
        )
        self.render()

    def unlist(self, art_id: int) -> None:
        self.docs[art_id].listed = False
        self.render()
