"""How long an editor waits under `mkdocs serve`: from saving one signatory file until the
rebuilt page is served. Loopback only; the server is stopped afterwards."""

from __future__ import annotations

import queue
import re
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path
from time import perf_counter, sleep
from typing import IO, Any

from scripts.bench.runs import bench_env

BUILT = r"Documentation built in ([\d.]+) seconds"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerLog:
    """The stderr lines of a running `mkdocs serve`, each with the moment it arrived."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[bytes]) -> None:
        for raw in stream:
            self.lines.put((perf_counter(), raw.decode("utf-8", "replace").rstrip()))
        self.lines.put((perf_counter(), ""))

    def wait_for(self, pattern: str, timeout: float) -> tuple[float, re.Match[str]]:
        deadline = perf_counter() + timeout
        while (left := deadline - perf_counter()) > 0:
            try:
                moment, line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if not line or "Aborted" in line or line.startswith("ERROR"):
                raise RuntimeError(line or "mkdocs serve stopped")
            if match := re.search(pattern, line):
                return moment, match
        raise TimeoutError(f"no line matching {pattern!r} within {timeout:.0f} s")


def measure_serve(project: Path, edits: int = 3, timeout: float = 180) -> dict[str, Any]:
    """Start `mkdocs serve`, wait for the first build, then rename one party `edits` times and
    time each rebuild: until MkDocs logs it, and until the new name is served."""
    files = sorted((project / "signatories").glob("*.yml"))
    file = files[len(files) // 2]
    original = file.read_text("utf-8")
    argv = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "-f",
        str(project / "mkdocs.yml"),
        "-a",
        f"127.0.0.1:{free_port()}",
    ]
    server = subprocess.Popen(
        argv, cwd=project, env=bench_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    result: dict[str, Any] = {"edited": f"signatories/{file.name}", "rebuilds": []}
    try:
        log = ServerLog(server.stderr)  # type: ignore[arg-type]
        _, first = log.wait_for(BUILT, timeout)
        _, serving = log.wait_for(r"Serving on (http://127\.0\.0\.1:\d+/\S*)", 30)
        result["first_build_s"] = float(first.group(1))
        for edit in range(1, edits + 1):
            marker = f"Bänkprov {edit}"
            renamed = re.sub(
                r'^name: "(.*)"$', rf'name: "\1 {marker}"', original, count=1, flags=re.MULTILINE
            )
            file.write_text(renamed, "utf-8")
            saved = perf_counter()
            built_at, built = log.wait_for(BUILT, timeout)
            served_at = poll_for_text(f"{serving.group(1)}parter/{file.stem}/", marker, 30)
            result["rebuilds"].append(
                {
                    "until_built_s": round(built_at - saved, 2),
                    "reported_build_s": float(built.group(1)),
                    "until_served_s": round(served_at - saved, 2) if served_at else None,
                }
            )
    except (RuntimeError, TimeoutError) as error:
        result["error"] = str(error)
    finally:
        file.write_text(original, "utf-8")
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return result


def poll_for_text(url: str, text: str, timeout: float) -> float | None:
    """The moment the page at url (on loopback) first contains text, or None."""
    deadline = perf_counter() + timeout
    while perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return perf_counter()
        except OSError:
            pass
        sleep(0.1)
    return None
