"""Every error a user can meet, in one hierarchy.

::

    CasekitError                 one plain sentence of what happened + what to do; CLI exit status 2
    ├── CaseNotFound             no case with that id
    ├── StoreError               the database cannot be used
    │   ├── StoreLocked          another program holds the database
    │   ├── StoreUnreadable      the file is not a database, or is damaged / unreachable
    │   └── SchemaTooNew         made by a newer casekit than this one
    ├── DataFolderError          the data folder cannot be created or written
    ├── KnowledgeBaseError       a law data file is broken (names file, entry, field)
    ├── VaultError               evidence store problems (passphrase, missing blob, unsafe archive…)
    ├── ImportFailed             a chat export could not be read (names file and place)
    ├── IntakeError              the interview definition or an answer file is wrong
    └── DocumentError            a document could not be produced

Messages never contain evidence content (message text, file bytes): only ids, names of files the user
gave, and counts.  That keeps tracebacks and logs free of sensitive material.
"""

from __future__ import annotations


class CasekitError(Exception):
    """Base class: ``message`` says what happened, ``hint`` what to do next."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message

    @classmethod
    def from_key(cls, key: str, /, **values: object) -> CasekitError:
        """Build the error from the phrase catalogue (``key`` and ``key.hint``), in the user's language."""
        from .i18n import catalog, t

        hint = t(f"{key}.hint", **values) if f"{key}.hint" in catalog() else None
        return cls(t(key, **values), hint)


class CaseNotFound(CasekitError):
    def __init__(self, case_id: str) -> None:
        from .i18n import t

        super().__init__(
            t("error.case_not_found", case_id=case_id), t("error.case_not_found.hint", case_id=case_id)
        )
        self.case_id = case_id


class StoreError(CasekitError):
    pass


class StoreLocked(StoreError):
    pass


class StoreUnreadable(StoreError):
    pass


class SchemaTooNew(StoreError):
    pass


class DataFolderError(CasekitError):
    pass


class KnowledgeBaseError(CasekitError):
    pass


class VaultError(CasekitError):
    pass


class ImportFailed(CasekitError):
    pass


class IntakeError(CasekitError):
    pass


class DocumentError(CasekitError):
    pass
