"""Rows as the ingest side writes them, built directly for API tests.

source = await make_source(session, "fz")
pub = await make_publication(session, source, texts=["v1 text", "v2 text"])
ds = await make_dataset(session, "fz")
await publish(session, ds, [obs("o1", obs_value=6.3), obs("o2")])   # version 1
await publish(session, ds, [obs("o1", obs_value=6.5), obs("o2")])   # version 2
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections import Counter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    Blob,
    Dataset,
    DatasetVersion,
    Observation,
    Publication,
    PublicationVersion,
    Snapshot,
    Source,
)
from models.counts import apply_delta, row_keys
from models.dataset_queries import RowSum, fingerprint, in_version
from models.db import mark_published

_counter = itertools.count(1)


async def make_source(session: AsyncSession, name: str = "fz", **values: Any) -> Source:
    defaults: dict[str, Any] = {
        "adapter": "hanweb",
        "url": f"https://www.jxfz.gov.cn/col/{name}/index.html",
        "area": "抚州市",
        "area_code": "361000",
        "dataset_slug": name,
        "health": "ok",
    }
    source = Source(name=name, **{**defaults, **values})
    session.add(source)
    await session.flush()
    return source


async def make_publication(
    session: AsyncSession,
    source: Source,
    *,
    texts: list[str],
    pid: str | None = None,
    title: str = "2024年抚州市人民政府工作报告",
    published_date: dt.date | None = dt.date(2024, 3, 11),
    flagged: bool = False,
    raw: bytes | None = None,
    content_type: str = "text/html; charset=utf-8",
) -> Publication:
    pid = pid or f"pub_{next(_counter):026d}"
    url = f"https://www.jxfz.gov.cn/art/2024/3/11/art_{pid}.html"
    pub = Publication(
        id=pid,
        source_id=source.id,
        url=url,
        title=title,
        published_date=published_date,
        flagged=flagged,
        latest_version=len(texts),
    )
    session.add(pub)
    await session.flush()
    for number, text in enumerate(texts, start=1):
        body = raw if raw is not None else f"<html><body>{text}</body></html>".encode()
        body = body + f"<!-- v{number} -->".encode()
        sha = hashlib.sha256(body).hexdigest()
        if await session.get(Blob, sha) is None:
            session.add(Blob(sha256=sha, size=len(body), content=body))
            await session.flush()
        snap = Snapshot(
            source_id=source.id,
            url=url,
            status_code=200,
            outcome="document",
            blob_sha256=sha,
            content_type=content_type,
        )
        session.add(snap)
        await session.flush()
        session.add(
            PublicationVersion(
                publication_id=pid,
                version=number,
                snapshot_id=snap.id,
                blob_sha256=sha,
                url=url,
                title=title,
                published_date=published_date,
                meta={"发布机构": "抚州市人民政府"},
                attachments=[],
                text=text,
                content_hash=hashlib.sha256(text.encode()).hexdigest(),
                flags=[{"reason": "gambling_spam", "term": "雷速体育"}] if flagged else [],
                flagged=flagged,
                report_year=2024,
            )
        )
    await session.flush()
    return pub


async def make_dataset(session: AsyncSession, slug: str = "fz", **values: Any) -> Dataset:
    dataset = Dataset(slug=slug, title=values.pop("title", "抚州市政府工作报告中的数字"), **values)
    session.add(dataset)
    await session.flush()
    return dataset


def obs(observation_id: str, publication_id: str, **values: Any) -> dict[str, Any]:
    """An observation's SCHEMA.md values (without ``dataset``), with overrides."""
    row: dict[str, Any] = {
        "observation_id": observation_id,
        "publication_id": publication_id,
        "publication_version": 1,
        "ref_area": "抚州市",
        "ref_area_code": "361000",
        "time_period": "2023",
        "obs_kind": "actual",
        "indicator_code": "industrial_value_added",
        "indicator_zh": "规模以上工业增加值",
        "indicator_en": "Value added of industry above designated size",
        "measure": "growth",
        "obs_value": 14.6,
        "obs_value_max": None,
        "qualifier": "eq",
        "unit": "percent",
        "unit_zh": "%",
        "compare_scope": "",
        "value_text": "增长14.6%",
        "quote": "规模以上工业增加值增长14.6%,排名全省第1",
        "char_start": 10,
        "char_end": 26,
        "source_url": "https://www.jxfz.gov.cn/art/2024/3/11/art_1.html",
    }
    row.update(values)
    return row


async def publish(
    session: AsyncSession, dataset: Dataset, rows: list[dict[str, Any]], cause: Any = None
) -> DatasetVersion:
    """Write the next dataset version holding exactly ``rows``, with validity runs."""
    number = dataset.latest_version + 1
    current = {
        o.observation_id: o
        for o in (
            await session.scalars(
                sa.select(Observation).where(
                    Observation.dataset_id == dataset.id, Observation.valid_to.is_(None)
                )
            )
        ).all()
    }
    added = changed = 0
    wanted = {r["observation_id"] for r in rows}
    delta: Counter[str] = Counter()  # the version's counts as publish_rows keeps them
    opened: list[Observation] = []
    for values in rows:
        fp = fingerprint(values)
        old = current.get(values["observation_id"])
        if old is not None and old.fingerprint == fp:
            continue
        if old is not None:
            old.valid_to = number - 1
            delta.subtract(row_keys(old))
            changed += 1
        else:
            added += 1
        new = Observation(dataset_id=dataset.id, valid_from=number, fingerprint=fp, **values)
        opened.append(new)
        session.add(new)
    removed = 0
    for oid, old in current.items():
        if oid not in wanted:
            old.valid_to = number - 1
            delta.subtract(row_keys(old))
            removed += 1
    await session.flush()
    for new in opened:  # after the flush: with the column defaults
        delta.update(row_keys(new))
    await apply_delta(session, dataset.id, number, delta)
    members = (
        await session.scalars(
            sa.select(Observation)
            .where(Observation.dataset_id == dataset.id, in_version(number))
            .order_by(Observation.id)
        )
    ).all()
    digest = RowSum()
    for member in members:
        digest.add(member)
    version = DatasetVersion(
        dataset_id=dataset.id,
        version=number,
        row_count=len(members),
        content_hash=digest.content_hash(dataset.slug),
        row_sum=digest.dump(),
        added=added,
        removed=removed,
        changed=changed,
        cause=cause or {"publications": []},
    )
    session.add(version)
    dataset.latest_version = number
    mark_published(session)  # as ingest's publish_rows does
    await session.flush()
    return version
