"""A WebSocket server that plays Slack's side of Socket Mode for one connection: it says hello, sends the
envelopes a test gives it, and collects what the app sends back (the acknowledgements)."""

from __future__ import annotations

import base64
import hashlib
import json
import queue
import socket
import struct
import threading
from typing import Any

WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TEXT, CLOSE, PING, PONG = 0x1, 0x8, 0x9, 0xA


class SocketModeServer:
    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.received: queue.Queue[dict[str, Any]] = queue.Queue()
        self.connected = threading.Event()
        self._connection: socket.socket | None = None
        self._send_lock = threading.Lock()
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.listener.getsockname()[1]}/link/?ticket=test"

    def send(self, envelope: dict[str, Any]) -> None:
        assert self.connected.wait(60), "the app never opened its Socket Mode connection"
        self._send_frame(TEXT, json.dumps(envelope).encode())

    def close(self) -> None:
        for sock in (self._connection, self.listener):
            if sock is not None:
                sock.close()

    def _serve(self) -> None:
        try:
            connection, _ = self.listener.accept()
        except OSError:
            return
        self._connection = connection
        reader = connection.makefile("rb")
        request = b""
        while not request.endswith(b"\r\n\r\n"):
            request += reader.readline()
        key = next(line.split(":", 1)[1].strip() for line in request.decode().split("\r\n")
                   if line.lower().startswith("sec-websocket-key:"))
        accept = base64.b64encode(hashlib.sha1((key + WEBSOCKET_GUID).encode()).digest()).decode()
        connection.sendall(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            f"Sec-WebSocket-Accept: {accept}\r\n\r\n").encode())
        self._send_frame(TEXT, json.dumps({"type": "hello", "num_connections": 1,
                                           "connection_info": {"app_id": "ASUMMIT"}}).encode())
        self.connected.set()
        while True:
            frame = _read_frame(reader)
            if frame is None or frame[0] == CLOSE:
                return
            opcode, payload = frame
            if opcode == PING:
                self._send_frame(PONG, payload)
            elif opcode == TEXT:
                self.received.put(json.loads(payload))

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        length = len(payload)
        if length < 126:
            head = struct.pack("!BB", 0x80 | opcode, length)
        elif length < 1 << 16:
            head = struct.pack("!BBH", 0x80 | opcode, 126, length)
        else:
            head = struct.pack("!BBQ", 0x80 | opcode, 127, length)
        with self._send_lock:
            self._connection.sendall(head + payload)


def _read_frame(reader) -> tuple[int, bytes] | None:
    """One frame from the client (clients mask every frame), or None when the connection closed."""
    head = reader.read(2)
    if len(head) < 2:
        return None
    opcode, length = head[0] & 0x0F, head[1] & 0x7F
    if length == 126:
        (length,) = struct.unpack("!H", reader.read(2))
    elif length == 127:
        (length,) = struct.unpack("!Q", reader.read(8))
    mask = reader.read(4) if head[1] & 0x80 else b"\0\0\0\0"
    data = reader.read(length)
    return opcode, bytes(byte ^ mask[index % 4] for index, byte in enumerate(data))
