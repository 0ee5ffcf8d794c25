"""Settings come from GONGKAI_* variables and a TOML file; bad values name the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.settings import (
    SettingsError,
    default_database_path,
    describe_database,
    load_settings,
    unknown_variables,
)
from tests.conftest import TEST_DATA_HOME


def test_default_database_is_one_file_in_the_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not relative to the current folder: every folder sees the same database."""
    settings = load_settings({})
    expected = TEST_DATA_HOME / "gongkai" / "gongkai.db"  # the tests' private XDG_DATA_HOME
    assert default_database_path() == expected
    assert settings.database_url == f"sqlite+aiosqlite:///{expected}"
    monkeypatch.chdir(tmp_path)
    assert load_settings({}).database_url == settings.database_url
    assert settings.port == 8000
    assert Path(settings.sources_file).is_file()


def test_database_url_overrides_the_default() -> None:
    url = "postgresql://u:secret@db.internal/gongkai"
    settings = load_settings({"GONGKAI_DATABASE_URL": url})
    assert settings.database_url == url
    assert describe_database(settings.database_url) == "postgresql://u:***@db.internal/gongkai"
    assert describe_database("sqlite+aiosqlite:////srv/g.db") == "sqlite:////srv/g.db"


def test_environment_overrides() -> None:
    settings = load_settings(
        {
            "GONGKAI_DATABASE_URL": "postgresql://u@db.internal/gongkai",
            "GONGKAI_PORT": "9001",
            "GONGKAI_HOST": "0.0.0.0",
            "GONGKAI_LOG_LEVEL": "DEBUG",
            "GONGKAI_WEBHOOK_ALLOWED_NETWORKS": "127.0.0.0/8, ::1/128",
            "GONGKAI_LOAD_SAMPLE": "false",
        }
    )
    assert settings.port == 9001
    assert settings.host == "0.0.0.0"
    assert settings.webhook_allowed_networks == ("127.0.0.0/8", "::1/128")
    assert settings.load_sample is False


def test_toml_file_with_environment_winning(tmp_path: Path) -> None:
    config = tmp_path / "gongkai.toml"
    config.write_text('port = 7000\nhost = "0.0.0.0"\n', encoding="utf-8")
    settings = load_settings({"GONGKAI_CONFIG_FILE": str(config), "GONGKAI_PORT": "7001"})
    assert settings.host == "0.0.0.0"
    assert settings.port == 7001


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"GONGKAI_PORT": "eighty"}, "GONGKAI_PORT"),
        ({"GONGKAI_PORT": "70000"}, "GONGKAI_PORT"),
        ({"GONGKAI_DATABASE_URL": "mysql://root@localhost/x"}, "GONGKAI_DATABASE_URL"),
        ({"GONGKAI_DATABASE_URL": "not a url"}, "GONGKAI_DATABASE_URL"),
        ({"GONGKAI_DATABASE_URL": "sqlite://"}, "GONGKAI_DATABASE_URL"),
        ({"GONGKAI_LOG_LEVEL": "LOUD"}, "GONGKAI_LOG_LEVEL"),
        ({"GONGKAI_WEBHOOK_ALLOWED_NETWORKS": "10.0.0.0/33"}, "GONGKAI_WEBHOOK_ALLOWED_NETWORKS"),
        ({"GONGKAI_LOAD_SAMPLE": "maybe"}, "GONGKAI_LOAD_SAMPLE"),
        ({"GONGKAI_PUBLIC_URL": "ftp://x"}, "GONGKAI_PUBLIC_URL"),
        ({"GONGKAI_FETCH_MIN_DELAY": "-1"}, "GONGKAI_FETCH_MIN_DELAY"),
        ({"GONGKAI_FETCH_MIN_DELAY": "nan"}, "GONGKAI_FETCH_MIN_DELAY"),
        ({"GONGKAI_SHUTDOWN_GRACE_SECONDS": "-5"}, "GONGKAI_SHUTDOWN_GRACE_SECONDS"),
        ({"GONGKAI_DATABASE_POOL_SIZE": "0"}, "GONGKAI_DATABASE_POOL_SIZE"),
        ({"GONGKAI_EXPORT_CACHE_MB": "-1"}, "GONGKAI_EXPORT_CACHE_MB"),
    ],
)
def test_bad_values_name_the_variable(env: dict[str, str], variable: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(env)
    assert str(caught.value).startswith(variable + ":")


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    config = tmp_path / "gongkai.toml"
    config.write_text("port = [", encoding="utf-8")
    with pytest.raises(SettingsError, match="GONGKAI_CONFIG_FILE"):
        load_settings({"GONGKAI_CONFIG_FILE": str(config)})


def test_unknown_toml_key_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "gongkai.toml"
    config.write_text("prot = 1\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="prot"):
        load_settings({"GONGKAI_CONFIG_FILE": str(config)})


def test_dotenv_file_below_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_env: None
) -> None:
    (tmp_path / ".env").write_text(
        '# local settings\nexport GONGKAI_PORT=7100\nGONGKAI_HOST="0.0.0.0"\nOTHER=1\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert (settings.port, settings.host) == (7100, "0.0.0.0")
    monkeypatch.setenv("GONGKAI_PORT", "7200")
    assert load_settings().port == 7200


def test_zero_delay_and_zero_grace_are_allowed() -> None:
    settings = load_settings(
        {"GONGKAI_FETCH_MIN_DELAY": "0", "GONGKAI_SHUTDOWN_GRACE_SECONDS": "0"}
    )
    assert (settings.fetch_min_delay, settings.shutdown_grace_seconds) == (0.0, 0.0)


def test_unknown_variables_suggest_the_nearest_known_name() -> None:
    env = {
        "GONGKAI_PROT": "8001",
        "GONGKAI_FETCH_MIN_DELAI": "2",
        "GONGKAI_DATABASE": "sqlite:///x.db",
        "GONGKAI_XYZZY": "1",
        "GONGKAI_PORT": "8000",  # known: not reported
        "GONGKAI_CONFIG_FILE": "g.toml",  # known, though not a field
        "GONGKAI_TEST_DATABASES": "sqlite",  # the test suite's own
        "OTHER_PROT": "1",  # not ours
    }
    assert unknown_variables(env) == [
        ("GONGKAI_DATABASE", "GONGKAI_DATABASE_URL"),
        ("GONGKAI_FETCH_MIN_DELAI", "GONGKAI_FETCH_MIN_DELAY"),
        ("GONGKAI_PROT", "GONGKAI_PORT"),
        ("GONGKAI_XYZZY", None),
    ]


def test_pool_size_and_export_cache_reach_the_database_and_the_api(tmp_path: Path) -> None:
    from gongkai.runtime import api_config
    from gongkai.settings import default_export_cache_dir

    defaults = api_config(load_settings({}), ("api",))
    assert defaults.export_cache_dir == str(default_export_cache_dir())
    assert defaults.export_cache_bytes == 2048 * 1024 * 1024
    settings = load_settings(
        {
            "GONGKAI_DATABASE_POOL_SIZE": "25",
            "GONGKAI_EXPORT_CACHE_DIR": str(tmp_path / "x"),
            "GONGKAI_EXPORT_CACHE_MB": "3",
        }
    )
    assert settings.database_pool_size == 25
    config = api_config(settings, ("api",))
    assert (config.export_cache_dir, config.export_cache_bytes) == (str(tmp_path / "x"), 3 << 20)
