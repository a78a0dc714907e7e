"""The sandbox's counters (GET /_sandbox/stats), thread-safe."""

import threading

MAX_UNKNOWN_STATE = 10000


class Stats:
    def __init__(self):
        self._lock = threading.Lock()
        self._reset()

    def _reset(self):
        self.connections_accepted = 0
        self.connections_closed = 0
        self.open_connections = 0
        self.tls_handshake_failures = 0
        self.app_bytes_received = 0
        self.requests = {}
        self.requests_total = 0
        self.requests_on_new_connections = 0
        self.request_bodies_received = 0
        self.request_body_bytes = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.faults = {}
        self.redirect_connections = 0
        self.redirect_bytes = 0
        self.unknown_state = {}

    def reset(self):
        with self._lock:
            # Gauges survive a reset; counters restart from zero.
            in_flight, open_connections = self.in_flight, self.open_connections
            self._reset()
            self.in_flight, self.open_connections = in_flight, open_connections

    def connection(self):
        with self._lock:
            self.connections_accepted += 1
            self.open_connections += 1

    def connection_closed(self):
        with self._lock:
            self.connections_closed += 1
            self.open_connections -= 1

    def tls_failure(self):
        with self._lock:
            self.tls_handshake_failures += 1

    def app_bytes(self, n):
        with self._lock:
            self.app_bytes_received += n

    def request(self, path, nbytes, first_on_connection):
        with self._lock:
            self.requests[path] = self.requests.get(path, 0) + 1
            self.requests_total += 1
            if first_on_connection:
                self.requests_on_new_connections += 1
            if nbytes:
                self.request_bodies_received += 1
                self.request_body_bytes += nbytes

    def enter(self):
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def leave(self):
        with self._lock:
            self.in_flight -= 1

    def fault(self, kind):
        with self._lock:
            self.faults[kind] = self.faults.get(kind, 0) + 1

    def redirect_connection(self):
        with self._lock:
            self.redirect_connections += 1

    def redirect_data(self, n):
        with self._lock:
            self.redirect_bytes += n

    def next_unknown(self, asset_id):
        """True when this request for asset_id must answer U (odd requests)."""
        with self._lock:
            if asset_id not in self.unknown_state and len(self.unknown_state) >= MAX_UNKNOWN_STATE:
                self.unknown_state.clear()
            n = self.unknown_state.get(asset_id, 0)
            self.unknown_state[asset_id] = n + 1
            return n % 2 == 0

    def snapshot(self):
        with self._lock:
            return {
                "connections_accepted": self.connections_accepted,
                "connections_closed": self.connections_closed,
                "open_connections": self.open_connections,
                "tls_handshake_failures": self.tls_handshake_failures,
                "app_bytes_received": self.app_bytes_received,
                "requests": dict(self.requests),
                "requests_total": self.requests_total,
                "requests_on_new_connections": self.requests_on_new_connections,
                "request_bodies_received": self.request_bodies_received,
                "request_body_bytes": self.request_body_bytes,
                "in_flight": self.in_flight,
                "max_in_flight": self.max_in_flight,
                "faults": dict(self.faults),
                "redirect_target": {
                    "connections": self.redirect_connections,
                    "bytes_received": self.redirect_bytes,
                },
            }
