"""Printing a PDF sends nothing over the network: checked with strace on the real Chromium.

``presslens.report.pdf`` launches Chromium with its background services off, a proxy on
loopback's discard port that refuses every request and host-resolver rules that resolve no
name. Traced here: every ``connect`` and every send or write of Chromium and its helpers.
Allowed: Unix sockets, and TCP to loopback (the refused proxy). Not allowed: DNS, TCP to any
other address, and any data sent to a non-loopback address. One thing is tolerated and
documented: the network service's IPv6 reachability probe ``connect``s a UDP socket to
2001:4860:4860::8888, which only asks the kernel for a route; the test checks that nothing
is ever written or sent on such a socket.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

_CONNECT = re.compile(r"connect\((\d+)<(\w+)[^>]*>, \{sa_family=(AF_INET6?), (?:sin6?_port=htons\((\d+)\)), .*?inet_(?:addr|pton)\((?:AF_INET6, )?\"([^\"]+)\"")
_SEND = re.compile(r"(?:write|sendto|sendmsg|sendmmsg)\(\d+<(\w+):\[.*?->\[?([0-9a-fA-F.:]+?)\]?:(\d+)\]>")


def _loopback(address: str) -> bool:
    return address.startswith("127.") or address in ("::1", "0.0.0.0", "::")


def offending_lines(log: str) -> list[str]:
    """The strace lines that show traffic leaving the machine (see the module docstring)."""
    bad = []
    for line in log.splitlines():
        m = _CONNECT.search(line)
        if m:
            _, kind, _, port, address = m.groups()
            if port == "53" or (not _loopback(address) and not kind.startswith("UDP")):
                bad.append(line)
            continue
        m = _SEND.search(line)
        if m and not _loopback(m.group(2)):
            bad.append(line)
    return bad


def test_the_checker_sees_traffic():
    """The parser flags DNS, TCP to the world and data sent to the world (so the test can fail)."""
    log = "\n".join([
        '1 connect(5<UDP:[1]>, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.53")}, 16) = 0',
        '1 connect(6<TCP:[2]>, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("142.250.1.1")}, 16) = -1',
        '1 sendto(7<UDPv6:[[::1]:5->[2001:4860:4860::8888]:443]>, "x", 1, 0, NULL, 0) = 1',
        '1 connect(8<TCP:[3]>, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")}, 16) = -1',
        '1 connect(9<UDPv6:[4]>, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), '
        'inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = 0',
    ])
    assert len(offending_lines(log)) == 3


def test_printing_sends_nothing_off_the_machine(tmp_path: Path, chromium: Path):
    if shutil.which("strace") is None:
        pytest.skip("strace is not installed (scripts/system-deps.sh installs it)")
    html = tmp_path / "page.html"
    html.write_text("<html><head><title>t</title></head><body><p>A page with no charts.</p></body></html>")
    log = tmp_path / "strace.log"
    script = (
        "from pathlib import Path; from presslens.report.pdf import print_pdf; "
        f"print_pdf(Path({str(html)!r}), Path({str(tmp_path / 'page.pdf')!r}), title='t')"
    )
    done = subprocess.run(
        ["strace", "-f", "-yy", "-e", "trace=connect,sendto,sendmsg,sendmmsg,write", "-o", str(log),
         sys.executable, "-c", script],
        capture_output=True, text=True, timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "page.pdf").stat().st_size > 0
    text = log.read_text(errors="replace")
    assert "connect(" in text  # the trace saw Chromium's sockets at all
    assert offending_lines(text) == []
