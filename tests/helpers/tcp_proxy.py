"""A TCP relay between the app and its database server whose network the test can cut.

``down()`` drops every open connection and refuses new ones (each is closed as soon as it is
accepted, as a dead network or a server restart looks to the driver); ``up()`` lets them
through again. The database itself stays as it was: only the way to it goes.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator


class Proxy:
    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        self._down = False
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def down(self) -> None:
        with self._lock:
            self._down = True
            for sock in self._open:
                _close(sock)
            self._open.clear()

    def up(self) -> None:
        with self._lock:
            self._down = False

    def close(self) -> None:
        self._closed = True
        self.down()
        _close(self.listener)

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self._lock:
                if self._down:
                    _close(client)
                    continue
                try:
                    server = socket.create_connection(self.target)
                except OSError:
                    _close(client)
                    continue
                self._open += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=_pump, args=(a, b), daemon=True).start()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    _close(source)
    _close(sink)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()


@contextlib.contextmanager
def relay_to_test_server() -> Iterator[tuple[str, str, Proxy]]:
    """The PostgreSQL test server's own URL (emptied first), and a URL to it through a relay
    the test can cut; the app finds the password for both in the keyring."""
    from sqlalchemy.engine import make_url

    from tests.helpers.pg import pg_url_or_skip, reset_schema, store_password_in_keyring

    url = pg_url_or_skip()
    reset_schema(url)
    direct = make_url(url)
    proxy = Proxy(str(direct.host), int(direct.port or 5432))
    via = direct.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    store_password_in_keyring(url)
    store_password_in_keyring(via)
    try:
        yield url, via, proxy
    finally:
        proxy.close()
