"""The SSRF guard: webhook URLs may only reach public addresses.

    policy = AddressPolicy(allowed_networks=("127.0.0.0/8",))   # () in production
    target = check_url("https://hooks.example/x", policy)      # syntax + literal IPs
    await validate_url("https://hooks.example/x", policy)      # ... and every DNS answer

Both raise :class:`UnsafeUrlError` with a reason a person can act on. Refused:

* schemes other than http/https, credentials in the URL, a missing host;
* literal addresses in any spelling, including the integer forms ``inet_aton`` accepts
  (``2130706433``, ``0x7f.1``, ``0177.0.0.1``, ``127.1``);
* any address that is loopback, private (10/8, 172.16/12, 192.168/16), link-local
  (169.254/16 with the cloud metadata service, fe80::/10), CGNAT (100.64/10), multicast,
  reserved, unspecified, broadcast, IPv6 unique-local (fc00::/7) or site-local
  (fec0::/10), or not globally routable; IPv4 embedded in IPv6 (``::ffff:a.b.c.d``,
  6to4 ``2002::/16``, NAT64 ``64:ff9b::/96`` and ``64:ff9b:1::/48``, Teredo) is judged by
  the IPv4 address inside.

A host name is refused when ANY of its addresses is refused: a name with one public and
one private address could otherwise be steered to the private one. The check at
creation is advisory (DNS can change); the one that counts happens at connect time in
:mod:`notify.transport`, against the very address the socket then connects to.

``allowed_networks`` lets listed CIDRs through (local testing with loopback receivers).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_BROADCAST = ipaddress.IPv4Address("255.255.255.255")
_METADATA = ipaddress.IPv4Address("169.254.169.254")


class UnsafeUrlError(ValueError):
    """A webhook URL the guard refuses; ``str(exc)`` says why."""


@dataclass(frozen=True)
class Target:
    """A checked URL's parts."""

    scheme: str
    host: str
    port: int
    literal: IPAddress | None


class AddressPolicy:
    """Which addresses webhooks may reach: public ones, plus ``allowed_networks``."""

    def __init__(self, allowed_networks: Iterable[str] = ()) -> None:
        try:
            self.allowed: tuple[IPNetwork, ...] = tuple(
                ipaddress.ip_network(c.strip(), strict=False) for c in allowed_networks
            )
        except ValueError as exc:
            raise ValueError(f"webhook allowed networks: {exc}") from exc

    def _allowed(self, ip: IPAddress) -> bool:
        return any(ip.version == net.version and ip in net for net in self.allowed)

    def refusal(self, ip: IPAddress) -> str | None:
        """Why ``ip`` may not be reached, or None when it may."""
        if self._allowed(ip):
            return None
        if isinstance(ip, ipaddress.IPv6Address):
            embedded = embedded_ipv4(ip)
            if embedded is not None:
                why = self.refusal(embedded)
                return f"{why} (embedded in {ip})" if why else None
        why = blocked_reason(ip)
        return f"{ip} is {why}" if why else None

    def check(self, ip: IPAddress) -> None:
        why = self.refusal(ip)
        if why:
            raise UnsafeUrlError(f"refused address: {why}")


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries (mapped, 6to4, NAT64, Teredo), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if any(ip in net for net in _NAT64):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.teredo is not None:
        # The client address is what a packet would finally reach.
        return ip.teredo[1]
    return None


def blocked_reason(ip: IPAddress) -> str | None:
    """A name for the non-public class ``ip`` belongs to, ignoring any allow-list."""
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip == _METADATA:
        return "link-local (the cloud metadata service)"
    if ip.is_link_local:
        return "link-local"
    if isinstance(ip, ipaddress.IPv4Address):
        if ip == _BROADCAST:
            return "broadcast"
        if ip in _CGNAT:
            return "carrier-grade NAT (100.64.0.0/10)"
    else:
        if ip.is_site_local:
            return "site-local"
        if ip in ipaddress.IPv6Network("fc00::/7"):
            return "unique-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_private:
        return "private"
    if ip.is_reserved:
        return "reserved"
    if not ip.is_global:
        return "not globally routable"
    return None


def _inet_aton_part(text: str) -> int:
    if text[:2].lower() == "0x":
        return int(text[2:] or "0", 16)
    if len(text) > 1 and text.startswith("0"):
        return int(text[1:], 8)
    return int(text, 10)


def legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """``host`` read the way ``inet_aton`` reads it (``127.1``, ``0x7f.1``, ``2130706433``).

    These spellings reach an IPv4 address through most resolvers, so they count as
    literal addresses. None when ``host`` is not such a form.
    """
    parts = host.rstrip(".").split(".")
    if not 1 <= len(parts) <= 4 or not all(parts):
        return None
    try:
        values = [_inet_aton_part(p) for p in parts]
    except ValueError:
        return None
    *head, last = values
    if any(v > 255 for v in head) or last >= 1 << (8 * (4 - len(head))):
        return None
    number = 0
    for v in head:
        number = (number << 8) | v
    number = (number << (8 * (4 - len(head)))) | last
    return ipaddress.IPv4Address(number)


def literal_address(host: str) -> IPAddress | None:
    """The address ``host`` spells directly, in any accepted notation, else None."""
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])  # drop an IPv6 zone id
    except ValueError:
        return legacy_ipv4(host)


def check_url(url: str, policy: AddressPolicy) -> Target:
    """Check everything about ``url`` that needs no DNS; returns its parts."""
    if not isinstance(url, str) or not url.strip():
        raise UnsafeUrlError("the URL is empty")
    if len(url) > 2000:
        raise UnsafeUrlError("the URL is longer than 2000 characters")
    if any(ord(c) < 33 or c == "\\" for c in url):
        raise UnsafeUrlError("the URL contains spaces, control characters or backslashes")
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeUrlError(f"malformed URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnsafeUrlError(f"only http and https URLs are allowed, not {scheme or 'none'!r}")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise UnsafeUrlError("credentials in the URL are not allowed")
    host = (parts.hostname or "").lower()
    if not host:
        raise UnsafeUrlError("the URL has no host")
    literal = literal_address(host)
    if literal is not None:
        policy.check(literal)
    return Target(scheme, host, port or (443 if scheme == "https" else 80), literal)


async def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (getaddrinfo in a thread; it blocks)."""
    try:
        infos = await asyncio.to_thread(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeUrlError(f"the host {host!r} does not resolve: {exc}") from None
    found: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if ip not in found:
            found.append(ip)
    if not found:
        raise UnsafeUrlError(f"the host {host!r} has no address")
    return found


async def resolve_checked(host: str, port: int, policy: AddressPolicy) -> list[IPAddress]:
    """``host``'s addresses, after checking every one of them."""
    literal = literal_address(host)
    addresses = [literal] if literal is not None else await resolve(host, port)
    for ip in addresses:
        why = policy.refusal(ip)
        if why:
            raise UnsafeUrlError(
                f"refused address: {host} resolves to {why}"
                if literal is None
                else f"refused address: {why}"
            )
    return addresses


async def validate_url(url: str, policy: AddressPolicy) -> Target:
    """:func:`check_url` plus a DNS check of every address (for the API at creation)."""
    target = check_url(url, policy)
    await resolve_checked(target.host, target.port, policy)
    return target
