"""Where casekit keeps its data, from the environment.

| name                    | default                                   | meaning                                  |
|-------------------------|-------------------------------------------|------------------------------------------|
| CASEKIT_HOME            | platformdirs user data dir for "casekit"  | data folder: database, vault, keys       |
| CASEKIT_DATABASE_URL    | sqlite:///<CASEKIT_HOME>/casekit.db       | SQLAlchemy URL; postgresql+psycopg://…   |
| CASEKIT_PASSPHRASE      | (asked for)                               | passphrase that unlocks case keys        |
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from .errors import DataFolderError

SETTINGS = (
    ("CASEKIT_HOME", "platformdirs user data folder", "Data folder: database, evidence vault, signing key."),
    (
        "CASEKIT_DATABASE_URL",
        "SQLite file in the data folder",
        "Database URL; postgresql+psycopg://… for servers.",
    ),
    ("CASEKIT_PASSPHRASE", "asked for", "Passphrase that unlocks the case keys (for scripts)."),
)


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        home = Path(env.get("CASEKIT_HOME") or platformdirs.user_data_dir("casekit", appauthor=False))
        url = env.get("CASEKIT_DATABASE_URL") or f"sqlite:///{home / 'casekit.db'}"
        return cls(home=home.expanduser(), database_url=url)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def ensure_home(self) -> Path:
        """Create the data folder (private to the user) and prove it is writable."""
        try:
            self.home.mkdir(parents=True, exist_ok=True, mode=0o700)
            probe = self.home / ".write-test"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise DataFolderError.from_key(
                "error.data_folder", home=self.home, reason=exc.strerror or type(exc).__name__
            ) from None
        return self.home
