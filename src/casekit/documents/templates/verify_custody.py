#!/usr/bin/env python3
"""Check this package's chain of custody, offline, without casekit.

    python3 verify_custody.py [custody-log.json] [public-key.pem]

Each entry's hash is the SHA-256 of its fields as compact JSON with sorted keys (case_id, seq, time,
actor, action, exhibit_sha256, detail, prev_hash); each entry names the hash of the one before it (the
first names 64 zeros); each hash is signed with Ed25519 over "casekit custody v1\\n<case>\\n<seq>\\n<hash>".
Signatures are checked when the ``cryptography`` package is installed.  Exit status 0 means intact.
"""

import hashlib
import json
import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent


def canonical(entry):
    when = datetime.fromisoformat(entry["time"].replace("Z", "+00:00"))
    body = {
        k: entry.get(k)
        for k in ("case_id", "seq", "actor", "action", "exhibit_sha256", "detail", "prev_hash")
    }
    body["time"] = when.isoformat(timespec="microseconds")
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def main(log_path, key_path):
    log = json.loads(Path(log_path).read_text(encoding="utf-8"))
    entries = log["entries"]
    verify = None
    try:
        from cryptography.hazmat.primitives.serialization import load_pem_public_key

        if Path(key_path).exists():
            verify = load_pem_public_key(Path(key_path).read_bytes()).verify
    except ImportError:
        print("note: 'cryptography' is not installed, so signatures are not checked (hashes and links are)")
    problems = []
    prev = "0" * 64
    for n, entry in enumerate(entries, start=1):
        if entry["seq"] != n:
            problems.append(f"entry {entry['seq']}: out of sequence (expected {n})")
        if entry["prev_hash"] != prev:
            problems.append(f"entry {n}: does not link to the entry before it")
        if hashlib.sha256(canonical(entry)).hexdigest() != entry["entry_hash"]:
            problems.append(f"entry {n}: its content does not match its hash")
        if verify is not None:
            message = (
                f"casekit custody v1\n{entry['case_id']}\n{entry['seq']}\n{entry['entry_hash']}".encode()
            )
            try:
                verify(bytes.fromhex(entry.get("signature") or ""), message)
            except Exception:
                problems.append(f"entry {n}: signature does not verify")
        prev = entry["entry_hash"]
    if log.get("head_hash") and entries and log["head_hash"] != entries[-1]["entry_hash"]:
        problems.append("the recorded head hash is not the last entry's hash")
    for problem in problems:
        print(problem)
    checked = "hashes, links and signatures" if verify else "hashes and links"
    print(f"{len(entries)} entries; {checked} {'INTACT' if not problems else 'NOT intact'}")
    return 0 if not problems else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(
        main(
            args[0] if args else HERE / "custody-log.json",
            args[1] if len(args) > 1 else HERE / "public-key.pem",
        )
    )
