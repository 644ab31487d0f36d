"""The app manifest asks for what the listeners use: the command, the message events, interactivity, and the
scopes the Web API calls need."""

from pathlib import Path

import yaml

from bot.slack_app import EVENTS_PATH

MANIFEST = Path(__file__).resolve().parent.parent / "slack-app-manifest.yml"


def manifest():
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def test_the_command_events_and_buttons_all_reach_summit_serve():
    data = manifest()
    (command,) = data["features"]["slash_commands"]

    assert command["command"] == "/summit"
    assert command["should_escape"] is True
    urls = {command["url"], data["settings"]["event_subscriptions"]["request_url"],
            data["settings"]["interactivity"]["request_url"]}
    assert len(urls) == 1 and urls.pop().endswith(EVENTS_PATH)
    assert data["settings"]["interactivity"]["is_enabled"] is True


def test_messages_in_public_and_private_channels_are_subscribed_with_their_scopes():
    data = manifest()

    assert set(data["settings"]["event_subscriptions"]["bot_events"]) == {"message.channels", "message.groups"}
    assert set(data["oauth_config"]["scopes"]["bot"]) == {"commands", "chat:write", "channels:history",
                                                          "groups:history", "users:read"}
