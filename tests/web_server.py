"""A tiny HTTP server for the web tests, on 127.0.0.1 only (never any other address).

Routes map a path (with its query) to a :class:`Route`, or to a function of the request
headers returning one (conditional GETs, counters). ``requests`` logs what was asked.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the response starts
    send_length: bool = True  # False: no Content-Length, the body ends with the connection
    chunk_delay: float = 0.0  # seconds between 64 KB pieces of the body


Handler = Route | Callable[[dict[str, str]], Route]


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                headers = {k.lower(): v for k, v in self.headers.items()}
                server.requests.append((self.path, headers))
                handler = server.routes.get(self.path)
                if handler is None:
                    route = Route(404, b"<html><body>not found</body></html>")
                else:
                    route = handler(headers) if callable(handler) else handler
                if route.delay:
                    time.sleep(route.delay)
                try:
                    self.send_response(route.status)
                    for key, value in route.headers.items():
                        self.send_header(key, value)
                    if route.send_length:
                        self.send_header("Content-Length", str(len(route.body)))
                    else:
                        self.send_header("Connection", "close")
                        self.close_connection = True
                    self.end_headers()
                    body = route.body
                    for start in range(0, len(body), 65536):
                        self.wfile.write(body[start : start + 65536])
                        if route.chunk_delay:
                            time.sleep(route.chunk_delay)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (size cap, timeout): that is the point

        class _Server(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                # A client that hung up early (size cap, timeout, cancel, a refused type)
                # is what several tests do on purpose: note it, print nothing.
                server.errors.append(sys.exc_info()[1])

        self.errors: list[BaseException | None] = []
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread: threading.Thread | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> LocalServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(5)
