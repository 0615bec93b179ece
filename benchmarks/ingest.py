"""Evidence ingest and PDQ speed, side by side with the peer tools, on one data set made here.

    python benchmarks/ingest.py            # makes benchmarks/.work/ingest/ (about 1.3 GB) once, then measures
    python benchmarks/ingest.py --quick    # 100 MB + 100 screenshots, to try the script

Measured in one run, on the same files, after reading them once so the page cache is warm:

* ingest throughput (MB/s) of ``casekit evidence add`` (hash + encrypt into packs + fdatasync +
  record) — also in-process (no start-up), with the data folder on tmpfs, and as the bare read +
  SHA-256 + AES-GCM pass, to show what start-up, the disk and recording cost —, of
  ``hashdeep -c sha256 -r`` (Debian package ``hashdeep``; threads on every core) and of plain hashlib
  SHA-256 (the ceiling: one process, and one process per core);
* PDQ images per second of casekit's numpy PDQ against the ``pdqhash`` package (pip, builds from
  source), both on every core, both starting from the JPEG file.

Goals (issue 5): ingest >= 1.5 x hashdeep and >= 0.5 x the hashlib ceiling; PDQ >= 1.5 x pdqhash.
Each figure is the best of ``--repeat`` runs: the machine may be shared, and the best run is the one
least disturbed by others.  Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent
WORK = ROOT / ".work" / "ingest"
CORES = os.cpu_count() or 1
PASSPHRASE = "benchmark passphrase (made up)"


# ---- the data set -------------------------------------------------------------------------------------


def _mixed(folder: Path, scale: float) -> None:
    """About 1 GB (x scale) of mixed evidence-like files: videos, photos/PDFs, chat logs."""
    rng = np.random.default_rng(2024)
    plan = [
        ("video", 3, 128 << 20),
        ("voice", 4, 48 << 20),
        ("photo", 200, 2 << 20),
        ("chat", 2000, 24 << 10),
    ]
    words = np.array(
        [
            "hey",
            "you",
            "there",
            "ok",
            "lol",
            "send",
            "pic",
            "why",
            "dont",
            "tell",
            "mom",
            "skate",
            "tomorrow",
            "school",
        ]
    )
    for kind, count, size in plan:
        sub = folder / kind
        sub.mkdir(parents=True, exist_ok=True)
        for i in range(max(1, int(count * scale))):
            path = sub / f"{kind}-{i:04}.{'txt' if kind == 'chat' else 'bin'}"
            if kind == "chat":
                lines = (
                    f"2024-03-{1 + j % 28:02} 19:{j % 60:02} - user{j % 2}: {' '.join(rng.choice(words, 6))}\n"
                    for j in range(size // 48)
                )
                path.write_text("".join(lines)[:size])
            else:
                path.write_bytes(rng.bytes(size))


def _screenshot(args: tuple[Path, int]) -> None:
    from PIL import Image, ImageDraw

    path, seed = args
    rng = np.random.default_rng(seed)
    width, height = 1170, 2532  # a current phone screen
    image = Image.new("RGB", (width, height), tuple(int(v) for v in rng.integers(230, 256, 3)))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 220), fill=tuple(int(v) for v in rng.integers(0, 80, 3)))
    y = 280
    while y < height - 200:
        mine = bool(rng.integers(0, 2))
        w = int(rng.integers(300, 950))
        x0 = width - w - 60 if mine else 60
        colour = (60, 130, 246) if mine else (225, 225, 230)
        h = int(rng.integers(110, 260))
        draw.rounded_rectangle((x0, y, x0 + w, y + h), radius=50, fill=colour)
        for line in range(h // 60):
            draw.text(
                (x0 + 40, y + 30 + 55 * line),
                "lorem ipsum " * int(rng.integers(1, 5)),
                fill=(20, 20, 20),
                font_size=44,
            )
        y += h + int(rng.integers(30, 90))
    image.save(path, "JPEG", quality=85)


def make_dataset(work: Path, scale: float, jpegs: int) -> tuple[Path, Path]:
    mixed, shots = work / "mixed", work / "screenshots"
    stamp = work / f"made-{scale}-{jpegs}.json"
    if not stamp.exists():
        shutil.rmtree(work, ignore_errors=True)
        mixed.mkdir(parents=True)
        shots.mkdir(parents=True)
        print(f"making the data set in {work} …", flush=True)
        _mixed(mixed, scale)
        with ProcessPoolExecutor(CORES) as pool:
            list(pool.map(_screenshot, [(shots / f"IMG_{i:04}.jpg", i) for i in range(jpegs)], chunksize=8))
        stamp.write_text(json.dumps({"scale": scale, "jpegs": jpegs}))
    return mixed, shots


def files_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def warm(folder: Path) -> int:
    """Read every file once so every tool starts from the same warm page cache; return total bytes."""
    total = 0
    for path in files_of(folder):
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                total += len(chunk)
    return total


# ---- the contenders -----------------------------------------------------------------------------------


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def run_hashlib(folder: Path, processes: int) -> None:
    files = files_of(folder)
    if processes == 1:
        for path in files:
            _sha256_file(path)
    else:
        with ProcessPoolExecutor(processes) as pool:
            list(pool.map(_sha256_file, files, chunksize=16))


def run_hashdeep(folder: Path) -> None:
    subprocess.run(["hashdeep", "-c", "sha256", "-r", str(folder)], check=True, stdout=subprocess.DEVNULL)


def run_copy_sync(folder: Path, target: Path) -> None:
    """Copy every file and sync: what the disk allows any tool that keeps a durable copy."""
    shutil.rmtree(target, ignore_errors=True)
    for i, path in enumerate(files_of(folder)):
        dest = target / f"{i // 256:03}" / path.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
    os.sync()


def _casekit_env(home: Path) -> dict[str, str]:
    return {**os.environ, "CASEKIT_HOME": str(home), "CASEKIT_PASSPHRASE": PASSPHRASE, "CASEKIT_LANG": "en"}


def prepare_casekit(work: Path, home: Path | None = None) -> tuple[Path, str]:
    """A fresh data folder with a case and its keys made (the Argon2id set-up is not ingest)."""
    home = home or work / "casekit-home"
    shutil.rmtree(home, ignore_errors=True)
    env = _casekit_env(home)
    out = subprocess.run(
        ["casekit", "case", "new", "Benchmark (made up)", "--json"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    case_id = json.loads(out.stdout)["id"]
    seed = work / "seed.txt"
    seed.write_text("keys are made by the first add")
    subprocess.run(
        ["casekit", "evidence", "add", "--case", case_id, str(seed)], env=env, check=True, capture_output=True
    )
    return home, case_id


def run_casekit(folder: Path, home: Path, case_id: str) -> None:
    subprocess.run(
        ["casekit", "evidence", "add", "--case", case_id, "--json", str(folder)],
        env=_casekit_env(home),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _pipeline_one(path: Path) -> None:
    from casekit.vault.crypto import CHUNK_SIZE, Encryptor

    sha = hashlib.sha256()
    enc = Encryptor(bytes(32))
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_SIZE):
            sha.update(chunk)
            enc.update(chunk)
    enc.finish(sha.hexdigest())


def run_pipeline(folder: Path) -> None:
    """casekit's read + SHA-256 + AES-256-GCM pass with the ciphertext thrown away, in one process per
    core as ``evidence add`` reads: the CPU part of an ingest, to show what the disk and the
    recording (rows, signed custody entries) add to it."""
    with ProcessPoolExecutor(CORES) as pool:
        list(pool.map(_pipeline_one, files_of(folder), chunksize=16))


def run_library(folder: Path, home: Path, case_id: str) -> None:
    """``Vault.add`` called in this process: the same work as the command without its start-up
    (importing casekit and its libraries takes 1-5 s on a busy machine)."""
    from casekit.settings import Settings
    from casekit.store import Store
    from casekit.vault import Vault

    settings = Settings.from_env(_casekit_env(home))
    store = Store(settings)
    try:
        Vault(store, settings, passphrase=PASSPHRASE).add(case_id, [folder])
    finally:
        store.close()


def _casekit_pdq(paths: list[Path]) -> list[str]:
    from casekit.vault.pdq import pdq_hash

    return [pdq_hash(p).hash for p in paths]


def _pdqhash_pdq(paths: list[Path]) -> list[str]:
    import pdqhash
    from PIL import Image

    out = []
    for p in paths:
        with Image.open(p) as image:
            vector, _quality = pdqhash.compute(np.asarray(image.convert("RGB")))
        # pdqhash returns the bits of the usual hex form, most significant first.
        out.append(f"{int(''.join(str(int(b)) for b in vector), 2):064x}")
    return out


def run_pdq(kind: str, paths: list[Path]) -> list[str]:
    work = _casekit_pdq if kind == "casekit" else _pdqhash_pdq
    batches = [paths[i::CORES] for i in range(CORES)]
    with ProcessPoolExecutor(CORES) as pool:
        parts = list(pool.map(work, batches))
    hashes: list[str] = [""] * len(paths)
    for i, part in enumerate(parts):
        hashes[i::CORES] = part
    return hashes


def best(repeat: int, action, before=None) -> float:
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="100 MB and 100 screenshots")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--work", type=Path, default=WORK)
    parser.add_argument("--only", choices=("ingest", "pdq"), help="run one half of the benchmark")
    args = parser.parse_args()
    scale, jpegs = (0.1, 100) if args.quick else (1.0, 1000)
    mixed, shots = make_dataset(args.work, scale, jpegs)
    total = warm(mixed)
    mb = total / 1e6
    files = len(files_of(mixed))
    print(
        f"mixed set: {files} files, {mb:,.0f} MB; screenshots: {jpegs} JPEGs, {warm(shots) / 1e6:,.0f} MB; {CORES} cores"
    )

    if args.only != "pdq":
        bench_ingest(args, mixed, mb)
    if args.only != "ingest":
        bench_pdq(args, shots)


def bench_ingest(args: argparse.Namespace, mixed: Path, mb: float) -> None:
    results: dict[str, float] = {}
    results["hashlib, 1 process"] = mb / best(args.repeat, lambda: run_hashlib(mixed, 1))
    results[f"hashlib, {CORES} processes"] = mb / best(args.repeat, lambda: run_hashlib(mixed, CORES))
    if shutil.which("hashdeep"):
        results["hashdeep -c sha256 -r"] = mb / best(args.repeat, lambda: run_hashdeep(mixed))
    results["(plain copy + sync: the disk's ceiling)"] = mb / best(
        args.repeat, lambda: run_copy_sync(mixed, args.work / "copy"), before=lambda: warm(mixed)
    )
    shutil.rmtree(args.work / "copy", ignore_errors=True)
    state: dict[str, object] = {}

    def fresh() -> None:
        warm(mixed)
        state["home"], state["case"] = prepare_casekit(args.work)

    results["casekit evidence add"] = mb / best(
        args.repeat, lambda: run_casekit(mixed, state["home"], state["case"]), before=fresh
    )
    results["(Vault.add in-process, no start-up)"] = mb / best(
        args.repeat, lambda: run_library(mixed, state["home"], state["case"]), before=fresh
    )
    shm = Path("/dev/shm")
    if shm.is_dir() and shutil.disk_usage(shm).free > 3 * mb * 1e6:

        def fresh_shm() -> None:
            warm(mixed)
            state["home"], state["case"] = prepare_casekit(args.work, shm / "casekit-bench-home")

        try:
            results["(casekit add, vault on tmpfs)"] = mb / best(
                args.repeat, lambda: run_casekit(mixed, state["home"], state["case"]), before=fresh_shm
            )
        finally:
            shutil.rmtree(shm / "casekit-bench-home", ignore_errors=True)
    results["(casekit read+hash+encrypt, no disk)"] = mb / best(args.repeat, lambda: run_pipeline(mixed))
    print(f"\ningest of the mixed set (MB/s, best of {args.repeat}):")
    for name, rate in results.items():
        print(f"  {name:<38} {rate:8.0f}")
    ours = results["casekit evidence add"]
    if "hashdeep -c sha256 -r" in results:
        print(
            f"  casekit / hashdeep            {ours / results['hashdeep -c sha256 -r']:8.2f}   (goal >= 1.5)"
        )
    print(f"  casekit / hashlib 1 process   {ours / results['hashlib, 1 process']:8.2f}   (goal >= 0.5)")
    ceiling = results["(plain copy + sync: the disk's ceiling)"]
    print(f"  casekit / plain copy + sync   {ours / ceiling:8.2f}")
    for name in (
        "(Vault.add in-process, no start-up)",
        "(casekit add, vault on tmpfs)",
        "(casekit read+hash+encrypt, no disk)",
    ):
        if name in results and "hashdeep -c sha256 -r" in results:
            ratio = results[name] / results["hashdeep -c sha256 -r"]
            print(
                f"  {name} / hashdeep: {ratio:.2f}; / hashlib 1 process: {results[name] / results['hashlib, 1 process']:.2f}"
            )
    print(f"  casekit / hashlib {CORES} proc.     {ours / results[f'hashlib, {CORES} processes']:8.2f}")


def bench_pdq(args: argparse.Namespace, shots: Path) -> None:
    state: dict[str, object] = {}
    images = files_of(shots)
    warm(shots)
    ours_s = best(args.repeat, lambda: state.__setitem__("ours", run_pdq("casekit", images)))
    print(f"\nPDQ on {len(images)} screenshots ({CORES} processes each, images/s, best of {args.repeat}):")
    print(f"  casekit numpy PDQ            {len(images) / ours_s:8.1f}")
    try:
        import pdqhash  # noqa: F401
    except ImportError:
        print("  pdqhash                      (not installed: pip install pdqhash)")
        return
    theirs_s = best(args.repeat, lambda: state.__setitem__("theirs", run_pdq("pdqhash", images)))
    print(f"  pdqhash (C++ via Cython)     {len(images) / theirs_s:8.1f}")
    print(f"  casekit / pdqhash            {theirs_s / ours_s:8.2f}   (goal >= 1.5)")
    from casekit.vault.pdq import hamming

    distances = [hamming(a, b) for a, b in zip(state["ours"], state["theirs"], strict=True)]
    print(
        f"  Hamming distance casekit vs pdqhash: median {int(np.median(distances))}, worst {max(distances)}"
    )

    shots_home, shots_case = prepare_casekit(args.work)
    shots_mb = warm(shots) / 1e6
    start = time.perf_counter()
    run_casekit(shots, shots_home, shots_case)
    took = time.perf_counter() - start
    print(
        f"\ncasekit evidence add of the screenshots (hash + PDQ + EXIF + encrypt): {len(images) / took:.1f} images/s, {shots_mb / took:.0f} MB/s"
    )


if __name__ == "__main__":
    sys.exit(main())
