"""From the fake Hanweb column to stored versions, diffs and events."""

from __future__ import annotations

import sqlalchemy as sa

from ingest.diff import diff_texts
from models import Dataset, DatasetVersion, Observation, Publication, Source
from models.dataset_queries import diff_versions
from tests.fakesite.hanweb import SEED_ART, HanwebSite
from tests.pipeline.conftest import Checker


async def test_ingesting_twice_creates_versions_and_events_once(check: Checker) -> None:
    first = await check()
    assert first.health == "ok"
    assert len(first.new_publications) == 1
    versions = await check.versions()
    assert [v.version for v in versions] == [1]
    events = [e.type for e in await check.events()]
    assert events.count("publication.created") == 1
    assert events.count("dataset.updated") == 1

    second = await check()
    assert second.new_publications == second.updated_publications == []
    assert len(await check.versions()) == 1
    assert [e.type for e in await check.events()] == events


async def test_revised_number_gives_version_2_with_exact_diff(
    check: Checker, gov: HanwebSite
) -> None:
    await check()
    gov.revise(SEED_ART, "增长6.3%", "增长6.5%")
    report = await check()
    assert len(report.updated_publications) == 1

    v1, v2 = await check.versions()
    assert v2.version == 2
    diff = diff_texts(v1.text, v2.text)
    assert [(op.op, op.old_text, op.new_text) for op in diff.ops] == [("replace", "6.3", "6.5")]
    assert diff.paragraphs_changed == 1

    updated = await check.events("publication.updated")
    assert len(updated) == 1
    assert updated[0].data["previous_version"] == 1
    assert updated[0].data["links"]["diff"].endswith("/versions/2/diff?against=1")

    dataset_events = await check.events("dataset.updated")
    assert len(dataset_events) == 2
    changes = dataset_events[-1].data["changes"]
    assert len(changes) == 1
    change = changes[0]
    assert change["change"] == "changed"
    assert change["indicator_code"] == "gdp" and change["measure"] == "growth"
    assert change["old"]["obs_value"] == 6.3 and change["new"]["obs_value"] == 6.5


async def test_revision_keeps_observation_ids_and_old_version_rows(
    check: Checker, gov: HanwebSite
) -> None:
    await check()
    gov.revise(SEED_ART, "增长6.3%", "增长6.5%")
    await check()
    async with check.db.session() as session:
        dataset = await session.scalar(sa.select(Dataset))
        assert dataset is not None and dataset.latest_version == 2
        v1 = await session.scalar(sa.select(DatasetVersion).where(DatasetVersion.version == 1))
        v2 = await session.scalar(sa.select(DatasetVersion).where(DatasetVersion.version == 2))
        assert v1 is not None and v2 is not None
        assert v1.row_count == v2.row_count
        assert (v2.added, v2.removed, v2.changed) == (0, 0, 1)
        assert v1.content_hash != v2.content_hash
        diff = await diff_versions(session, dataset.id, dataset.slug, old=1, new=2)
        assert len(diff.changed) == 1 and not diff.added and not diff.removed
        change = diff.changed[0]
        assert change.old is not None and change.new is not None
        assert (change.old["obs_value"], change.new["obs_value"]) == (6.3, 6.5)
        assert change.old["publication_version"] == 1
        assert change.new["publication_version"] == 2
        # the quote of the new row is an exact substring of version 2's text
        row = await session.scalar(
            sa.select(Observation).where(
                Observation.observation_id == change.observation_id,
                Observation.valid_from == 2,
            )
        )
        assert row is not None
        versions = await check.versions()
        assert versions[1].text[row.char_start : row.char_end] == row.quote


async def test_cosmetic_changes_make_no_version_and_no_event(
    check: Checker, gov: HanwebSite
) -> None:
    await check()
    before = [e.id for e in await check.events()]
    gov.cosmetic(SEED_ART)
    report = await check()
    assert report.unchanged == 1
    assert len(await check.versions()) == 1
    assert [e.id for e in await check.events()] == before


async def test_new_document_is_created_with_its_observations(
    check: Checker, gov: HanwebSite
) -> None:
    await check()
    gov.publish(
        "政府工作报告(2025年)",
        [
            "各位代表:",
            "一、2024年工作回顾",
            "全市地区生产总值增长5.1%,规模以上工业增加值增长8.2%。",
            "二、2025年工作安排",
            "今年经济社会发展的主要预期目标是:地区生产总值增长5.5%左右。",
        ],
    )
    report = await check()
    assert len(report.new_publications) == 1
    created = await check.events("publication.created")
    assert len(created) == 2
    assert created[-1].data["title"] == "政府工作报告(2025年)"
    async with check.db.session() as session:
        targets = (
            await session.scalars(
                sa.select(Observation).where(
                    Observation.publication_id == report.new_publications[0],
                    Observation.obs_kind == "target",
                )
            )
        ).all()
    assert [(t.indicator_code, t.obs_value, t.qualifier, t.time_period) for t in targets] == [
        ("gdp", 5.5, "approx", "2025")
    ]


async def test_seed_spam_is_flagged_where_it_stands(check: Checker) -> None:
    await check()
    (version,) = await check.versions()
    assert version.flagged
    terms = [f for f in version.flags if f["reason"] == "spam_term"]
    assert {f["term"] for f in terms} >= {"雷速体育", "中国竞彩网"}
    for flag in terms:
        assert version.text[flag["start"] : flag["end"]] == flag["term"]
    # all five injections are findings; each distinct brand counts once, with its evidence
    assert sorted(f["term"] for f in terms) == ["中国竞彩网"] * 3 + ["雷速体育"] * 2
    flagged = await check.events("publication.flagged")
    assert len(flagged) == 1
    data = flagged[0].data
    assert data["score"] == 3.5 and data["threshold"] == 1.0
    # The event lists all five places: the counted finding of each brand and its repeats.
    assert [(f["term"], f["start"], f["weight"]) for f in data["flags"]] == [
        (f["term"], f["start"], f["weight"]) for f in terms
    ]
    assert sum(f["weight"] for f in data["flags"]) == data["score"]
    assert [e["kind"] for e in data["flags"][0]["evidence"]] == ["brand", "breaks_sentence"]


async def test_hidden_spam_links_flag_the_new_version(check: Checker, gov: HanwebSite) -> None:
    await check()
    gov.inject_hidden_spam(SEED_ART)
    await check()
    versions = await check.versions()
    reasons = {f["reason"] for f in versions[-1].flags}
    assert "hidden_link" in reasons
    assert "澳门威尼斯人娱乐场" not in versions[-1].text


async def test_unlisted_publication_is_withdrawn_after_three_checks(
    check: Checker, gov: HanwebSite
) -> None:
    other = gov.publish("关于2025年预算的报告", ["全市一般公共预算收入增长3%。"])
    await check()
    gov.unlist(other)
    for _ in range(2):
        report = await check()
        assert report.withdrawn == []
    report = await check()
    assert len(report.withdrawn) == 1
    (event,) = await check.events("publication.withdrawn")
    status = await check.scalar(
        sa.select(Publication.status).where(Publication.id == report.withdrawn[0])
    )
    assert status == "withdrawn"
    assert event.data["publication_id"] == report.withdrawn[0]


async def test_pagination_through_dataproxy(check: Checker, gov: HanwebSite) -> None:
    gov.per_page = 2
    for year in (2019, 2020, 2021, 2022):
        gov.publish(f"政府工作报告({year}年)", [f"全市地区生产总值增长{year - 2015}%。"])
    report = await check()
    assert report.listed == 5
    assert len(report.new_publications) == 5
    assert gov.server.count("/module/web/jpage/dataproxy.jsp") >= 1
    health = await check.scalar(sa.select(Source.health))
    assert health == "ok"


async def test_redirected_document_keeps_its_listing_identity(
    check: Checker, gov: HanwebSite
) -> None:
    doc = gov.docs[SEED_ART]
    moved = doc.path.replace(".html", "_moved.html")
    gov.server.set(moved, gov.detail_html(doc), etag='"v1"')
    gov.server.set(doc.path, b"", status=301, headers={"Location": gov.server.url(moved)})
    for _ in range(4):
        report = await check()
        assert report.withdrawn == []
    (version,) = await check.versions()
    assert version.url.endswith("_moved.html")
    publication = await check.scalar(sa.select(Publication))
    assert publication.url == gov.url(SEED_ART) and publication.status == "active"


async def test_conditional_requests_skip_unchanged_documents(
    check: Checker, gov: HanwebSite
) -> None:
    doc = gov.docs[SEED_ART]
    gov.server.set(doc.path, gov.detail_html(doc), etag='"seed-v1"')
    await check()
    report = await check()
    assert report.not_modified == 1
    sent = gov.server.requests(doc.path)[-1].headers
    assert sent.get("if-none-match") == '"seed-v1"'
    assert len(await check.versions()) == 1
