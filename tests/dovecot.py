"""A throw-away Dovecot IMAP server on loopback for the mail-intake tests (real protocol)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

CONFIG = """\
base_dir = {root}/run
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = {root}/passwd
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class ImapServer:
    root: Path
    port: int
    user: str = "orders"
    password: str = "secret"

    def stop(self) -> None:
        subprocess.run(
            ["dovecot", "-c", str(self.root / "dovecot.conf"), "stop"],
            check=False,
            capture_output=True,
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_dovecot(root: Path) -> ImapServer | None:
    """Start Dovecot on a free loopback port; None when Dovecot is not installed."""
    if shutil.which("dovecot") is None:
        return None
    server = ImapServer(root=root, port=free_port())
    root.chmod(0o755)  # the auth and login processes run as unprivileged users
    (root / "run").mkdir(parents=True)
    (root / "mail").mkdir()
    (root / "mail").chmod(0o777)
    (root / "passwd").write_text(f"{server.user}:{{PLAIN}}{server.password}\n")
    (root / "dovecot.conf").write_text(CONFIG.format(root=root, port=server.port))
    subprocess.run(["dovecot", "-c", str(root / "dovecot.conf")], check=True)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"dovecot did not start: {(root / 'dovecot.log').read_text()}")
