"""What a call did, without card data (README "Debugging and observability").

The C core describes each attempt and each call (core/src/trace.c): gateway,
operation, method, URL path (masked), attempt, HTTP status, gateway code,
timings from libcurl, whether the connection was reused, bytes sent and
received, outcome; the answer's headers with credential values masked. No
header value that is a credential, no body, no card data. The extension hands
those records to emit() after each call, when anyone listens:

* the logger "cardtoken" and its children "cardtoken.<gateway>" (standard
  logging): DEBUG, one line per attempt and one per call; TRACE (5, below
  DEBUG, the documented switch for bodies): also the request body as the core
  redacts it and the answer as the core masks it (only when it is a JSON
  object);
* the on_call client option: a callable given each record (a CallRecord,
  read-only: kind "attempt" or "call");
* OpenTelemetry: when opentelemetry-api is importable, each call becomes a
  client span (HTTP client semantic conventions plus cardtoken.gateway and
  cardtoken.operation). Without it nothing is imported.

Response is the exchange every result and every error raised after an HTTP
answer carries (result.response, exc.response).
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any, Callable, Iterator, Mapping

__all__ = ["TRACE", "Response", "CallRecord"]

#: The level below DEBUG at which bodies (masked) are logged.
TRACE = 5
logging.addLevelName(TRACE, "TRACE")

logger = logging.getLogger("cardtoken")
_children: dict[str, logging.Logger] = {}
_otel: Any = None  # None: not looked for yet; False: absent


def _log(gateway: str) -> logging.Logger:
    log = _children.get(gateway)
    if log is None:
        log = _children[gateway] = logger.getChild(gateway) if gateway else logger
    return log


_IDLE: tuple[type, ...] = ()  # OpenTelemetry's providers that record nothing
_MISSING = object()


def _trace_api() -> Any:
    """opentelemetry.trace when it is installed and a tracer provider has
    been set (asked on every call: one may be set at any time); None
    otherwise. With no provider set OpenTelemetry's spans record nothing, and
    making them (and the records they need) costs more than the whole call."""
    global _otel, _IDLE
    if _otel is None:
        try:
            from opentelemetry import trace as _t  # optional, never required
        except Exception:  # absent (or broken): no spans
            _otel = False
        else:
            _otel = _t
            _IDLE = tuple(getattr(_t, n) for n in ("ProxyTracerProvider", "NoOpTracerProvider") if hasattr(_t, n))
            if os.environ.get("OTEL_PYTHON_TRACER_PROVIDER"):
                _t.get_tracer_provider()  # loads the configured one now
    if not _otel:
        return None
    # the global provider, read without get_tracer_provider()'s environment
    # look-up on every call (it sets this global when it loads one)
    p = getattr(_otel, "_TRACER_PROVIDER", _MISSING)
    if p is _MISSING:  # another API version: ask it
        try:
            p = _otel.get_tracer_provider()
        except Exception:
            return _otel
    if p is None or (_IDLE and isinstance(p, _IDLE)):
        return None
    return _otel


def wanted(gateway: str) -> int:
    """0: nobody listens; 1: records wanted; 2: records and masked bodies."""
    log = _log(gateway)
    if log.isEnabledFor(TRACE):
        return 2
    if log.isEnabledFor(logging.DEBUG) or _trace_api() is not None:
        return 1
    return 0


class Response:
    """The HTTP exchange of a call: status, headers (credential values
    masked), attempts made, elapsed seconds. Never the body."""

    __slots__ = ("status", "headers", "attempts", "elapsed")
    status: int
    headers: tuple[tuple[str, str], ...]
    attempts: int
    elapsed: float

    def __init__(self, status: int, headers: tuple[tuple[str, str], ...], attempts: int, elapsed: float) -> None:
        for k, v in (("status", status), ("headers", tuple(headers)), ("attempts", attempts), ("elapsed", elapsed)):
            object.__setattr__(self, k, v)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("cardtoken.Response is read-only")

    def header(self, name: str) -> str | None:
        """The first header of that name (any case), or None."""
        low = name.lower()
        for k, v in self.headers:
            if k.lower() == low:
                return v
        return None

    def __repr__(self) -> str:
        return "<cardtoken.Response %d, %d header(s), %d attempt(s), %.1f ms>" % (
            self.status,
            len(self.headers),
            self.attempts,
            self.elapsed * 1000,
        )

    def __reduce__(self) -> Any:
        return (Response, (self.status, self.headers, self.attempts, self.elapsed))


class CallRecord(Mapping[str, Any]):
    """A read-only record of one attempt (kind "attempt") or one whole call
    (kind "call"); also readable as attributes (record.http_status)."""

    __slots__ = ("_d",)

    def __init__(self, d: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_d", dict(d))

    def __getitem__(self, key: str) -> Any:
        return self._d[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._d)

    def __len__(self) -> int:
        return len(self._d)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._d[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("cardtoken.CallRecord is read-only")

    def __repr__(self) -> str:
        return "CallRecord(%r)" % (self._d,)


def _span(api: Any, r: Mapping[str, Any], response: Response | None) -> None:
    end = time.time_ns()
    tracer = api.get_tracer("cardtoken")
    attrs: dict[str, Any] = {
        "http.request.method": r["method"],
        "url.path": r["path"],
        "cardtoken.gateway": r["gateway"],
        "cardtoken.operation": r["operation"],
        "cardtoken.attempts": r["attempt"],
        "cardtoken.outcome": r["outcome"],
    }
    if r.get("server"):
        attrs["server.address"] = r["server"]
    if r.get("port"):
        attrs["server.port"] = r["port"]
    if r["http_status"] is not None:
        attrs["http.response.status_code"] = r["http_status"]
    if r["error"] is not None:
        attrs["error.type"] = r["error"]
    if r["gateway_code"]:
        attrs["cardtoken.gateway_code"] = r["gateway_code"]
    span = tracer.start_span(
        "%s %s" % (r["method"], r["operation"] or r["path"]),
        kind=api.SpanKind.CLIENT,
        attributes=attrs,
        start_time=end - int(r["elapsed"] * 1e9),
    )
    if r["error"] is not None:
        span.set_status(api.Status(api.StatusCode.ERROR, r["error"]))
    span.end(end_time=end)


def emit(
    records: list[dict[str, Any]],
    on_call: Callable[[CallRecord], object] | None,
    response: Response | None,
    request_body: str | None,
    response_body: str | None,
) -> None:
    """Called by the extension after a call (records: every attempt, then
    the call). Never raises for what a listener does."""
    for r in records:
        log = _log(r["gateway"])
        if log.isEnabledFor(logging.DEBUG):  # the core's line (ct_trace_format)
            log.debug("%s", r["message"], extra={"cardtoken": CallRecord(r)})
        if r["kind"] != "call":
            continue
        if log.isEnabledFor(TRACE):
            log.log(TRACE, "%s %s request body (redacted): %s", r["gateway"], r["operation"], request_body or "")
            log.log(
                TRACE,
                "%s %s response body (masked): %s",
                r["gateway"],
                r["operation"],
                response_body if response_body is not None else "(not a JSON object: not shown)",
            )
        api = _trace_api()
        if api is not None:
            try:
                _span(api, r, response)
            except Exception as e:  # a broken tracer never breaks a call
                log.warning("cardtoken: the OpenTelemetry span failed: %s", type(e).__name__)
    if on_call is not None:
        for r in records:
            try:
                on_call(CallRecord(r))
            except Exception as e:  # the hook's failure is not the call's
                _log(r["gateway"]).warning("cardtoken: the on_call hook raised %s", type(e).__name__)
