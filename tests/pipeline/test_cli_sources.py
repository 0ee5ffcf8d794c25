"""`gongkai sources`, `gongkai keys` and `gongkai reextract` as real processes."""

from __future__ import annotations

from pathlib import Path

from gongkai.runtime import SAMPLE_PAGE, SAMPLE_URL
from tests.helpers import gongkai_env, run_cli


def test_sources_pause_resume_check_and_list(tmp_path: Path) -> None:
    env = gongkai_env(GONGKAI_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite'}")
    imported = run_cli("ingest", "--file", str(SAMPLE_PAGE), "--url", SAMPLE_URL,
                       "--source", "saved", env=env)  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    paused = run_cli("sources", "pause", "saved", env=env)
    assert paused.returncode == 0 and "paused" in paused.stdout
    listed = run_cli("sources", "list", env=env)
    assert listed.stdout.startswith("saved\tpaused")
    assert run_cli("sources", "resume", "saved", env=env).returncode == 0
    assert "\tpaused" not in run_cli("sources", "list", env=env).stdout
    requested = run_cli("sources", "check", "saved", env=env)
    assert requested.returncode == 0 and "check requested" in requested.stdout
    unknown = run_cli("sources", "pause", "nope", env=env)
    assert unknown.returncode == 2 and "no source named 'nope'" in unknown.stderr


def test_keys_create_list_revoke(tmp_path: Path) -> None:
    env = gongkai_env(GONGKAI_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite'}")
    created = run_cli("keys", "create", "--scope", "admin", "--name", "ops", env=env)
    assert created.returncode == 0, created.stderr
    fields = dict(line.split(":", 1) for line in created.stdout.splitlines())
    key_id, secret = fields["id"].strip(), fields["key"].strip()
    assert secret.startswith("gk_") and "cannot be shown again" in created.stderr
    listed = run_cli("keys", "list", env=env)
    assert key_id in listed.stdout and secret not in listed.stdout
    assert run_cli("keys", "revoke", key_id, env=env).returncode == 0
    assert "revoked" in run_cli("keys", "list", env=env).stdout
    assert run_cli("keys", "revoke", "key_unknown", env=env).returncode == 2


def test_reextract_reports_no_change_on_unchanged_extractor(tmp_path: Path) -> None:
    env = gongkai_env(GONGKAI_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite'}")
    run_cli("ingest", "--file", str(SAMPLE_PAGE), "--url", SAMPLE_URL, env=env)
    result = run_cli("reextract", env=env)
    assert result.returncode == 0, result.stderr
    assert "1 publications re-extracted" in result.stdout
    assert "no dataset changed" in result.stdout
    assert "re-extracting: 1/1" in result.stderr  # the progress display


async def test_export_writes_what_the_api_serves(tmp_path: Path) -> None:
    import httpx

    from api.app import create_app
    from models import Database

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    env = gongkai_env(GONGKAI_DATABASE_URL=url)
    run_cli("ingest", "--file", str(SAMPLE_PAGE), "--url", SAMPLE_URL, env=env)
    out = tmp_path / "out.csv"
    result = run_cli("export", "imported", "--bom", "--labels", "zh", "-o", str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert "exporting" in result.stderr
    db = Database(url)
    try:
        app = create_app(db)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gk") as http:
            served = await http.get(
                "/v1/datasets/imported/versions/1/observations.csv",
                params={"bom": "1", "labels": "zh"},
            )
    finally:
        await db.dispose()
    assert served.status_code == 200
    assert out.read_bytes() == served.content
    bad = run_cli("export", "imported", "--version", "9", env=env)
    assert bad.returncode == 2 and "no version 9" in bad.stderr
