"""Run a command where any attempt to reach beyond the machine is seen.

``python -m harness.sealed -- COMMAND ...`` (as root, which ``unshare`` needs) runs COMMAND
in a network namespace of its own whose only way out is one end of a veth pair: it has an
address, a default route (IPv4 and IPv6) and the only name server in ``/etc/resolv.conf``
(bind-mounted in a mount namespace of its own, so the machine's file is untouched), so a
DNS query, a connection, or a UDP socket sending to Google's public resolver all become
frames on that interface. The far end answers nothing; a packet socket records each frame
put on the near end. Nothing leaves the namespace.

It prints one JSON object on its last line of standard output: the command's exit status
and every frame seen (``{"family", "destination", "protocol", "port", "dns_query"}``), and
exits with the command's status. ``available()`` says whether this machine can do it.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

INTERFACE = "wan0"
# Documentation ranges (RFC 5737, RFC 3849): never routed anywhere, and here only a dummy.
ADDRESS_V4 = "192.0.2.2/32"
GATEWAY_V4 = "192.0.2.1"
NAME_SERVER = "192.0.2.53"
ADDRESS_V6 = "2001:db8::2/128"
GATEWAY_V6 = "fe80::1"
# The gateways' link addresses are set by hand: with no neighbour discovery to wait on,
# every packet is put on the wire at once.
GATEWAY_LINK = "02:00:00:00:00:01"
INSIDE = (sys.executable, "-m", "harness.sealed")
ETH_P_ALL = 0x0003
ETH_P_IP = 0x0800
ETH_P_IPV6 = 0x86DD


def available() -> str | None:
    """None when this machine can seal a command, else why it cannot."""
    if sys.platform != "linux":
        return "network namespaces need Linux"
    if os.geteuid() != 0:
        return "sealing a command needs root (unshare, ip)"
    for tool in ("unshare", "ip"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    probe = subprocess.run(
        ["unshare", "--net", "--mount", "true"], capture_output=True, text=True, check=False
    )
    if probe.returncode != 0:
        return f"unshare refused: {probe.stderr.strip()[:200]}"
    return None


def sealed_command(command: list[str]) -> list[str]:
    """The argv that runs ``command`` sealed, from outside the namespace."""
    return ["unshare", "--net", "--mount", "--", *INSIDE, "--", *command]


def _dns_name(payload: bytes) -> str | None:
    """The first question's name of a DNS query, or None when it is not one."""
    if len(payload) < 13:
        return None
    labels: list[str] = []
    position = 12
    while position < len(payload):
        length = payload[position]
        if length == 0:
            return ".".join(labels)
        if length > 63:
            return None
        labels.append(payload[position + 1 : position + 1 + length].decode("ascii", "replace"))
        position += 1 + length
    return None


def describe(frame: bytes) -> dict[str, Any]:
    """What one Ethernet frame on the interface was trying to reach."""
    kind = struct.unpack("!H", frame[12:14])[0]
    packet = frame[14:]
    if kind == ETH_P_IP and len(packet) >= 20:
        header = (packet[0] & 0x0F) * 4
        protocol = packet[9]
        destination = socket.inet_ntop(socket.AF_INET, packet[16:20])
        family = "ipv4"
    elif kind == ETH_P_IPV6 and len(packet) >= 40:
        header = 40
        protocol = packet[6]
        destination = socket.inet_ntop(socket.AF_INET6, packet[24:40])
        family = "ipv6"
    else:
        return {"family": f"ethertype 0x{kind:04x}", "destination": None}
    port = None
    query = None
    if protocol in (socket.IPPROTO_TCP, socket.IPPROTO_UDP) and len(packet) >= header + 4:
        port = struct.unpack("!H", packet[header + 2 : header + 4])[0]
        if protocol == socket.IPPROTO_UDP and port == 53:
            query = _dns_name(packet[header + 8 :])
    return {
        "family": family,
        "destination": destination,
        "protocol": {6: "tcp", 17: "udp", 58: "icmpv6", 1: "icmp"}.get(protocol, protocol),
        "port": port,
        "dns_query": query,
    }


def beyond_the_link(frame: dict[str, Any]) -> bool:
    """Whether a frame was for somewhere beyond the machine. The kernel's own neighbour
    discovery and multicast listener reports (to ff02::/16, link scope) go to nobody but
    the link and are sent by any interface brought up; everything else counts."""
    destination = frame.get("destination") or ""
    return not destination.startswith("ff02:")


def _ip(*arguments: str) -> None:
    subprocess.run(["ip", *arguments], check=True, capture_output=True)


def _prepare_namespace(resolv: Path) -> None:
    _ip("link", "set", "lo", "up")
    # A veth pair whose far end is up but answers nothing: what goes out is dropped there.
    _ip("link", "add", INTERFACE, "type", "veth", "peer", "name", f"{INTERFACE}-far")
    _ip("link", "set", f"{INTERFACE}-far", "up")
    _ip("link", "set", INTERFACE, "up")
    _ip("addr", "add", ADDRESS_V4, "dev", INTERFACE)
    _ip("-6", "addr", "add", ADDRESS_V6, "dev", INTERFACE, "nodad")
    for family, gateway in (("-4", GATEWAY_V4), ("-6", GATEWAY_V6)):
        _ip(
            family,
            "neigh",
            "add",
            gateway,
            "lladdr",
            GATEWAY_LINK,
            "dev",
            INTERFACE,
            "nud",
            "permanent",
        )
    _ip("route", "add", "default", "via", GATEWAY_V4, "dev", INTERFACE, "onlink")
    _ip("-6", "route", "add", "default", "via", GATEWAY_V6, "dev", INTERFACE)
    resolv.write_text(f"nameserver {NAME_SERVER}\n", encoding="ascii")
    subprocess.run(["mount", "--make-rprivate", "/"], check=True, capture_output=True)
    subprocess.run(
        ["mount", "--bind", str(resolv), "/etc/resolv.conf"], check=True, capture_output=True
    )


def _capture(sniffer: socket.socket, frames: list[dict[str, Any]], stop: threading.Event) -> None:
    sniffer.settimeout(0.2)
    while not stop.is_set():
        try:
            frame, address = sniffer.recvfrom(65535)
        except TimeoutError:
            continue
        except OSError:
            return
        if address[2] == socket.PACKET_OUTGOING:
            frames.append(describe(frame))


def main(argv: list[str]) -> int:
    """Inside the namespaces: wire the dummy way out, run the command, report the frames."""
    if not argv or argv[0] != "--" or len(argv) < 2:
        print("usage: unshare --net --mount python -m harness.sealed -- COMMAND", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        _prepare_namespace(Path(scratch) / "resolv.conf")
        sniffer = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        sniffer.bind((INTERFACE, 0))
        frames: list[dict[str, Any]] = []
        stop = threading.Event()
        watcher = threading.Thread(target=_capture, args=(sniffer, frames, stop), daemon=True)
        watcher.start()
        try:
            status = subprocess.run(argv[1:], check=False).returncode
        finally:
            # A frame sent by a process the command left behind still counts: give the
            # capture a last pass over what the socket holds.
            stop.set()
            watcher.join(timeout=5)
            sniffer.close()
    print(json.dumps({"status": status, "frames": frames}))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
