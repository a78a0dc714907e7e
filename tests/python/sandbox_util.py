"""Helpers to run the cardtoken sandbox (the package python/cardtoken/sandbox) from tests.

    from sandbox_util import running_sandbox, get_stats, reset_stats

    with running_sandbox("--fault", "reset") as sb:
        client = cardtoken.Pagsmile(**sb["pagsmile"])
        ...
        assert get_stats(sb)["requests"]["/api/getcardtoken"] == 1

`running_sandbox` starts the sandbox as a subprocess on --port 0 with
--config-out in a fresh temporary directory, waits for the config file, yields
it (a dict, with a few extra attributes: .proc, .config_path, .log_path,
.stats(), .reset_stats(), .log_text()), and stops it with SIGTERM. The
subprocess runs the sandbox package of this source tree by path when it
exists (`python3 python/cardtoken/sandbox`: it needs only the stdlib and
`cryptography`, not the built extension), else `python -m cardtoken.sandbox`.
`load_sandbox_module()` imports that package from the source tree, also
without the extension.

Only loopback is ever contacted. Stats are read from the sandbox's separate
plain-HTTP stats listener, so reading them never adds a connection to the main
listener's count.
"""

import contextlib
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SANDBOX_DIR = os.path.join(REPO, "python", "cardtoken", "sandbox")

PATHS = {
    "pagsmile": "/api/getcardtoken",
    "payermax": "/aggregate-pay/api/gateway/inquirePaymentToken",
    "yabandpay": "/Payments",
    "worldfirst": "/amsin/api/v2/business/worldcard/queryCardSensitiveInfo",
}


def sandbox_command():
    """The argv prefix that runs the sandbox."""
    if os.path.exists(os.path.join(SANDBOX_DIR, "__main__.py")):
        return [sys.executable, SANDBOX_DIR]
    return [sys.executable, "-m", "cardtoken.sandbox"]


_SANDBOX_MODULE = None


def load_sandbox_module():
    """The sandbox package of the source tree (python/cardtoken/sandbox), loaded
    by path under a private name: its signers, message tables and notification
    sender, independent of the C core and importable without the extension."""
    global _SANDBOX_MODULE
    if _SANDBOX_MODULE is None:
        import importlib.util

        name = "_ct_sandbox_for_tests"
        spec = importlib.util.spec_from_file_location(
            name, os.path.join(SANDBOX_DIR, "__init__.py"), submodule_search_locations=[SANDBOX_DIR])
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod  # its relative imports resolve under this name
        try:
            spec.loader.exec_module(mod)
        except BaseException:
            del sys.modules[name]
            raise
        _SANDBOX_MODULE = mod
    return _SANDBOX_MODULE


class SandboxConfig(dict):
    """The parsed --config-out JSON plus handles on the running process."""

    proc = None
    config_path = None
    log_path = None
    tmpdir = None
    exit_code = None

    def stats(self):
        return get_stats(self)

    def reset_stats(self):
        reset_stats(self)

    def log_text(self):
        """Everything the sandbox wrote to stdout and stderr so far."""
        with open(self.log_path, "r", encoding="utf-8", errors="replace") as f:
            return f.read()

    def cleanup(self):
        """Stops the sandbox (SIGTERM) and removes the temporary directory
        start_sandbox() made for it."""
        self.stop()
        if self.tmpdir:
            shutil.rmtree(self.tmpdir, ignore_errors=True)
            self.tmpdir = None

    def stop(self, sig=signal.SIGTERM, timeout=15.0):
        """Signals the sandbox and waits for it; returns its exit code."""
        if self.proc is None:
            return self.exit_code
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=timeout)
        self.exit_code = self.proc.returncode
        return self.exit_code


def _http(url, method="GET", timeout=10.0):
    parts = urllib.parse.urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("sandbox stats must be on loopback")
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, parts.path, body=b"" if method == "POST" else None)
        resp = conn.getresponse()
        body = resp.read()
        if resp.status != 200:
            raise RuntimeError("sandbox %s %s -> HTTP %d" % (method, parts.path, resp.status))
        return json.loads(body.decode("utf-8"))
    finally:
        conn.close()


def get_stats(cfg):
    """GET /_sandbox/stats over the stats listener."""
    return _http(cfg["stats_url"])


def reset_stats(cfg):
    """POST /_sandbox/reset-stats over the stats listener."""
    _http(cfg["reset_stats_url"], method="POST")


def wait_for_stats(cfg, predicate, timeout=5.0):
    """Polls the stats until predicate(stats) is true or `timeout` passes;
    returns the last stats either way (the caller asserts). For counters the
    server updates after the client has already given up (a TLS handshake
    the client aborted, bytes reaching the redirect target)."""
    deadline = time.monotonic() + timeout
    st = get_stats(cfg)
    while not predicate(st) and time.monotonic() < deadline:
        time.sleep(0.05)
        st = get_stats(cfg)
    return st


def wait_until_idle(cfg, timeout=5.0):
    """Waits until the sandbox has no connection open (so that anything a
    client sent has been counted); returns the stats. Close the clients
    first: a pooled keep-alive connection keeps the sandbox busy."""
    return wait_for_stats(cfg, lambda s: s["open_connections"] == 0 and s["in_flight"] == 0, timeout)


def requests_seen(cfg, gateway):
    """How many requests the sandbox received on `gateway`'s path."""
    return get_stats(cfg)["requests"].get(PATHS[gateway], 0)


def start_sandbox(*args, tmpdir=None, startup_timeout=60.0):
    """Starts a sandbox; returns a SandboxConfig. Call .cleanup() when done
    (or .stop() first to look at the exit code, then .cleanup())."""
    own_tmp = tmpdir is None
    if own_tmp:
        tmpdir = tempfile.mkdtemp(prefix="ct-sandbox-test-")
    config_path = os.path.join(tmpdir, "sandbox.json")
    log_path = os.path.join(tmpdir, "sandbox.log")
    cmd = sandbox_command() + ["--port", "0", "--config-out", config_path] + [str(a) for a in args]
    env = dict(os.environ)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
        env.pop(name, None)
    log = open(log_path, "wb")
    try:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=env, cwd=tmpdir)
    finally:
        log.close()
    deadline = time.monotonic() + startup_timeout
    cfg = None
    while time.monotonic() < deadline:
        if os.path.exists(config_path):
            with open(config_path, "r", encoding="utf-8") as f:
                cfg = SandboxConfig(json.load(f))
            break
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    if cfg is None:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        with open(log_path, "r", encoding="utf-8", errors="replace") as f:
            out = f.read()
        if own_tmp:
            shutil.rmtree(tmpdir, ignore_errors=True)
        raise RuntimeError("sandbox did not start (exit %r): %s" % (proc.returncode, out[-2000:]))
    cfg.proc = proc
    cfg.config_path = config_path
    cfg.log_path = log_path
    cfg.tmpdir = tmpdir if own_tmp else None
    return cfg


@contextlib.contextmanager
def running_sandbox(*args, tmpdir=None, startup_timeout=60.0):
    """Context manager: start_sandbox(*args), yield the config, SIGTERM it."""
    cfg = start_sandbox(*args, tmpdir=tmpdir, startup_timeout=startup_timeout)
    try:
        yield cfg
    finally:
        cfg.cleanup()


_RESERVED = []


def free_port():
    """A loopback port on which nothing listens, for as long as the test
    process runs: the socket stays bound (never listening), so a connect is
    refused and no other process (a sandbox of a parallel test) can take it
    in the meantime."""
    import socket

    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    _RESERVED.append(s)
    return s.getsockname()[1]
