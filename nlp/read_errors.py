"""Why a link could not be read, in words a reporter can act on.

Every failure of the link reader is a ``ReadError`` whose ``user_message`` says what happened and what to do
next, in a sentence or two. Messages never repeat the link itself: a URL can carry a token or a session id.
"""

from __future__ import annotations

from http import HTTPStatus

PASTE_INSTEAD = "Paste the article text instead."


def _status_words(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


class ReadError(Exception):
    """Base class: the page could not be read; ``user_message`` is the plain sentence to show."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class BadLink(ReadError):
    """Not a web address Summit opens: no host, or a scheme other than http and https."""

    def __init__(self) -> None:
        super().__init__("Summit can only read web links that start with http:// or https://.")


class BlockedAddress(ReadError):
    """The link leads to a private, local or otherwise non-public address, which Summit never opens."""

    def __init__(self) -> None:
        super().__init__(
            f"That link points to a private or local network address, so Summit won't open it. {PASTE_INSTEAD}"
        )


class DeadLink(ReadError):
    """The page is not there: 404/410, an unknown host, or a site that does not answer; ``status`` when there is one."""

    def __init__(self, user_message: str, status: int | None = None) -> None:
        super().__init__(user_message)
        self.status = status

    @classmethod
    def gone(cls, status: int) -> DeadLink:
        return cls(f"That link is broken: the site answered {_status_words(status)}. Check the address.", status)

    @classmethod
    def unknown_host(cls) -> DeadLink:
        return cls("Summit can't find the website in that link. Check the address.")

    @classmethod
    def unreachable(cls) -> DeadLink:
        return cls(f"The website in that link isn't answering. Try again later, or {PASTE_INSTEAD.lower()}")


class Refused(ReadError):
    """The site answered with a client error other than a missing page (403 Forbidden, 429 Too Many Requests …)."""

    def __init__(self, status: int) -> None:
        super().__init__(
            f"The site wouldn't let Summit read that page (it answered {_status_words(status)}). {PASTE_INSTEAD}"
        )
        self.status = status


class ServerError(ReadError):
    """The site failed with a 5xx status."""

    def __init__(self, status: int) -> None:
        super().__init__(
            f"The site is having trouble (it answered {_status_words(status)}). "
            f"Try again in a few minutes, or {PASTE_INSTEAD.lower()}"
        )
        self.status = status


class TooManyRedirects(ReadError):
    """The link redirects more times than the limit allows, or in a loop."""

    def __init__(self) -> None:
        super().__init__(f"That link keeps redirecting to other addresses, so Summit gave up. {PASTE_INSTEAD}")


class TooSlow(ReadError):
    """The page did not arrive within the time budget."""

    def __init__(self) -> None:
        super().__init__(f"The site took too long to send the page. Try again later, or {PASTE_INSTEAD.lower()}")


class TooLarge(ReadError):
    """The page is bigger than the size limit (counted after decompression)."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(f"That page is too large for Summit to read (over {max_bytes / 2**20:g} MiB). {PASTE_INSTEAD}")


class NotAnArticle(ReadError):
    """The link is a PDF, an image, a video or another kind of file rather than a web page; ``kind`` says which."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"That link is {kind}, not a web page, so Summit can't read it. {PASTE_INSTEAD}")
        self.kind = kind


class Paywalled(ReadError):
    """The article is behind a paywall or a login; Summit never tries to get around one."""

    def __init__(self) -> None:
        super().__init__(f"That article is behind a paywall or a login, so Summit can't read it. {PASTE_INSTEAD}")


class NothingToRead(ReadError):
    """The page was fetched but holds no article text."""

    def __init__(self) -> None:
        super().__init__(f"Summit found no article text on that page. {PASTE_INSTEAD}")
