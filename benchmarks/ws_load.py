"""Load through Streamlit's own websocket protocol (what a browser speaks), so the figures are the server's.

Each simulated reader opens /_stcore/stream, runs the Endorsements page, then changes the kind filter N times and
waits for each rerun to finish. Bounded: 127.0.0.1 only, a fixed number of changes, a timeout per rerun.
`python benchmarks/ws_load.py URL SESSIONS CHANGES` prints the figures as JSON.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

PAGE = "endorsements"
KIND_KEY = "f_kind"
RERUN_TIMEOUT_S = 120
EXPECTED_TEXT = "endorsement rows"  # the chart's summary line: the page really ran
KINDS = ("sheriffs", "labor", "affinity", "federal")  # kinds of organization with endorsement rows in the embedded data


@dataclass
class Run:
    """What one rerun sent back: the widgets seen, the page hash, the query string and whether the page ran."""

    page_hash: str = ""
    kind_id: str = ""
    kind_options: list[str] = field(default_factory=list)
    query_string: str = ""
    ran: bool = False
    replica: str = ""


def _local(url: str) -> str:
    parsed = urlparse(url)
    if parsed.hostname not in ("127.0.0.1", "localhost"):
        raise ValueError("the load test only runs against this machine (127.0.0.1)")
    return f"ws://{parsed.hostname}:{parsed.port}/_stcore/stream"


async def _rerun(ws: websockets.ClientConnection, run: Run, kind: str | None) -> Run:
    msg = BackMsg()
    state = msg.rerun_script
    if run.page_hash:
        state.page_script_hash = run.page_hash
    else:
        state.page_name = PAGE
    if kind is not None:
        w = state.widget_states.widgets.add()
        w.id = run.kind_id
        w.string_array_value.data.append(kind)
    await ws.send(msg.SerializeToString())
    out = Run(page_hash=run.page_hash, kind_id=run.kind_id, kind_options=run.kind_options, replica=run.replica)
    async with asyncio.timeout(RERUN_TIMEOUT_S):
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(await ws.recv())
            kind_of = fm.WhichOneof("type")
            if kind_of == "navigation":
                out.page_hash = fm.navigation.page_script_hash
            elif kind_of == "page_info_changed":
                out.query_string = fm.page_info_changed.query_string
            elif kind_of == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                if el.WhichOneof("type") == "multiselect" and el.multiselect.id.endswith(KIND_KEY):
                    out.kind_id, out.kind_options = el.multiselect.id, list(el.multiselect.options)
                elif EXPECTED_TEXT in str(el):
                    out.ran = True
            elif kind_of == "script_finished" and fm.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return out


async def reader(url: str, changes: int, n: int, latencies: list[float], errors: list[int]) -> None:
    """One simulated reader: open the page, then change the kind filter `changes` times."""
    try:
        async with websockets.connect(_local(url), subprotocols=["streamlit"], max_size=2**27, open_timeout=60) as ws:
            run = await _rerun(ws, Run(replica=ws.response.headers.get("X-Replica", "")), None)
            if not (run.ran and run.kind_id and run.kind_options):
                errors[0] += changes
                return
            for i in range(changes):
                kinds = [k for k in run.kind_options if k in KINDS] or run.kind_options
                kind = kinds[(n + i) % len(kinds)]
                t = time.perf_counter()
                after = await _rerun(ws, run, kind)
                latencies.append(time.perf_counter() - t)
                if not (after.ran and "kind=" in after.query_string):
                    errors[0] += 1
    except (OSError, TimeoutError, websockets.WebSocketException):
        errors[0] += changes


async def _load(url: str, sessions: int, changes: int) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    errors = [0]
    started = time.perf_counter()
    await asyncio.gather(*(reader(url, changes, n, latencies, errors) for n in range(sessions)))
    return latencies, errors[0], time.perf_counter() - started


def load(url: str, sessions: int, changes: int) -> tuple[list[float], int, float]:
    """Latencies of every filter change, the error count and the wall time of `sessions` readers at once."""
    return asyncio.run(_load(url, sessions, changes))


async def _replicas(url: str, sessions: int) -> list[str]:
    async def one() -> str:
        async with websockets.connect(_local(url), subprotocols=["streamlit"], max_size=2**27) as ws:
            run = await _rerun(ws, Run(replica=ws.response.headers.get("X-Replica", "")), None)
            return run.replica if run.ran else ""

    return list(await asyncio.gather(*(one() for _ in range(sessions))))


def replicas_seen(url: str, sessions: int) -> list[str]:
    """The replica (HAProxy's X-Replica header) that served each of `sessions` fresh readers, "" where the page failed."""
    return asyncio.run(_replicas(url, sessions))


if __name__ == "__main__":
    lat, err, wall = load(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
    print(
        json.dumps(
            {
                "changes": len(lat),
                "errors": err,
                "reruns_per_s": len(lat) / wall,
                "p50_ms": statistics.median(lat) * 1000 if lat else None,
                "p95_ms": sorted(lat)[int(0.95 * len(lat))] * 1000 if lat else None,
            }
        )
    )
