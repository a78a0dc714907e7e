"""The asyncio clients: cardtoken.Async<Gateway>, one per sync client class.

The transfers run in the C core on a libcurl multi handle (the _Engine of
_cardtoken_async.c); this module only wires its socket and timer requests to
the running event loop (loop.add_reader / add_writer / call_later) and turns
each operation into a coroutine awaiting the future the engine resolves. No
thread is involved. The operations come from the core's description of each
client class (_cardtoken._operations), so no gateway or operation is named
here. build_/parse_/verify_notification/notification_ack involve no I/O: they
are the wrapped sync client's own methods.
"""

import asyncio
import inspect
import logging
import os
import threading

from . import _cardtoken  # type: ignore[attr-defined]  # (the extension; no stub of its own)

log = logging.getLogger("cardtoken")

_IN, _OUT = 1, 2

UNKNOWN_NOTE = (
    "cardtoken: %s.%s() was cancelled after its request may have reached the gateway; "
    "its outcome is unknown: query the gateway for it before sending it again"
)


class _AsyncClient:
    """Base of the Async<Gateway> classes (see the class docstrings)."""

    _sync_class = None
    __slots__ = ("_sync", "_engine", "_loop", "_thread", "_pid", "_watched", "_timer", "_calls",
                 "_closed", "__weakref__")

    def __init__(self, **options):
        self._sync = self._sync_class(**options)  # options checked here, as in sync
        self._engine = None
        self._loop = None
        self._thread = None
        self._pid = None
        self._watched = {}
        self._timer = None
        self._calls = set()
        self._closed = False

    def __repr__(self):
        return "<cardtoken.%s %s>" % (type(self).__name__, "closed" if self._closed else "open")

    def __reduce__(self):
        raise TypeError("cardtoken clients cannot be pickled")

    @property
    def closed(self):
        return self._closed

    @property
    def gateway(self):
        return self._sync.gateway

    # ---- the loop's side ---------------------------------------------------

    def _bind(self):
        """The engine, on the running loop; a client belongs to one loop."""
        loop = asyncio.get_running_loop()
        if self._closed:
            self._raise_closed()
        engine = self._engine
        if engine is not None:
            if self._pid != os.getpid():
                # A forked child: the engine abandons the parent's connections
                # on its next start (nothing is sent on them) and makes its own.
                self._adopt(loop)
                return engine
            if loop is self._loop:
                return engine
            if not (self._loop.is_closed() and engine.inflight == 0):
                raise RuntimeError(
                    "cardtoken.%s belongs to the event loop it first ran on (thread %s); it "
                    "cannot be used from another loop or thread: make one client per loop"
                    % (type(self).__name__, self._thread))
            self._unwire()  # that loop is closed and nothing is in flight: move over
            engine.close()
            self._engine = None
        self._adopt(loop)
        self._engine = _cardtoken._Engine(self._sync, self._watch, self._set_timer)
        return self._engine

    def _adopt(self, loop):
        self._loop = loop
        self._thread = threading.current_thread().name
        self._pid = os.getpid()
        self._watched = {}
        self._timer = None

    def _raise_closed(self):
        # an engine on a closed client raises the core's CT_ERR_CLOSED error
        self._sync.close()
        _cardtoken._Engine(self._sync, self._watch, self._set_timer)
        raise AssertionError("unreachable")

    def _watch(self, fd, events):
        loop = self._loop
        old = self._watched.get(fd, 0)
        if old & _IN and not events & _IN:
            loop.remove_reader(fd)
        if old & _OUT and not events & _OUT:
            loop.remove_writer(fd)
        if events & _IN and not old & _IN:
            loop.add_reader(fd, self._engine.action, fd, _IN)
        if events & _OUT and not old & _OUT:
            loop.add_writer(fd, self._engine.action, fd, _OUT)
        if events:
            self._watched[fd] = events
        else:
            self._watched.pop(fd, None)

    def _set_timer(self, delay):
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if delay is not None:
            self._timer = self._loop.call_later(delay, self._on_timer)

    def _on_timer(self):
        self._timer = None
        self._engine.action(-1, 0)

    def _unwire(self):
        loop = self._loop
        if loop is not None and not loop.is_closed():
            for fd, events in self._watched.items():
                if events & _IN:
                    loop.remove_reader(fd)
                if events & _OUT:
                    loop.remove_writer(fd)
        self._watched = {}
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    # ---- calls -------------------------------------------------------------

    async def _call(self, name, kwargs):
        engine = self._bind()
        fut = self._loop.create_future()
        handle = engine.start(name, kwargs, fut)
        self._calls.add(fut)
        try:
            return await fut
        except asyncio.CancelledError as exc:
            if engine.cancel(handle):
                note = UNKNOWN_NOTE % (type(self).__name__, name)
                log.warning(note)
                if hasattr(exc, "add_note"):
                    exc.add_note(note)
            raise
        finally:
            self._calls.discard(fut)

    async def aclose(self):
        """Wait for the calls in flight, then release the connections and keys.
        Later calls raise ConfigurationError (CT_ERR_CLOSED). Idempotent."""
        self._closed = True
        if self._calls:
            await asyncio.gather(*list(self._calls), return_exceptions=True)
        self._unwire()
        if self._engine is not None:
            self._engine.close()
            self._engine = None
        self._sync.close()

    async def __aenter__(self):
        if self._closed:
            self._raise_closed()
        return self

    async def __aexit__(self, *exc):
        await self.aclose()
        return False


def _coroutine(name, doc):
    async def call(self, **kwargs):
        return await self._call(name, kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = doc
    return call


def _delegate(sync_class, name):
    def method(self, *args, **kwargs):
        return getattr(self._sync, name)(*args, **kwargs)

    original = getattr(sync_class, name)
    method.__name__ = method.__qualname__ = name
    method.__doc__ = original.__doc__
    method.__signature__ = inspect.signature(original)
    return method


def make_async_class(sync_class):
    """Async<Name> for the sync client class `sync_class`."""
    ns = {"__slots__": (), "_sync_class": sync_class, "__module__": "cardtoken"}
    names = []
    for name, doc in _cardtoken._operations(sync_class):
        names.append(name)
        ns[name] = _coroutine(name, "%s\n\nA coroutine: await it on the client's event loop. "
                              "Same arguments, result and errors as %s.%s()."
                              % (doc, sync_class.__name__, name))
        for prefix in ("build_", "parse_"):
            ns[prefix + name] = _delegate(sync_class, prefix + name)
    for name in ("verify_notification", "notification_ack"):
        ns[name] = _delegate(sync_class, name)
    ns["__doc__"] = (
        "The asyncio client of %s: the same options; every operation is a coroutine "
        "(driven by libcurl on the running event loop, without threads); build_/parse_/"
        "verify_notification/notification_ack are plain methods. Use `async with` or "
        "`await client.aclose()`. A client belongs to the event loop it first runs on."
        % sync_class.__name__)
    cls = type("Async" + sync_class.__name__, (_AsyncClient,), ns)
    return cls
