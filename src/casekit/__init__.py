"""casekit: turn an online child-exploitation or sextortion incident into a case police can act on.

The Python API (the CLI and the web app are thin front doors over it)::

    import casekit

    store = casekit.open_store()                          # CASEKIT_HOME / CASEKIT_DATABASE_URL
    case = casekit.Case(title="Instagram contact", jurisdiction="CA-ON")
    with store.session() as s:
        casekit.CaseRepository(s).add(case)
        casekit.FactRepository(s).set(casekit.Fact(case_id=case.id, key="victim_age", value=9))

    vault = casekit.Vault(store, store.settings, passphrase="…")
    vault.add(case.id, [Path("screenshots/")])            # hashed, encrypted, logged
    casekit.import_chats(store, vault, case.id, [Path("WhatsApp Chat.zip")], casekit.ImportOptions())
    result = casekit.assess({"victim_age": 9, "suspect_requested_images": True}, "CA-ON")
    bundle = casekit.gather(store, case.id, vault=vault)  # everything the documents need
    Path("brief.pdf").write_bytes(casekit.render(casekit.build_brief(bundle, "en"), "pdf"))

Names are imported on first use, so ``import casekit`` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# public name -> (module, attribute)
_API = {
    "Case": ("casekit.model", "Case"),
    "CaseRepository": ("casekit.store", "CaseRepository"),
    "CasekitError": ("casekit.errors", "CasekitError"),
    "Contact": ("casekit.model", "Contact"),
    "ContactRepository": ("casekit.store", "ContactRepository"),
    "Exhibit": ("casekit.model", "Exhibit"),
    "Fact": ("casekit.model", "Fact"),
    "FactRepository": ("casekit.store", "FactRepository"),
    "ImportOptions": ("casekit.importers", "Options"),
    "Message": ("casekit.model", "Message"),
    "Person": ("casekit.model", "Person"),
    "PersonRepository": ("casekit.store", "PersonRepository"),
    "Settings": ("casekit.settings", "Settings"),
    "Store": ("casekit.store", "Store"),
    "TimelineEvent": ("casekit.model", "TimelineEvent"),
    "Vault": ("casekit.vault", "Vault"),
    "analyse": ("casekit.analysis", "analyse"),
    "assess": ("casekit.law", "assess"),
    "build_brief": ("casekit.documents", "build_brief"),
    "build_letter": ("casekit.documents", "build_letter"),
    "build_statement": ("casekit.documents", "build_statement"),
    "export_package": ("casekit.documents", "export_package"),
    "gather": ("casekit.documents", "gather"),
    "import_chats": ("casekit.importers", "import_chats"),
    "next_step": ("casekit.followup", "next_step"),
    "open_store": ("casekit.store", "open_store"),
    "render": ("casekit.documents", "render"),
    "timeline": ("casekit.importers", "timeline"),
}

__all__ = ["__version__", *sorted(_API)]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _API[name]
    except KeyError:
        raise AttributeError(f"module 'casekit' has no attribute {name!r}") from None
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
