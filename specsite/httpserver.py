"""An HTTP server for the preview that idle, slow or vanishing clients cannot wear down."""
from __future__ import annotations

import io
import queue
import selectors
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import HTTPServer


class _Prefixed(io.RawIOBase):
    """A connection's bytes with the request head, already read by the server, in front."""

    def __init__(self, head: bytes, rest):
        self.head, self.rest = memoryview(head), rest

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read1(len(buffer))
        buffer[:len(data)] = data
        return len(data)


class PreviewServer(HTTPServer):
    """An HTTP server that an idle, slow or vanishing client cannot wear down.

    One thread reads request heads for every connection at once (a selector), with a deadline:
    idle and slowloris connections cost a socket, not a thread, and are closed when it passes. A
    complete request goes to a bounded pool of workers; reload streams (one per open tab) have a
    bounded number of threads of their own. A client that drops its connection is not an error.
    """

    request_queue_size = 1024  # the listen backlog: a burst of connections is queued, not refused
    allow_reuse_address = True
    head_timeout = 10.0  # seconds to send the request line and headers
    max_head = 64 * 1024
    max_waiting = 2048  # connections still sending their heads; the oldest go first
    workers = 16
    max_streams = 64

    def __init__(self, address, handler, log=sys.stderr, streams_path: str = ""):
        super().__init__(address, handler)
        self.log = log
        self.streams_path = streams_path.encode()  # requests for it are long-lived streams
        self.stopping = False
        self.heads: dict = {}  # socket -> request head read so far, for the handler
        self.pool = ThreadPoolExecutor(self.workers, thread_name_prefix="specsite-http")
        self.streams = threading.BoundedSemaphore(self.max_streams)
        self._inbox: queue.SimpleQueue = queue.SimpleQueue()
        self._waiting: dict = {}  # socket -> (address, deadline, bytearray)
        self._selector = selectors.DefaultSelector()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)
        self._selector.register(self._wake_r, selectors.EVENT_READ)
        self._reader = threading.Thread(target=self._read_heads, name="specsite-heads", daemon=True)
        self._reader.start()

    # -- accepting and reading request heads (one thread) ----------------------------------------
    def process_request(self, request, client_address):
        self._inbox.put((request, client_address))
        self._wake()

    def _wake(self):
        try:
            self._wake_w.send(b"x")
        except OSError:
            pass  # already awake (the buffer is full) or closing

    def _read_heads(self):
        while not self.stopping:
            try:
                events = self._selector.select(timeout=0.25)
            except OSError:
                return
            for key, _ in events:
                if key.fileobj is self._wake_r:
                    try:
                        while self._wake_r.recv(4096):
                            pass
                    except OSError:
                        pass
                else:
                    self._receive(key.fileobj)
            self._admit()
            self._expire()

    def _admit(self):
        while True:
            try:
                sock, address = self._inbox.get_nowait()
            except queue.Empty:
                return
            if len(self._waiting) >= self.max_waiting:
                self._drop(next(iter(self._waiting)))  # the oldest idle connection makes room
            try:
                sock.setblocking(False)
                self._selector.register(sock, selectors.EVENT_READ)
            except (OSError, ValueError):
                self._close(sock)
                continue
            self._waiting[sock] = (address, time.monotonic() + self.head_timeout, bytearray())

    def _expire(self):
        now = time.monotonic()
        for sock in [s for s, (_, deadline, _) in self._waiting.items() if deadline < now]:
            self._drop(sock, b"HTTP/1.0 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

    def _receive(self, sock):
        try:
            data = sock.recv(16384)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            return self._drop(sock)
        address, _, head = self._waiting[sock]
        head += data
        if b"\r\n\r\n" in head or b"\n\n" in head:
            self._selector.unregister(sock)
            del self._waiting[sock]
            self._dispatch(sock, address, bytes(head))
        elif len(head) > self.max_head:
            self._drop(sock, b"HTTP/1.0 431 Request Header Fields Too Large\r\nContent-Length: 0\r\n\r\n")

    def _drop(self, sock, answer: bytes = b""):
        self._waiting.pop(sock, None)
        try:
            self._selector.unregister(sock)
        except (KeyError, ValueError, OSError):
            pass
        if answer:
            try:
                sock.send(answer)
            except OSError:
                pass
        self._close(sock)

    @staticmethod
    def _close(sock):
        try:
            sock.close()
        except OSError:
            pass

    # -- answering (worker threads) --------------------------------------------------------------
    def request_file(self, sock, rfile):
        """The handler's input: the request head already read here, then the rest of the socket."""
        head = self.heads.pop(sock, b"")
        return io.BufferedReader(_Prefixed(head, rfile)) if head else rfile

    def _dispatch(self, sock, address, head: bytes):
        try:
            sock.setblocking(True)
        except OSError:
            return self._close(sock)
        self.heads[sock] = head
        target = head.split(b" ", 2)[1] if head.count(b" ") >= 2 else b""
        if self.streams_path and target.split(b"?", 1)[0] == self.streams_path:
            if not self.streams.acquire(blocking=False):
                self.heads.pop(sock, None)
                return self._drop(sock, b"HTTP/1.0 503 Service Unavailable\r\nRetry-After: 5\r\n"
                                        b"Content-Length: 0\r\n\r\n")
            threading.Thread(target=self._answer, args=(sock, address, True), daemon=True).start()
            return
        try:
            self.pool.submit(self._answer, sock, address, False)
        except RuntimeError:  # shutting down
            self.heads.pop(sock, None)
            self._close(sock)

    def _answer(self, sock, address, stream: bool):
        try:
            self.finish_request(sock, address)
        except OSError:
            pass  # the client went away or stalled: nothing to report
        except Exception as err:  # noqa: BLE001 - one line in the log, never a traceback
            print(f"specsite serve: internal error answering {address[0]}: {type(err).__name__}: {err}",
                  file=self.log)
        finally:
            self.heads.pop(sock, None)
            if stream:
                self.streams.release()
            self.shutdown_request(sock)

    def handle_error(self, request, client_address):
        pass  # errors are handled in _answer (socketserver would print a traceback)

    def server_close(self):
        if not hasattr(self, "_reader"):  # the address could not be bound: HTTPServer closes the socket
            return super().server_close()
        self.stopping = True
        self._wake()
        self._reader.join(timeout=2)
        for sock in list(self._waiting):
            self._drop(sock)
        self.pool.shutdown(wait=False, cancel_futures=True)
        for sock in (self._wake_r, self._wake_w):
            self._close(sock)
        self._selector.close()
        super().server_close()
