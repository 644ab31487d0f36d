"""The Slack surface: Block Kit rendering now; the listeners for commands, messages and actions arrive with the
Slack app."""
