"""The exceptions Summit raises on purpose; each message is a plain sentence a user can act on."""


class SummitError(Exception):
    """Base class, so the entry point can tell an expected failure from a bug."""


class SettingsError(SummitError):
    """An environment variable holds a value Summit cannot use; the message names the variable."""


class RedisUnavailable(SummitError):
    """Redis could not be reached or started; the message names the URL with any password hidden."""
