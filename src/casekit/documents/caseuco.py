"""A CASE/UCO JSON-LD description of a case's exhibits and where they came from.

CASE (Cyber-investigation Analysis Standard Expression) is the ontology forensic tools use to exchange
provenance.  Each exhibit becomes a ``uco-observable:File`` with its hashes (a sensitive one keeps its
hashes but no content was ever copied); each acquisition in the custody log becomes a
``case-investigation:InvestigativeAction`` whose result is the file and a ``ProvenanceRecord`` carrying
the exhibit number.  Node ids are stable UUIDs derived from the case id and what they stand for, so two
exports of the same case describe the same nodes.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from ..model import Exhibit
from .bundle import CaseBundle

UCO = "https://ontology.unifiedcyberontology.org/uco/"
CONTEXT = {
    "kb": "http://example.org/kb/",
    "case-investigation": "https://ontology.caseontology.org/case/investigation/",
    "uco-action": f"{UCO}action/",
    "uco-core": f"{UCO}core/",
    "uco-identity": f"{UCO}identity/",
    "uco-observable": f"{UCO}observable/",
    "uco-tool": f"{UCO}tool/",
    "uco-types": f"{UCO}types/",
    "uco-vocabulary": f"{UCO}vocabulary/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
NAMESPACE = uuid.UUID("6b1f0c3e-4a57-4d0e-9a62-9c1d7f0c2a11")  # casekit's own, fixed forever


def _iri(case_id: str, kind: str, name: str) -> str:
    return f"kb:{kind}-{uuid.uuid5(NAMESPACE, f'{case_id}/{kind}/{name}')}"


def _time(value: datetime) -> dict[str, str]:
    return {"@type": "xsd:dateTime", "@value": value.isoformat()}


def _hash(case_id: str, exhibit: Exhibit, method: str, value: str) -> dict[str, Any]:
    return {
        "@id": _iri(case_id, "hash", f"{exhibit.sha256}/{method}"),
        "@type": "uco-types:Hash",
        "uco-types:hashMethod": method,
        "uco-types:hashValue": {"@type": "xsd:hexBinary", "@value": value.upper()},
    }


def _file(case_id: str, e: Exhibit) -> dict[str, Any]:
    hashes = [_hash(case_id, e, "SHA256", e.sha256)]
    if e.md5:
        hashes.append(_hash(case_id, e, "MD5", e.md5))
    content: dict[str, Any] = {
        "@id": _iri(case_id, "content-facet", e.sha256),
        "@type": "uco-observable:ContentDataFacet",
        "uco-observable:hash": hashes,
        "uco-observable:sizeInBytes": {"@type": "xsd:integer", "@value": str(e.size)},
    }
    if e.media_type:
        content["uco-observable:mimeType"] = e.media_type
    file_facet: dict[str, Any] = {
        "@id": _iri(case_id, "file-facet", e.sha256),
        "@type": "uco-observable:FileFacet",
        "uco-observable:fileName": e.original_name,
        "uco-observable:sizeInBytes": {"@type": "xsd:integer", "@value": str(e.size)},
    }
    if e.original_path:
        file_facet["uco-observable:filePath"] = e.original_path
    description = f"{e.label}" + (
        ": sensitive item, hash only; content never copied"
        if e.sensitive
        else (f": {e.note}" if e.note else "")
    )
    node: dict[str, Any] = {
        "@id": _iri(case_id, "file", e.sha256),
        "@type": "uco-observable:File",
        "uco-core:name": e.label,
        "uco-core:description": description,
        "uco-core:hasFacet": [file_facet, content],
    }
    return node


def case_graph(bundle: CaseBundle) -> dict[str, Any]:
    """The JSON-LD document (a dict ready for ``json.dumps``)."""
    cid = bundle.case.id
    graph: list[dict[str, Any]] = []
    tool = {
        "@id": _iri(cid, "tool", "casekit"),
        "@type": "uco-tool:Tool",
        "uco-core:name": "casekit",
        "uco-tool:toolType": "evidence vault and case preparation",
    }
    graph.append(tool)
    reporter = bundle.reporter
    performer = None
    if reporter is not None:
        performer = {
            "@id": _iri(cid, "person", reporter.id),
            "@type": "uco-identity:Person",
            "uco-core:name": reporter.names[0] if reporter.names else "reporting person",
        }
        graph.append(performer)
    files = {e.sha256: _file(cid, e) for e in sorted(bundle.exhibits, key=lambda x: x.number)}
    graph.extend(files.values())
    records = []
    for e in sorted(bundle.exhibits, key=lambda x: x.number):
        record = {
            "@id": _iri(cid, "provenance-record", e.sha256),
            "@type": "case-investigation:ProvenanceRecord",
            "case-investigation:exhibitNumber": e.label,
            "uco-core:description": "acquired into the casekit vault"
            + ("" if e.stored else " as hash only (content not copied)"),
            "uco-core:object": [{"@id": files[e.sha256]["@id"]}],
        }
        records.append(record)
        action: dict[str, Any] = {
            "@id": _iri(cid, "investigative-action", f"acquire/{e.sha256}"),
            "@type": "case-investigation:InvestigativeAction",
            "uco-core:name": "acquired",
            "uco-action:startTime": _time(e.acquired),
            "uco-action:endTime": _time(e.acquired),
            "uco-action:instrument": {"@id": tool["@id"]},
            "uco-action:result": [{"@id": files[e.sha256]["@id"]}, {"@id": record["@id"]}],
        }
        if performer is not None:
            action["uco-action:performer"] = {"@id": performer["@id"]}
        graph.append(action)
    graph.extend(records)
    # Later custody entries (viewed, opened, exported…) as actions on the same file.
    labels = {e.label: e for e in bundle.exhibits}
    for n, entry in enumerate(bundle.custody.entries, 1):
        if entry.action == "acquired" or entry.exhibit not in labels:
            continue
        target = files[labels[entry.exhibit].sha256]
        graph.append(
            {
                "@id": _iri(cid, "investigative-action", f"custody/{n}/{entry.entry_hash}"),
                "@type": "case-investigation:InvestigativeAction",
                "uco-core:name": entry.action,
                "uco-core:description": f"custody log entry {n}, hash {entry.entry_hash}",
                "uco-action:startTime": _time(entry.when),
                "uco-action:object": [{"@id": target["@id"]}],
                "uco-action:instrument": {"@id": tool["@id"]},
            }
        )
    graph.insert(
        0,
        {
            "@id": _iri(cid, "investigation", cid),
            "@type": "case-investigation:Investigation",
            "uco-core:name": f"casekit case {cid}",
            "case-investigation:focus": bundle.case.title,
            "uco-core:object": [{"@id": n["@id"]} for n in graph],
        },
    )
    return {"@context": CONTEXT, "@graph": graph}
