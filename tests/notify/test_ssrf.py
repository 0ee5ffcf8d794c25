"""The SSRF guard refuses private targets in every spelling, at creation and at delivery."""

from __future__ import annotations

import ipaddress

import pytest

from models import Database
from notify import UnsafeUrlError, validate_webhook_url
from notify.ssrf import AddressPolicy, check_url, legacy_ipv4
from tests.notify.conftest import MakeWorker
from tests.notify.receiver import Receiver, Reply
from tests.notify.support import add_event, add_subscription, attempts, deliveries

REFUSED_LITERALS = [
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1/",
    "http://127.0.0.1/",
    "http://127.8.9.10/",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://255.255.255.255/",
    "http://224.0.0.1/",
    "http://[::1]/",
    "http://[fc00::1]/",
    "http://[fd12:3456::1]/",
    "http://[fe80::1]/",
    "http://[fec0::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
    "http://[64:ff9b::a00:1]/",  # NAT64 of 10.0.0.1
    "http://[::]/",
    "http://2130706433/",  # 127.0.0.1 as one decimal number
    "http://0x7f.1/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://017700000001/",
    "http://167772161/",  # 10.0.0.1
]


@pytest.mark.parametrize("url", REFUSED_LITERALS)
def test_literal_private_addresses_are_refused(url: str) -> None:
    with pytest.raises(UnsafeUrlError, match="refused address"):
        check_url(url, AddressPolicy())


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://hooks.example/x", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("gopher://hooks.example/", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("http://user:pw@hooks.example/", "credentials"),
        ("https://token@hooks.example/", "credentials"),
        ("http:///path", "no host"),
        ("http://hooks.example:99999/", "malformed"),
        ("http://hooks .example/", "spaces"),
        ("", "empty"),
    ],
)
def test_malformed_and_foreign_urls_are_refused(url: str, reason: str) -> None:
    with pytest.raises(UnsafeUrlError, match=reason):
        check_url(url, AddressPolicy())


def test_public_addresses_pass() -> None:
    for url in ("https://8.8.8.8/hook", "http://[2606:4700::1111]:8080/x", "https://1.1.1.1"):
        check_url(url, AddressPolicy())


def test_integer_forms_read_like_inet_aton() -> None:
    assert legacy_ipv4("2130706433") == ipaddress.IPv4Address("127.0.0.1")
    assert legacy_ipv4("0x7f.0.0.1") == ipaddress.IPv4Address("127.0.0.1")
    assert legacy_ipv4("10.1") == ipaddress.IPv4Address("10.0.0.1")
    assert legacy_ipv4("hooks.example") is None
    assert legacy_ipv4("1.2.3.4.5") is None
    assert legacy_ipv4("256.1.1.1") is None


async def test_a_name_resolving_to_loopback_is_refused() -> None:
    with pytest.raises(UnsafeUrlError, match=r"localhost resolves to .*loopback"):
        await validate_webhook_url("http://localhost:8080/hook")
    await validate_webhook_url("http://localhost:8080/hook", ("127.0.0.0/8", "::1/128"))


def test_allowed_networks_let_loopback_through_only() -> None:
    policy = AddressPolicy(("127.0.0.0/8",))
    check_url("http://127.0.0.1:9/", policy)
    check_url("http://[::ffff:127.0.0.1]:9/", policy)  # the mapped form of an allowed one
    with pytest.raises(UnsafeUrlError):
        check_url("http://10.0.0.1/", policy)


AT_DELIVERY = [
    "http://2130706433:{port}/hook",
    "http://0x7f.1:{port}/hook",
    "http://127.0.0.1:{port}/hook",
    "http://localhost:{port}/hook",
    "http://[::ffff:127.0.0.1]:{port}/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1:{port}/hook",
    "ftp://127.0.0.1:{port}/hook",
    "http://user:pw@127.0.0.1:{port}/hook",
]


async def test_refused_at_delivery_without_sending(
    database: Database, receiver: Receiver, make_worker: MakeWorker
) -> None:
    """URLs stored before the guard (or whose DNS changed) are refused at every attempt:
    logged as an error, nothing reaches the receiver they point to."""
    for template in AT_DELIVERY:
        await add_subscription(database, template.format(port=receiver.port))
    await add_event(database)
    strict = make_worker(allowed_networks=())
    assert await strict.run_once() == len(AT_DELIVERY)
    assert receiver.requests() == []
    log = await attempts(database)
    assert len(log) == len(AT_DELIVERY)
    for attempt in log:
        assert attempt.status_code is None and attempt.duration_ms is None
        assert attempt.error is not None and "refused by the SSRF guard" in attempt.error
    assert {d.status for d in await deliveries(database)} == {"pending"}  # retried later


async def test_redirect_to_a_private_address_is_not_followed(
    database: Database, receiver: Receiver, make_worker: MakeWorker
) -> None:
    await add_subscription(database, receiver.url("/public"))
    internal = receiver.url("/internal")
    receiver.always("/public", Reply(302, headers={"Location": internal}))
    await add_event(database)
    await make_worker().run_once()
    assert len(receiver.requests("/public")) == 1
    assert receiver.requests("/internal") == []
    [attempt] = await attempts(database)
    assert attempt.status_code == 302 and "not followed" in (attempt.error or "")


async def test_the_connection_goes_to_the_checked_address_keeping_the_host(
    database: Database, receiver: Receiver, make_worker: MakeWorker
) -> None:
    """A name is resolved once by the guard and the socket opens to that address; the
    request still names the original host."""
    await add_subscription(database, f"http://localhost:{receiver.port}/named")
    await add_event(database)
    await make_worker(allowed_networks=("127.0.0.0/8", "::1/128")).run_once()
    [got] = receiver.requests("/named")
    assert got.headers["host"] == f"localhost:{receiver.port}"
