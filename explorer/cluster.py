"""`make serve REPLICAS=N`: N app processes behind HAProxy on one port, with the affinity Streamlit's websocket needs.

Each replica is the same stateless app over the same read-only database file, so nothing else is shared. HAProxy
balances new readers round-robin, pins a reader to its replica with a cookie (a Streamlit session lives in one
process), checks /_stcore/health every second and, when a replica stops answering, sends its readers to another
(`option redispatch`): the browser's websocket reconnects there and the page reruns.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from explorer.paths import ROOT

COOKIE = "UOF_REPLICA"
HAPROXY_CFG = """\
global
    maxconn 4096

defaults
    mode http
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h
    option redispatch
    retries 2

frontend explorer
    bind {host}:{port}
    default_backend replicas

backend replicas
    balance roundrobin
    cookie {cookie} insert indirect nocache httponly
    option httpchk GET /_stcore/health
    http-check expect string ok
    http-response set-header X-Replica %[srv_name]
{servers}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def haproxy_config(port: int, replica_ports: list[int], host: str = "127.0.0.1") -> str:
    servers = "\n".join(
        f"    server r{i} 127.0.0.1:{p} check inter 1s fall 2 rise 1 cookie r{i}" for i, p in enumerate(replica_ports, start=1)
    )
    return HAPROXY_CFG.format(host=host, port=port, cookie=COOKIE, servers=servers)


def _wait_ok(url: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if urllib.request.urlopen(url, timeout=1).read() == b"ok":
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer within {timeout:.0f} s") from None
            time.sleep(0.1)


@dataclass
class Cluster:
    """Running replicas and their load balancer; stop() ends them all."""

    port: int
    replicas: dict[str, subprocess.Popen] = field(default_factory=dict)
    replica_ports: dict[str, int] = field(default_factory=dict)
    balancer: subprocess.Popen | None = None
    workdir: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self, name: str) -> None:
        """Kill one replica at once (SIGKILL), as a crash would."""
        self.replicas[name].kill()
        self.replicas[name].wait(10)

    def stop(self) -> None:
        for proc in [*self.replicas.values(), *([self.balancer] if self.balancer else [])]:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in [*self.replicas.values(), *([self.balancer] if self.balancer else [])]:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)


def start(replicas: int, port: int, database: Path | None = None, quiet: bool = True) -> Cluster:
    """Start `replicas` app processes on free local ports and HAProxy on `port`; returns when all answer."""
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(haproxy).exists():
        raise RuntimeError("HAProxy is not installed: `make serve` installs Debian's haproxy package")
    env = {**os.environ, **({"UOF_DB": str(database)} if database else {})}
    out = subprocess.DEVNULL if quiet else None
    cluster = Cluster(port=port, workdir=Path(tempfile.mkdtemp(prefix="uof-cluster-")))
    try:
        for i in range(1, replicas + 1):
            p = free_port()
            cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(p)]
            cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"]
            cluster.replicas[f"r{i}"] = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=out)
            cluster.replica_ports[f"r{i}"] = p
        for p in cluster.replica_ports.values():
            _wait_ok(f"http://127.0.0.1:{p}/_stcore/health")
        cfg = cluster.workdir / "haproxy.cfg"
        cfg.write_text(haproxy_config(port, list(cluster.replica_ports.values())))
        subprocess.run([haproxy, "-c", "-q", "-f", str(cfg)], check=True)
        cluster.balancer = subprocess.Popen([haproxy, "-db", "-f", str(cfg)], stdout=out, stderr=out)
        _wait_ok(f"{cluster.url}/_stcore/health")
    except BaseException:
        cluster.stop()
        raise
    return cluster


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8501)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))  # stop all on SIGTERM too
    cluster = start(args.replicas, args.port, quiet=False)
    print(f"Serving {args.replicas} replicas behind HAProxy on {cluster.url} (Ctrl-C stops them)", flush=True)
    try:
        while all(p.poll() is None for p in [cluster.balancer, *cluster.replicas.values()]):
            time.sleep(1)
        print("a process of the cluster stopped; stopping the others", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
