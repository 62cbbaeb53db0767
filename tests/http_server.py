"""A real HTTP server on 127.0.0.1 for the fetch and feed tests, with the behaviours they need.

Routes are plain data: path -> (status, headers, body). Every request is recorded, so a test can
assert what was asked (conditional headers included) and how often.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from email.utils import formatdate
from hashlib import sha256
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Site:
    def __init__(self):
        self.routes: dict[str, dict] = {}
        self.requests: list[dict] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._silent: list[socket.socket] = []  # black holes and the connections they hold open

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
             validators: bool = True, gzip_body: bool = False, **extra) -> None:
        data = body.encode() if isinstance(body, str) else body
        headers = {"Content-Type": content_type}
        if validators:
            headers["ETag"] = f'"{sha256(data).hexdigest()[:16]}"'
            headers["Last-Modified"] = formatdate(1727740800, usegmt=True)
        if gzip_body:
            data = gzip.compress(data)
            headers["Content-Encoding"] = "gzip"
        self.routes[path] = {"status": 200, "headers": headers, "body": data, **extra}

    def status(self, path: str, status: int, headers: dict | None = None, times: int | None = None) -> None:
        """Answer `status` (for the first `times` requests only, if given; then the route before it)."""
        self.routes[path] = {"status": status, "headers": headers or {}, "body": b"", "times": times,
                             "then": self.routes.get(path)}

    def black_hole(self) -> str:
        """The base URL of a socket that accepts connections and never answers nor closes them."""
        listener = socket.create_server(("127.0.0.1", 0))
        self._silent.append(listener)

        def hold() -> None:
            while True:
                try:
                    connection, _ = listener.accept()
                except OSError:  # closed by __exit__
                    return
                self._silent.append(connection)

        threading.Thread(target=hold, daemon=True).start()
        return f"http://127.0.0.1:{listener.getsockname()[1]}"

    def hits(self, path: str) -> list[dict]:
        return [r for r in self.requests if r["path"] == path]

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                site.requests.append({"path": self.path, "headers": dict(self.headers), "method": "POST",
                                      "body": self.rfile.read(length)})
                route = site.routes.get(self.path) or {"status": 404}
                self.send_response(route["status"])
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_GET(self):  # noqa: N802
                site.requests.append({"path": self.path, "headers": dict(self.headers)})
                route = site.routes.get(self.path)
                while route and route.get("times") is not None and route["times"] <= 0:
                    route = site.routes[self.path] = route["then"]  # used up: the route below it again
                if route and route.get("times") is not None:
                    route["times"] -= 1
                if route is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                if route.get("hang"):
                    threading.Event().wait(route["hang"])
                etag = route["headers"].get("ETag")
                if route["status"] == 200 and etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(route["status"])
                for name, value in route["headers"].items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(route["body"])))
                self.end_headers()
                if route.get("drip"):  # a byte at a time, each within any read timeout: a slow loris
                    try:
                        for i in range(len(route["body"])):
                            self.wfile.write(route["body"][i:i + 1])
                            self.wfile.flush()
                            time.sleep(route["drip"])
                    except OSError:  # the client gave up: that is the point
                        pass
                    return
                self.wfile.write(route["body"])

        return Handler

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        for sock in self._silent:
            sock.close()
