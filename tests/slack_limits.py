"""The check every rendered message must pass: Slack's limits on blocks, sections, headers, contexts and button
values, and a plain-text fallback."""

import json

from handlers.block_kit import MAX_BLOCKS, MAX_BUTTON_VALUE, MAX_CONTEXT_TEXT, MAX_HEADER_TEXT, MAX_SECTION_TEXT


def assert_within_slack_limits(message):
    assert message["text"]
    assert len(message["blocks"]) <= MAX_BLOCKS
    for block in message["blocks"]:
        if block["type"] == "section":
            assert 0 < len(block["text"]["text"]) <= MAX_SECTION_TEXT
        if block["type"] == "header":
            assert 0 < len(block["text"]["text"]) <= MAX_HEADER_TEXT
        for element in block.get("elements", []):
            assert len(element.get("text", "")) <= MAX_CONTEXT_TEXT
            assert len(element.get("value", "")) <= MAX_BUTTON_VALUE
    json.dumps(message)
