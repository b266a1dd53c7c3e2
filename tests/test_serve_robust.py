"""The preview server holds up (issue 16): idle and slowloris connections time out without
taking threads, 500 concurrent requests are all answered, dropped connections log nothing.
Everything runs on 127.0.0.1 with bounded loops and timeouts."""
from __future__ import annotations

import io
import socket
import struct
import threading
import time

import pytest

from conftest import make_site
from specsite.serve import Preview, make_server

REQUEST = b"GET /index.html HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"


@pytest.fixture
def server(tmp_path):
    body = "\n\n".join(f"## Section {i}\n\n" + "text " * 200 for i in range(40))
    root = make_site(tmp_path / "site", {"_config.yml": "title: Serve\n",
                                         "index.md": f"---\ntitle: Home\n---\n# Home\n\n{body}\n"})
    log = io.StringIO()
    preview = Preview(root, log=log)
    preview.rebuild()
    srv = make_server(preview, "127.0.0.1", 0)
    srv.head_timeout = 1.0
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    srv.log_text = log
    yield srv
    srv.shutdown()
    srv.stopping = True
    srv.server_close()
    thread.join(timeout=5)


def _connect(srv, timeout=10.0) -> socket.socket:
    return socket.create_connection(srv.server_address[:2], timeout=timeout)


def _get(srv, request=REQUEST, timeout=10.0) -> bytes:
    with _connect(srv, timeout) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            data = sock.recv(65536)
            if not data:
                return b"".join(chunks)
            chunks.append(data)


def test_a_page_is_served(server):
    answer = _get(server)
    assert answer.startswith(b"HTTP/1.0 200") and b"<h1" in answer


def test_idle_and_slowloris_connections_do_not_stop_other_requests_and_time_out(server):
    idle = []
    try:
        for i in range(300):
            sock = _connect(server)
            if i % 2:
                sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-a: ")  # a head that never ends
            idle.append(sock)
        started = time.monotonic()
        for _ in range(20):
            assert _get(server, timeout=5).startswith(b"HTTP/1.0 200")
        assert time.monotonic() - started < 10
        # the server closes them once the head deadline has passed
        closed = 0
        for sock in idle:
            sock.settimeout(5)
            try:
                data = sock.recv(1024)
            except OSError:
                data = b""
            closed += data == b"" or data.startswith(b"HTTP/1.0 408")
        assert closed == len(idle)
    finally:
        for sock in idle:
            sock.close()


def test_500_concurrent_requests_are_all_answered(server):
    socks = []
    try:
        for _ in range(500):
            sock = _connect(server, timeout=30)
            sock.sendall(REQUEST)
            socks.append(sock)
        answered = 0
        deadline = time.monotonic() + 60
        for sock in socks:
            chunks = []
            while time.monotonic() < deadline:
                data = sock.recv(65536)
                if not data:
                    break
                chunks.append(data)
            answered += b"".join(chunks).startswith(b"HTTP/1.0 200")
        assert answered == 500
    finally:
        for sock in socks:
            sock.close()


def test_dropped_connections_put_nothing_in_the_log(server, capfd):
    for i in range(30):
        sock = _connect(server)
        sock.sendall(REQUEST)
        if i % 2:  # a reset instead of a close
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    assert _get(server).startswith(b"HTTP/1.0 200")
    time.sleep(0.5)
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err + server.log_text.getvalue()


def test_an_oversized_head_is_refused(server):
    try:
        answer = _get(server, b"GET / HTTP/1.0\r\n" + b"X-Big: " + b"a" * 100_000 + b"\r\n\r\n")
    except ConnectionResetError:  # closed with the rest of the head unread
        answer = b""
    assert answer.startswith(b"HTTP/1.0 431") or answer == b""
    assert _get(server).startswith(b"HTTP/1.0 200")


def test_reload_streams_are_bounded(server):
    server.max_streams = 2
    server.streams = threading.BoundedSemaphore(2)
    streams = [_connect(server) for _ in range(2)]
    try:
        for sock in streams:
            sock.sendall(b"GET /__specsite/events HTTP/1.0\r\n\r\n")
            assert sock.recv(1024).startswith(b"HTTP/1.0 200")
        assert _get(server, b"GET /__specsite/events HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.0 503")
        assert _get(server).startswith(b"HTTP/1.0 200")  # pages are still answered
    finally:
        for sock in streams:
            sock.close()
