"""Summarises the key=value lines of Race.java (vs-rsyslog.sh): median and range per contender, ratios against rsyslog and kcat."""
import statistics
import sys
from collections import defaultdict

runs = defaultdict(list)
for line in open(sys.argv[1]):
    kv = dict(f.split("=", 1) for f in line.split() if "=" in f)
    if "name" in kv:
        runs[kv["name"]].append(kv)

def values(name, key):
    return [float(r[key]) for r in runs[name] if r.get("done") == "true" and r[key].lower() != "nan"]

def med(name, key):
    v = values(name, key)
    return statistics.median(v) if v else float("nan")

cols = [("rate", "lines/s (start to last line)"), ("rate_10_90", "lines/s (10%-90%)"),
        ("cpu_per_m", "CPU-s per 1M (whole run)"), ("cpu_10_90_per_m", "CPU-s per 1M (10%-90%)"),
        ("broker_cpu_10_90_per_m", "broker CPU-s per 1M (10%-90%)")]
print("median [min-max] over %s runs; ratios are medians against rsyslog's (and kcat's) medians" % ", ".join(f"{n}: {len(values(n, 'rate'))}" for n in runs))
for key, title in cols:
    print(f"\n{title}")
    for name in runs:
        v = values(name, key)
        if not v:
            print(f"  {name:14s} (no completed run)"); continue
        m = statistics.median(v)
        ratio = lambda ref: m / med(ref, key) if ref in runs and med(ref, key) else float("nan")
        print(f"  {name:14s} {m:12,.1f}  [{min(v):,.1f} - {max(v):,.1f}]   x{ratio('rsyslog'):.2f} rsyslog   x{ratio('kcat'):.2f} kcat")
failed = [r for rs in runs.values() for r in rs if r.get("done") != "true"]
if failed:
    print(f"\n{len(failed)} run(s) did not deliver every line in time: " + "; ".join(f"{r['name']} {r['lines']}" for r in failed))
