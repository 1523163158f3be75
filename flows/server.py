"""A long-lived local Prefect server that ``naplog ingest`` reuses: ``naplog server start|stop|status``.

Without it every ``naplog ingest`` that has work to do starts Prefect's temporary server and waits
for it (seconds, most of a one-file ingest). Started once with ``naplog server start``, the server
keeps running, detached from any terminal, until ``naplog server stop``; while it answers,
``naplog ingest`` connects to it instead of starting its own, and leaves it running.

Only a server the user asked for is reused: the one whose process id and address ``naplog server
start`` wrote to ``$PREFECT_HOME/naplog-server.json``. A server that is gone (stopped, killed, the
machine restarted) is simply not used, and the file is left for ``start`` to replace; a temporary
server, tied to the command, is started as before. ``PREFECT_API_URL``, when set, wins over both.
"""

from __future__ import annotations

import ctypes
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

STATE_FILE = "naplog-server.json"
LOG_FILE = "naplog-server.log"
DEFAULT_PORT = 4200  # Prefect's own default: its UI at http://127.0.0.1:4200
# A first start on a fresh machine creates and migrates Prefect's database (see flows/__init__.py).
START_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 20.0
HEALTH_TIMEOUT_S = 2.0


class ServerError(RuntimeError):
    """The long-lived server could not be started or stopped (the message says why)."""


@dataclass(frozen=True)
class ServerInfo:
    pid: int
    api_url: str
    log: str

    @property
    def ui_url(self) -> str:
        return self.api_url.removesuffix("/api")


def prefect_home() -> Path:
    """``$PREFECT_HOME`` as Prefect resolves it (``~/.prefect`` by default)."""
    from prefect.settings import get_current_settings

    return Path(get_current_settings().home).expanduser()


def _state_path(home: Path | None = None) -> Path:
    return (home or prefect_home()) / STATE_FILE


def _recorded(home: Path | None = None) -> ServerInfo | None:
    """What ``start`` wrote, or None when there is nothing readable (a hand-edited file is ignored)."""
    try:
        data = json.loads(_state_path(home).read_text(encoding="utf-8"))
        return ServerInfo(int(data["pid"]), str(data["api_url"]), str(data.get("log", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _is_our_server(pid: int) -> bool:
    """The process ``start`` started, not another that got its id since (a restart, pid reuse)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        try:
            os.kill(pid, 0)  # no /proc (macOS): only whether the process exists
        except OSError:
            return False
        return True
    return b"prefect" in b" ".join(cmdline) and b"server" in cmdline and b"start" in cmdline


def _healthy(api_url: str) -> bool:
    try:
        return httpx.get(f"{api_url}/health", timeout=HEALTH_TIMEOUT_S).status_code == 200
    except httpx.HTTPError:
        return False


def running_server(home: Path | None = None) -> ServerInfo | None:
    """The server ``naplog server start`` started, when it is still running and answers."""
    info = _recorded(home)
    if info is None or not _is_our_server(info.pid) or not _healthy(info.api_url):
        return None
    return info


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def start_server(port: int = DEFAULT_PORT, timeout: float = START_TIMEOUT_S) -> tuple[ServerInfo, bool]:
    """Start the long-lived server (or find it running); ``(info, started)``.

    ``prefect server start`` in a session of its own (a terminal closed or a Ctrl-C in it does not
    reach it), its output in ``$PREFECT_HOME/naplog-server.log``.
    """
    current = running_server()
    if current is not None:
        return current, False
    if not _port_free(port):
        raise ServerError(f"port {port} on 127.0.0.1 is in use (another Prefect server?): "
                          f"choose another with --port")
    home = prefect_home()
    home.mkdir(parents=True, exist_ok=True)
    log = home / LOG_FILE
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": os.environ.get("PREFECT_SERVER_ANALYTICS_ENABLED",
                                                                            "false")}
    env.pop("PREFECT_API_URL", None)  # the server is the API; it must not look for another
    with open(log, "ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                                 "--port", str(port)], env=env, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True, cwd=home)
    info = ServerInfo(proc.pid, f"http://127.0.0.1:{port}/api", str(log))
    deadline = time.monotonic() + timeout
    while not _healthy(info.api_url):
        if proc.poll() is not None or time.monotonic() > deadline:
            _stop_group(proc.pid)
            tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:] or ["(no output)"]
            why = f"exited with {proc.returncode}" if proc.returncode is not None else f"no answer in {timeout:.0f} s"
            raise ServerError(f"the Prefect server did not start ({why}; {log}: {tail[0]})")
        time.sleep(0.25)
    _state_path(home).write_text(json.dumps(asdict(info)), encoding="utf-8")
    return info, True


def _stop_group(pid: int, timeout: float = STOP_TIMEOUT_S) -> None:
    """SIGTERM to the server's session (``prefect server start`` and the uvicorn it runs), then
    SIGKILL what is left after ``timeout``."""
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            return
        try:  # our own child (start's failure path): reap it, or it stays a zombie in the group
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.2)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def stop_server(home: Path | None = None) -> ServerInfo | None:
    """Stop the server ``start`` started; None when none was running (a process that has taken its
    id since is left alone)."""
    info = _recorded(home)
    if info is None:
        return None
    alive = _is_our_server(info.pid)
    if alive:
        _stop_group(info.pid)
    _state_path(home).unlink(missing_ok=True)
    return info if alive else None


# ---- the temporary server of a command (ephemeral mode) ----------------------------------------

# Prefect 3.8's environment for its temporary server (SubprocessASGIServer._run_uvicorn_command).
TEMPORARY_SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}


def temporary_server_command(port: int) -> list[str]:
    """Prefect 3.8's command line for its temporary server, found without importing Prefect."""
    app_dir = Path(importlib.util.find_spec("prefect").submodule_search_locations[0]).parent
    return [sys.executable, "-m", "uvicorn", "--app-dir", str(app_dir), "--factory",
            "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
            "--log-level", "error", "--lifespan", "on"]


def die_with_parent() -> None:
    """``preexec_fn`` of a child process (the temporary Prefect server): on Linux the kernel kills it
    when the thread that started it ends, however it ends (a ``kill -9`` included). SIGKILL, not
    SIGTERM: uvicorn's graceful shutdown can wait for ever on a connection left open, and this
    server holds nothing that SQLite's journal does not keep safe (Prefect's own ``stop`` kills it
    after 5 s too). Elsewhere nothing is done (``prefect_api`` still stops it on a normal exit)."""
    if not sys.platform.startswith("linux"):
        return
    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)


def _api_url_configured(home: Path) -> bool:
    """Whether Prefect will use a configured API: ``PREFECT_API_URL`` in the environment, in Prefect's
    settings when Prefect is imported already (a caller's ``temporary_settings``), or in the active
    profile (``profiles.toml``, read without importing Prefect)."""
    if os.environ.get("PREFECT_API_URL"):
        return True
    if "prefect.settings" in sys.modules:
        from prefect.settings import PREFECT_API_URL

        return bool(PREFECT_API_URL.value())
    try:
        profiles = tomllib.loads(Path(os.environ.get("PREFECT_PROFILES_PATH") or home / "profiles.toml")
                                 .expanduser().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active") or "ephemeral"
    return bool(profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL"))


@dataclass(frozen=True)
class EarlyServer:
    """A temporary server started before Prefect is imported, for ``flows.ingest.prefect_api`` to adopt."""

    process: subprocess.Popen
    port: int


def start_temporary_server_early() -> EarlyServer | None:
    """Start the command's temporary server now, so that it comes up while the command opens the
    store and imports Prefect (about two seconds of CPU each, on two cores), or None when the
    command will not need one (``PREFECT_API_URL`` set, or a naplog server running). It is tied
    to this process as ``prefect_api``'s own is (``die_with_parent``; call this from the main
    thread), and ``prefect_api`` stops it whatever it uses. A ``PREFECT_API_URL`` set in a Prefect
    profile rather than the environment is found only then: the server is stopped unused."""
    home = Path(os.environ.get("PREFECT_HOME") or "~/.prefect").expanduser()
    if _api_url_configured(home) or running_server(home) is not None:
        return None
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(temporary_server_command(port), env={**os.environ, **TEMPORARY_SERVER_ENV},
                               preexec_fn=die_with_parent)
    return EarlyServer(process, port)


def discard_early(early: EarlyServer | None) -> None:
    """Stop an early temporary server that was not adopted (a server configured in a profile, or
    the command ended first); nothing when it has stopped already."""
    if early is not None and early.process.poll() is None:
        early.process.kill()
        early.process.wait()
