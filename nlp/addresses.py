"""Which network addresses the link reader may connect to: public ones only.

A link pasted into Slack must not make Summit's servers talk to themselves or to their private network
(cloud metadata at 169.254.169.254, an admin page on 10.0.0.1, Redis on localhost). These are pure checks on
addresses and host names; the fetcher resolves the name and connects only to an address that passed.
"""

from __future__ import annotations

import ipaddress
import re

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

CARRIER_GRADE_NAT = ipaddress.ip_network("100.64.0.0/10")
"""Shared address space (RFC 6598): private to an ISP, and not private to older versions of ``ipaddress``."""

IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
"""Deprecated IPv4-compatible IPv6 addresses (``::10.0.0.1``), which some stacks still route as IPv4."""

NAT64 = ipaddress.ip_network("64:ff9b::/96")
"""The well-known NAT64 prefix (RFC 6052): the last 32 bits are the IPv4 address really reached."""

RE_NUMERIC_HOST = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+))*\.?", re.IGNORECASE)
"""A host made only of numbers: inet_aton reads ``2130706433``, ``0x7f000001``, ``127.1`` and ``0177.0.0.1``
as IPv4 addresses, so such a name must be a plain dotted quad or nothing."""


def is_public_address(address: IPAddress) -> bool:
    """True when ``address`` is reachable on the public internet and embeds no private IPv4 address."""
    embedded = _embedded_ipv4(address)
    if embedded is not None and not is_public_address(embedded):
        return False
    # is_global alone is not enough: it counts multicast as global, and its tables have changed between
    # Python releases (IPv4-mapped addresses, 100.64/10), so the classes that matter are checked by name too.
    return (
        address.is_global
        and not address.is_private
        and not address.is_loopback
        and not address.is_link_local
        and not address.is_multicast
        and not address.is_reserved
        and not address.is_unspecified
        and address not in CARRIER_GRADE_NAT
        and not (isinstance(address, ipaddress.IPv6Address) and address.is_site_local)
    )


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address really leads to (mapped, compatible, NAT64, 6to4, Teredo), if any."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]  # (server, client): the client is the host the packets reach
    if address in IPV4_COMPATIBLE or address in NAT64:
        if address in IPV4_COMPATIBLE and int(address) <= 1:
            return None  # :: and ::1 are IPv6's own unspecified and loopback addresses, checked as such
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def literal_address(host: str) -> IPAddress | None:
    """The address when ``host`` is an IP literal (``10.0.0.1``, ``::1``, ``fe80::1%eth0``), else None."""
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return None


def is_odd_ipv4_spelling(host: str) -> bool:
    """True for a host written as numbers that is not a plain dotted quad (``2130706433``, ``127.1``, ``0x7f.1``)."""
    return RE_NUMERIC_HOST.fullmatch(host) is not None and literal_address(host) is None
