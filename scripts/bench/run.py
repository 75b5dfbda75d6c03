"""Driver of scripts/bench-registers.sh: generates the registers, times each tool with
/usr/bin/time -v (median wall time of --runs, largest peak memory), checks that the three give
the same derived values, and prints Markdown tables for docs/performance.md."""
import argparse, json, os, platform, re, statistics, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
p = argparse.ArgumentParser()
p.add_argument("--bin", required=True)
p.add_argument("--work", required=True)
p.add_argument("--runs", type=int, default=3)
p.add_argument("--sizes", nargs="+", default=["10MB", "100MB", "1GB"])
a = p.parse_args()
spec_path = os.path.join(a.work, "registers.json")
spec = json.load(open(spec_path))


def timed(cmd):
    """Runs cmd under /usr/bin/time -v: (wall seconds, peak RSS in MB, stdout)."""
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1)) / 1024
    return seconds, rss, r.stdout


def measure(cmd):
    runs = [timed(cmd) for _ in range(a.runs)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[0][2]


def folder_size(d):
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d) if f.endswith(".csv"))


def derived_cityind(out):
    doc = json.loads(out)
    values = {}
    for f in doc["files"]:
        for d in (f.get("register") or {}).get("derived", []):
            values[d["element"]] = d.get("value")
    return values


def derived_sql(out):
    values = {}
    for line in out.splitlines():
        _, _, rest = line.partition(" ")
        row = eval(rest, {"Decimal": float})  # the scripts print Python dicts
        for k, v in row.items():
            if k not in ("records", "keys"):
                values[k] = None if v is None else float(v)
    return values


def agree(x, y):
    if set(x) != set(y):
        return False
    return all((x[k] is None and y[k] is None) or (x[k] is not None and y[k] is not None and abs(x[k] - y[k]) <= 1e-9 * max(1, abs(x[k]))) for k in x)


cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
print(f"Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; Python {platform.python_version()}")
import duckdb, polars, frictionless  # noqa: E402
print(f"DuckDB {duckdb.__version__}, Polars {polars.__version__}, Frictionless {frictionless.__version__}; runs per cell: {a.runs} (median wall, largest peak RSS)\n")
print("| set | tool | wall | throughput | peak memory | derived values |")
print("|---|---|---|---|---|---|")
results = []
for size in a.sizes:
    d = os.path.join(a.work, size)
    year = os.path.join(d, "2024")
    if not os.path.isdir(year):
        subprocess.run([a.bin, "generate-registers", "--out", d, "--size", size, "--seed", "7"], check=True, capture_output=True)
    mb = folder_size(year) / 1e6
    tools = [
        ("cityind", [a.bin, "validate", year, "--format", "json"], derived_cityind),
        ("DuckDB", [sys.executable, os.path.join(here, "duckdb_registers.py"), spec_path, year], derived_sql),
        ("Polars", [sys.executable, os.path.join(here, "polars_registers.py"), spec_path, year], derived_sql),
    ]
    reference = None
    for name, cmd, parse in tools:
        wall, rss, out = measure(cmd)
        values = parse(out)
        if reference is None:
            reference = values
            check = f"{len(values)} elements"
        else:
            check = "same as cityind" if agree(reference, values) else "DIFFERENT"
        results.append({"set": size, "tool": name, "wall": wall, "mb": mb, "rss": rss})
        print(f"| {size} ({mb:,.0f} MB) | {name} | {wall:.2f} s | {mb / wall:,.0f} MB/s | {rss:,.0f} MB | {check} |", flush=True)

# cityind validate against frictionless validate on one register, same Table Schema: the
# property register of the 100 MB set (the first set when there is none). Frictionless refuses
# absolute paths ("not safe"), so it runs in the register's folder; its report must say VALID.
folder = os.path.join(a.work, "100MB" if "100MB" in a.sizes else a.sizes[0], "2024")
target = os.path.join(folder, "property_assessments.csv")
schema = next(r["tableSchema"] for r in spec["registers"] if r["id"] == "property_assessments")
schema_path = os.path.join(folder, "property_assessments.schema.json")
json.dump(schema, open(schema_path, "w"))
frictionless = os.path.join(os.path.dirname(sys.executable), "frictionless")
here_dir = os.getcwd()
os.chdir(folder)
fl_wall, fl_rss, fl_out = timed([frictionless, "validate", "--schema", "property_assessments.schema.json", "property_assessments.csv"])
os.chdir(here_dir)
if "VALID" not in fl_out or "INVALID" in fl_out:
    sys.exit("frictionless did not report the register VALID:\n" + fl_out[-3000:])
ci_wall, ci_rss, _ = measure([a.bin, "validate", target])
size_mb = os.path.getsize(target) / 1e6
rows = sum(1 for _ in open(target)) - 1
print(f"\nValidating one register: {os.path.relpath(target, a.work)} ({size_mb:,.1f} MB, {rows:,} records), the same Table Schema (frictionless timed once, cityind the median of {a.runs})\n")
print("| tool | wall | peak memory | records/s |")
print("|---|---|---|---|")
print(f"| frictionless validate | {fl_wall:.2f} s | {fl_rss:,.0f} MB | {rows / fl_wall:,.0f} |")
print(f"| cityind validate | {ci_wall:.3f} s | {ci_rss:,.0f} MB | {rows / ci_wall:,.0f} |")
print(f"\ncityind is {fl_wall / ci_wall:,.0f}x faster than frictionless on this register.")
json.dump(results, open(os.path.join(a.work, "results.json"), "w"), indent=1)
