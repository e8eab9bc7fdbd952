"""Load check of the HTTP API: `sanderling serve` on loopback, N POST /code requests of one article over C concurrent
clients.

    python bench/api.py                     # 1,000 requests of sanderling/data/example.txt, 8 clients
    python bench/api.py -n 200 -c 4

Starts the installed `sanderling serve` (no store) on a free port of 127.0.0.1, waits for /health (the model is loaded
before the server listens), sends one request to warm up, then the requests from C threads, each with its own
httpx.Client (keep-alive). Prints requests/s, p50/p95/max latency, errors (a status other than 200, or a document
coded with an error) and the machine. The server codes one request at a time (one Coder behind a lock), so requests/s
is about 1 / the coding time of the article, and latency grows with the number of clients waiting. Not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "sanderling" / "data" / "example.txt"
EXAMPLE_DATE = "2023-05-17"
START_TIMEOUT = 180.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, log: IO[str]) -> subprocess.Popen:
    """The server, its log (one access line per request) to a file: a pipe nobody reads would fill and stall it."""
    command = [str(Path(sys.executable).parent / "sanderling"), "serve", "--port", str(port)]
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, text=True)


def wait_for_health(base: str, server: subprocess.Popen, log: IO[str]) -> float:
    """Seconds until /health answers; the server's log if it exits first."""
    started = time.perf_counter()
    while time.perf_counter() - started < START_TIMEOUT:
        if server.poll() is not None:
            log.seek(0)
            raise SystemExit(f"the server exited ({server.returncode}):\n{log.read()}")
        try:
            if httpx.get(f"{base}/health", timeout=1.0).status_code == 200:
                return time.perf_counter() - started
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit(f"no answer from {base}/health in {START_TIMEOUT:.0f} s")


def ok(response: httpx.Response) -> bool:
    return response.status_code == 200 and all(d["error"] is None for d in response.json()["documents"])


def client_thread(base: str, body: dict, count: int, latencies: list[float], errors: list[str]) -> None:
    with httpx.Client(base_url=base, timeout=120.0) as client:
        for _ in range(count):
            started = time.perf_counter()
            try:
                response = client.post("/code", json=body)
                good = ok(response)
                detail = f"{response.status_code} {response.text[:200]}"
            except httpx.HTTPError as err:
                good, detail = False, repr(err)
            latencies.append(time.perf_counter() - started)
            if not good:
                errors.append(detail)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores, {system}, Python {platform.python_version()}"


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--requests", type=int, default=1_000)
    parser.add_argument("-c", "--clients", type=int, default=8)
    parser.add_argument("--text", type=Path, default=EXAMPLE, help="the article to send")
    parser.add_argument("--date", default=EXAMPLE_DATE, help="its publication date")
    args = parser.parse_args()
    body = {"text": args.text.read_text("utf-8"), "date": args.date, "id": "bench"}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tempfile.TemporaryFile("w+", encoding="utf-8")
    server = start_server(port, log)
    try:
        startup = wait_for_health(base, server, log)
        warm = httpx.post(f"{base}/code", json=body, timeout=120.0)
        if not ok(warm):
            raise SystemExit(f"the warm-up request failed: {warm.status_code} {warm.text[:500]}")
        events = len(warm.json()["documents"][0]["events"])
        shares = [args.requests // args.clients + (k < args.requests % args.clients) for k in range(args.clients)]
        latencies: list[float] = []
        errors: list[str] = []
        threads = [threading.Thread(target=client_thread, args=(base, body, share, latencies, errors))
                   for share in shares]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    print(f"machine: {machine()}")
    print(f"server ready in {startup:.1f} s; article: {args.text.name}, {len(body['text']):,} characters, "
          f"{events} events")
    print(f"{len(latencies):,} POST /code over {args.clients} clients in {seconds:.1f} s: "
          f"{len(latencies) / seconds:.1f} requests/s")
    print(f"latency p50 {percentile(latencies, 50) * 1000:.0f} ms, p95 {percentile(latencies, 95) * 1000:.0f} ms, "
          f"max {max(latencies) * 1000:.0f} ms; errors: {len(errors)}")
    for error in errors[:5]:
        print(f"  {error}")
    if errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
