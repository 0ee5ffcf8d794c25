"""Run one delivery worker as its own process (``gongkai worker`` wires the same class).

    python -m notify --database-url postgresql://gongkai@127.0.0.1/gongkai \\
        --base-url https://gongkai.example [--allowed-networks 127.0.0.0/8] \\
        [--claim-seconds 60] [--timeout 15] [--max-per-endpoint 4] [--concurrency 64]

SIGTERM or SIGINT stops it gracefully (in-flight deliveries get ``--grace`` seconds).
It prints ``WORKER_READY <worker id>`` once it runs.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys

from models import Database
from notify.config import WorkerConfig
from notify.worker import DeliveryWorker

DEFAULTS = WorkerConfig()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m notify", description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--base-url", default=DEFAULTS.base_url)
    parser.add_argument(
        "--allowed-networks", default="", help="comma-separated CIDRs the SSRF guard lets through"
    )
    parser.add_argument("--claim-seconds", type=float, default=DEFAULTS.claim_seconds)
    parser.add_argument("--timeout", type=float, default=DEFAULTS.timeout_seconds)
    parser.add_argument("--max-per-endpoint", type=int, default=DEFAULTS.max_per_endpoint)
    parser.add_argument("--concurrency", type=int, default=DEFAULTS.concurrency)
    parser.add_argument("--poll-seconds", type=float, default=DEFAULTS.poll_seconds)
    parser.add_argument(
        "--reap-seconds",
        type=float,
        default=DEFAULTS.reap_seconds,
        help="how often to give back dead workers' claims (PostgreSQL)",
    )
    parser.add_argument("--grace", type=float, default=20.0)
    parser.add_argument("--worker-id", default=None)
    parser.add_argument("--user-agent", default=DEFAULTS.user_agent)
    return parser.parse_args(argv)


async def amain(args: argparse.Namespace) -> None:
    config = WorkerConfig(
        base_url=args.base_url,
        allowed_networks=tuple(c.strip() for c in args.allowed_networks.split(",") if c.strip()),
        claim_seconds=args.claim_seconds,
        timeout_seconds=args.timeout,
        max_per_endpoint=args.max_per_endpoint,
        concurrency=args.concurrency,
        poll_seconds=args.poll_seconds,
        reap_seconds=args.reap_seconds,
        user_agent=args.user_agent,
    )
    db = Database(args.database_url)
    worker = DeliveryWorker(db, config, worker_id=args.worker_id)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"WORKER_READY {worker.worker_id}", flush=True)
    try:
        await worker.run(stop, grace_seconds=args.grace)
    finally:
        await db.dispose()


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    asyncio.run(amain(parse_args(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
