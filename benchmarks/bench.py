"""The benchmark: aidcheck verify at 1k, 10k and 100k claims against the floors, side by side.

Run:  pip install -e '.[bench]'   (check-jsonschema, yamllint; each is skipped if absent)
      python benchmarks/bench.py [--sizes 1000 10000 100000] [--repeat N] [--work DIR]

For each size it writes a synthetic repository (benchmarks/corpus.py, seed 7, with an archive
and planted findings), then measures, each in a fresh process, the median of --repeat runs:

  verify cold     `aidcheck verify -f json` with no cache folder (it writes the cache), with
                  one process per usable core (--jobs auto, the default)
  verify cold, 1 process   the same with --no-cache --jobs 1: the work of one process
  verify warm     the same again, nothing changed (reads the cache)
  verify edited   after one claim file of the repository was edited (cache of the others)
  parse floor     the same claim files read with PyYAML's C loader and validated with pydantic
  check-jsonschema  the same files against `aidcheck schema` (if installed)
  yamllint        the same files with yamllint's default rules (if installed)

and prints wall time, CPU time (user + system), peak memory (max RSS), claims per second, the
ratios the performance targets are stated in (docs/performance.md), and the split of one cold
run by phase: load, each rule family, render. It also checks the report: every planted finding
must be in it, or the benchmark fails (exit 1): a fast run that misses conflicts is no result.

At the start it measures start-up: `aidcheck --version` and `verify` of the bundled repository
against the import floor of the dependencies (`import typer, pydantic, yaml, rich`).
This is a benchmark, not a test: it prints figures and asserts nothing about time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
TIMEOUT = 1800

FLOOR = """
import sys, yaml
from pathlib import Path
from aidcheck.model.files import RepositoryFile
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    data = yaml.load(path.read_bytes(), Loader=loader)
    if isinstance(data, dict) and "claims" in data:
        RepositoryFile.model_validate(data)
"""

PHASES = """
import json, sys, time, os
from pathlib import Path
from aidcheck import engine, fullrun, rules, verify as v
from aidcheck.render import Format, RenderOptions, render
cpu = {}
def timed(name, function):
    def wrapper(*args, **kwargs):
        began = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            cpu[name] = cpu.get(name, 0.0) + time.process_time() - began
    return wrapper
run = engine._run
def rule_run(rule, *args, **kwargs):
    return timed(rule.family.value, run)(rule, *args, **kwargs)
engine._run = rule_run
fullrun.load_repository = timed("load", fullrun.load_repository)
began = time.process_time()
outcome = v.verify(v.VerifyOptions(cwd=Path(sys.argv[1]), environ={}, cache=False))
verify_cpu = time.process_time() - began
timed("render", render)(outcome.report, Format.TEXT, RenderOptions(color=False, width=100))
cpu["other"] = verify_cpu - sum(t for k, t in cpu.items() if k != "render")
print(json.dumps(cpu))
"""


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    code: int

    @staticmethod
    def median(runs: list[Run]) -> Run:
        return Run(
            statistics.median(r.wall for r in runs),
            statistics.median(r.cpu for r in runs),
            max(r.rss_mb for r in runs),
            runs[-1].code,
        )


def measure(command: list[str], cwd: Path, timeout: float = TIMEOUT) -> Run | None:
    """Wall, CPU and peak memory of one child process (None if it ran out of time)."""
    began = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = began + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            child.kill()
            os.wait4(child.pid, 0)
            return None
        time.sleep(0.005)
    return Run(
        time.perf_counter() - began,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        os.waitstatus_to_exitcode(status),
    )


def repeat(command: list[str], cwd: Path, times: int, before: object = None) -> Run | None:
    runs = []
    for _ in range(times):
        if callable(before):
            before()
        run = measure(command, cwd)
        if run is None:
            return None
        runs.append(run)
    return Run.median(runs)


def aidcheck(*args: str) -> list[str]:
    return [PY, "-m", "aidcheck", *args]


def tool(name: str) -> str | None:
    found = shutil.which(name, path=str(Path(PY).parent)) or shutil.which(name)
    return found


def fmt(run: Run | None, claims: int | None = None) -> str:
    if run is None:
        return "      (not run)"
    rate = f"  {claims / run.wall:9,.0f} claims/s" if claims else ""
    return f"{run.wall:8.2f} s wall {run.cpu:8.2f} s CPU {run.rss_mb:7.0f} MB{rate}"


def ratio(a: Run | None, b: Run | None, what: str = "") -> str:
    """a / b, in wall and CPU time (or only `what`): on a shared machine, CPU is the steadier."""
    if a is None or b is None or not b.wall or not b.cpu:
        return "n/a"
    if what:
        return f"{getattr(a, what) / getattr(b, what):.2f}x"
    return f"{a.wall / b.wall:.2f}x wall, {a.cpu / b.cpu:.2f}x CPU"


def startup(times: int) -> None:
    print(f"== start-up (median of {times}) ==")
    compile_aidcheck()
    floor = repeat([PY, "-c", "import typer, pydantic, yaml, rich"], ROOT, times)
    version = repeat(aidcheck("--version"), ROOT, times)
    bundled = repeat(aidcheck("verify", "-f", "json", "--no-cache"), ROOT, times)
    warm = repeat(aidcheck("verify", "-f", "json"), ROOT, times)
    print(f"  import floor          {fmt(floor)}")
    print(f"  aidcheck --version    {fmt(version)}   {ratio(version, floor)} of the floor")
    print(f"  verify bundled cold   {fmt(bundled)}   {ratio(bundled, floor)} of the floor")
    print(f"  verify bundled warm   {fmt(warm)}   {ratio(warm, floor)} of the floor")


def compile_aidcheck() -> None:
    """Byte-compile aidcheck's modules, as installing it does. In an editable checkout run with
    PYTHONDONTWRITEBYTECODE=1 (some CI images set it) every run would otherwise compile every
    module it imports again, 0.1 s of CPU that an installed aidcheck never pays."""
    import compileall

    import aidcheck

    compileall.compile_dir(Path(aidcheck.__file__).parent, quiet=1)


def planted_missing(repo: Path, report_file: Path) -> list[str]:
    report = json.loads(report_file.read_text(encoding="utf-8"))
    found = {(f["code"], c) for f in report["findings"] for c in f["claims"]}
    codes = {f["code"] for f in report["findings"]}
    missing = []
    for item in json.loads((repo / "planted.json").read_text(encoding="utf-8")):
        if item["code"] in {"C101", "C102", "C109", "S001"}:
            ok = item["code"] in codes
        else:
            ok = (item["code"], item["id"]) in found
        if not ok:
            missing.append(f"{item['code']} {item['id']}")
    return missing


def bench_size(n: int, work: Path, times: int, previous: dict[str, Run | None]) -> bool:
    sys.path.insert(0, str(HERE))
    from corpus import generate

    repo = work / f"corpus-{n}"
    if not (repo / "planted.json").exists():
        shutil.rmtree(repo, ignore_errors=True)
        generate(repo, n, seed=7)
    files = sorted(str(p) for p in (repo / "claims").rglob("*.yaml"))
    report = work / f"report-{n}.json"
    verify = aidcheck("verify", "-f", "json", "-o", str(report))
    cache = repo / ".aidcheck-cache"

    def clear() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    print(
        f"== {n:,} claims: {len(files):,} files, {len(list((repo / 'archive').iterdir())):,} "
        f"snapshots (median of {times}) =="
    )
    cold = repeat(verify, repo, times, before=clear)
    serial = repeat([*verify, "--no-cache", "--jobs", "1"], repo, times)
    warm = repeat(verify, repo, times)
    edited_file = Path(files[len(files) // 2])
    original = edited_file.read_text(encoding="utf-8")

    def edit() -> None:
        edited_file.write_text(original + f"# edited {time.time()}\n", encoding="utf-8")

    edited = repeat(verify, repo, times, before=edit)
    edited_file.write_text(original, encoding="utf-8")
    floor = repeat([PY, "-c", FLOOR, str(repo / "claims")], repo, times)
    schema = work / "claims.schema.json"
    schema.write_text(
        subprocess.run(aidcheck("schema"), capture_output=True, text=True, check=True).stdout,
        encoding="utf-8",
    )
    jsonschema_cmd = tool("check-jsonschema")
    checker = (
        repeat([jsonschema_cmd, "--schemafile", str(schema), *files], repo, 1)
        if jsonschema_cmd
        else None
    )
    yamllint_cmd = tool("yamllint")
    lint = repeat([yamllint_cmd, "-f", "parsable", "claims"], repo, 1) if yamllint_cmd else None
    phases = subprocess.run(
        [PY, "-c", PHASES, str(repo)], capture_output=True, text=True, timeout=TIMEOUT
    )
    print(f"  verify cold           {fmt(cold, n)}")
    print(f"  verify cold, 1 process{fmt(serial, n)}   cold/it {ratio(cold, serial)}")
    print(f"  verify warm           {fmt(warm, n)}   cold/warm {ratio(cold, warm)}")
    print(f"  verify, 1 file edited {fmt(edited, n)}   edited/warm {ratio(edited, warm)}")
    print(f"  parse floor           {fmt(floor, n)}   cold/floor {ratio(cold, floor)}")
    print(f"  1 process / floor     {ratio(serial, floor)}")
    print(f"  check-jsonschema      {fmt(checker, n)}   cold/it {ratio(cold, checker)}")
    print(f"  yamllint              {fmt(lint, n)}   cold/it {ratio(cold, lint)}")
    if cold is not None and previous.get("cold") is not None:
        print(f"  t({n:,}) / t(the size before) cold: {ratio(cold, previous['cold'])}")
    if phases.returncode == 0:
        split = json.loads(phases.stdout)
        total = sum(split.values())
        parts = "  ".join(
            f"{k} {v:.2f}s ({v / total:.0%})" for k, v in sorted(split.items(), key=lambda x: -x[1])
        )
        print(f"  phases (CPU, cold, no cache): {parts}")
    previous["cold"] = cold
    if cold is None or not report.exists():
        print("  FAIL: verify did not finish")
        return False
    missing = planted_missing(repo, report)
    if missing:
        print(f"  FAIL: {len(missing)} planted findings missing: {', '.join(missing[:10])}")
        return False
    planted = len(json.loads((repo / "planted.json").read_text(encoding="utf-8")))
    print(f"  planted findings: all {planted} reported (exit code {cold.code})")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--work", type=Path, help="keep the corpora here (default: a temp dir)")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"python {sys.version.split()[0]}, {cores} usable cores, load {os.getloadavg()[0]:.1f}")
    print("peak memory is the largest process's (with --jobs, each forked child shares its pages")
    print("with the parent until it writes them)")
    startup(max(args.repeat, 5))
    ok = True
    previous: dict[str, Run | None] = {}
    with tempfile.TemporaryDirectory() as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            times = args.repeat if n <= 10_000 else 1
            ok = bench_size(n, work, times, previous) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
