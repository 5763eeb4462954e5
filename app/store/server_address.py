"""The address of a team server as the GUI's "Open team server…" form has it (host,
port, database, user, an optional CA certificate), turned into the `postgresql://`
address libpq and app.store.server take, and back.

No password is ever part of it: the form's password goes to the connection only (the
`password` connect argument), never into the address that is kept or shown.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from urllib.parse import quote

from app.errors import InvalidInput

DEFAULT_PORT = 5432


@dataclass(frozen=True)
class ServerAddress:
    host: str
    port: int = DEFAULT_PORT
    database: str = ""
    user: str = ""
    ca_file: str = ""  # a CA certificate: TLS with sslmode=verify-full

    def url(self) -> str:
        """postgresql://USER@HOST:PORT/DATABASE[?sslmode=verify-full&sslrootcert=CA]."""
        self.check()
        host = self.host.strip()
        query = []
        if host.startswith("/"):  # a unix socket directory: libpq's host parameter
            netloc = f"{quote(self.user.strip(), safe='')}@"
            query.append(f"host={quote(host, safe='/')}")
            query.append(f"port={int(self.port)}")
        else:
            if ":" in host and not host.startswith("["):
                host = f"[{host}]"  # IPv6
            netloc = f"{quote(self.user.strip(), safe='')}@{host}:{int(self.port)}"
        if self.ca_file.strip():
            query.append("sslmode=verify-full")
            query.append(f"sslrootcert={quote(self.ca_file.strip(), safe='/')}")
        tail = ("?" + "&".join(query)) if query else ""
        return f"postgresql://{netloc}/{quote(self.database.strip(), safe='')}{tail}"

    def check(self) -> None:
        for value, en, zh in ((self.host, "the server's host", "服务器主机"),
                              (self.database, "the database", "数据库"),
                              (self.user, "the user name", "用户名")):
            if not value.strip():
                raise InvalidInput(f"Enter {en}.", f"请输入{zh}。")
        if not 1 <= int(self.port) <= 65535:
            raise InvalidInput(f"Port {self.port} is not between 1 and 65535.",
                               f"端口 {self.port} 不在 1 到 65535 之间。")

    def label(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, raw) -> ServerAddress | None:
        """An entry of the settings' recent servers, or None when it is not one."""
        if not isinstance(raw, dict):
            return None
        try:
            return cls(host=str(raw.get("host") or ""), port=int(raw.get("port") or
                                                                  DEFAULT_PORT),
                       database=str(raw.get("database") or ""),
                       user=str(raw.get("user") or ""),
                       ca_file=str(raw.get("ca_file") or ""))
        except (TypeError, ValueError):
            return None
