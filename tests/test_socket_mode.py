"""``summit serve --socket``: the same app over Socket Mode, with no public address and no signing secret."""

import os
import queue
import subprocess
import sys
import uuid

import pytest

from tests.slack_api import FakeSlack
from tests.slack_requests import BOT_TOKEN
from tests.slack_stack import PROJECT_ROOT, delete_namespace
from tests.socket_mode_server import SocketModeServer


@pytest.fixture
def socket_mode(redis_url, _session_redis, tmp_path):
    namespace = f"summit-socket-{uuid.uuid4().hex[:8]}"
    server = SocketModeServer()
    with FakeSlack() as slack:
        slack.socket_mode_url = server.url
        env = {key: value for key, value in os.environ.items() if not key.startswith("SLACK_")}
        env.update(REDIS_URL=redis_url, SUMMIT_NAMESPACE=namespace, SLACK_BOT_TOKEN=BOT_TOKEN,
                   SLACK_APP_TOKEN="xapp-test-token", SLACK_API_URL=slack.base_url,
                   SUMMIT_DATA_DIR=str(tmp_path / "data"))
        log = (tmp_path / "serve.log").open("wb")
        process = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--socket"], cwd=PROJECT_ROOT, env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
        try:
            yield server
        finally:
            process.terminate()
            process.wait(15)
            server.close()
            delete_namespace(_session_redis, namespace)


def test_a_slash_command_over_socket_mode_is_acknowledged_with_the_answer(socket_mode):
    socket_mode.send({
        "envelope_id": "env-1", "type": "slash_commands", "accepts_response_payload": True,
        "payload": {"team_id": "TSOCKET", "channel_id": "C1", "user_id": "U1", "command": "/summit",
                    "text": "help", "response_url": "http://127.0.0.1:9/unused", "trigger_id": "1.2.3",
                    "api_app_id": "ASUMMIT"},
    })

    while True:
        try:
            reply = socket_mode.received.get(timeout=30)
        except queue.Empty:
            pytest.fail("no acknowledgement came back over the WebSocket")
        if reply.get("envelope_id") == "env-1":
            break
    assert reply["payload"]["response_type"] == "ephemeral"
    assert "/summit who-said" in reply["payload"]["blocks"][0]["text"]["text"]
