"""casekit's WhatsApp importer against whatstk on the same 1,000,000-line export, side by side.

    python benchmarks/import_whatsapp.py              # generate (once) and run both, print a table
    python benchmarks/import_whatsapp.py --lines 200000

The export is synthetic (made-up names, lorem-like words), Android layout ``DD/MM/YYYY, HH:MM - Name:
text``, with multi-line messages and system lines, written to benchmarks/.work/.  Each tool runs in its
own fresh Python process, so peak memory (ru_maxrss) is that tool's alone; the time is the parse only
(imports excluded), lines per second = lines in the file / parse seconds.  casekit's records are streamed
(counted, as ``casekit import`` consumes them), whatstk's messages end in its DataFrame.  whatstk is given the header
format explicitly (its fastest path).  casekit cuts a large file's blocks ahead in a helper process on the
other core: the helper's peak memory is added to casekit's, and "cpu s" counts both processes' CPU time
(the speed is still lines / wall-clock seconds).  Goals (issue 6): casekit ≥ 5 × whatstk's lines/s, peak
memory no higher than whatstk's.  whatstk is a benchmark-only dependency: pip install whatstk.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

WORK = Path(__file__).parent / ".work"
NAMES = ("Alex Martin", "Sam Tremblay", "Jordan Roy", "Chris Gagnon", "Taylor Côté")
WORDS = ("the", "a", "we", "you", "ok", "see", "park", "later", "school", "bus", "game", "after", "that")


def generate(path: Path, lines: int, seed: int = 6) -> int:
    rng = random.Random(seed)
    when = datetime(2023, 1, 13, 8, 0)  # a day above 12 on the first line settles the day/month order
    written = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        while written < lines:
            when += timedelta(seconds=rng.randint(5, 400))
            stamp = when.strftime("%d/%m/%Y, %H:%M")
            roll = rng.random()
            if roll < 0.01:
                out.write(f"{stamp} - {rng.choice(NAMES)} added {rng.choice(NAMES)}\n")
                written += 1
                continue
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 14)))
            out.write(f"{stamp} - {rng.choice(NAMES)}: {text}\n")
            written += 1
            if roll > 0.93:
                for _ in range(min(rng.randint(1, 3), lines - written)):
                    out.write(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 8))) + "\n")
                    written += 1
    return written


def _peak_mb() -> float:
    """This process's peak plus its largest finished child's (a helper's, ended by then): KiB on Linux."""
    return (
        sum(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        / 1024
    )


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )


def run_casekit(path: Path) -> dict:
    from casekit.importers import Options, Source, get

    importer = get("whatsapp")
    base, cpu = _peak_mb(), _cpu_seconds()
    start = time.perf_counter()
    count = 0
    for _record in importer.parse(Source.from_path(path), Options(timezone="UTC")):
        count += 1
    seconds = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu
    return {"messages": count, "seconds": seconds, "cpu": cpu, "peak_mb": _peak_mb(), "baseline_mb": base}


def run_whatstk(path: Path) -> dict:
    from whatstk import WhatsAppChat

    base, cpu = _peak_mb(), _cpu_seconds()
    start = time.perf_counter()
    chat = WhatsAppChat.from_source(str(path), hformat="%d/%m/%Y, %H:%M - %name:", max_size=None)
    seconds = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu
    return {
        "messages": len(chat.df),
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": _peak_mb(),
        "baseline_mb": base,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument(
        "--repeat", type=int, default=1, help="run each tool N times, alternating, and keep each one's best"
    )
    parser.add_argument("--run", choices=("casekit", "whatstk"), help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        result = (run_casekit if args.run == "casekit" else run_whatstk)(args.file)
        print(json.dumps(result))
        return
    WORK.mkdir(exist_ok=True)
    path = WORK / f"whatsapp_{args.lines}.txt"
    if not path.exists():
        generate(path, args.lines)
    with open(path, "rb") as fh:
        lines = sum(1 for _ in fh)
    results: dict[str, dict] = {}
    for _round in range(args.repeat):
        for tool in ("casekit", "whatstk"):  # alternating, so a busy machine slows both alike
            out = subprocess.run(
                [sys.executable, __file__, "--run", tool, "--file", str(path)],
                check=True,
                capture_output=True,
                text=True,
            )
            run = json.loads(out.stdout.strip().splitlines()[-1])
            if tool not in results or run["seconds"] < results[tool]["seconds"]:
                results[tool] = run
    print(
        f"WhatsApp export: {lines:,} lines, {path.stat().st_size / 1e6:.1f} MB ({path}); best of {args.repeat}"
    )
    print(
        f"{'tool':<10}{'messages':>10}{'seconds':>10}{'cpu s':>8}{'lines/s':>12}{'peak MB':>10}{'above start':>13}"
    )
    for tool, r in results.items():
        print(
            f"{tool:<10}{r['messages']:>10,}{r['seconds']:>10.2f}{r['cpu']:>8.2f}{lines / r['seconds']:>12,.0f}"
            f"{r['peak_mb']:>10.0f}{r['peak_mb'] - r['baseline_mb']:>13.0f}"
        )
    ck, wt = results["casekit"], results["whatstk"]
    speed = wt["seconds"] / ck["seconds"]
    memory = ck["peak_mb"] / wt["peak_mb"]
    print(
        f"casekit is {speed:.1f}x whatstk's lines/s (goal >= 5x); peak memory {memory:.2f}x whatstk's (goal <= 1x)"
    )


if __name__ == "__main__":
    main()
