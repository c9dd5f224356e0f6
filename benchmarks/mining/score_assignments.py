#!/usr/bin/env python3
"""Scores `logdoctor discover --all-lines --assignments` against Loghub's ground truth, independently of
the Java benchmark: for each set, the Content column of <Set>_2k.log_structured.csv is written one message
a line, mined through the CLI contract, and grouped by the template text each line was assigned; GA is
logparser's get_accuracy (a line is right iff its group is exactly its event's lines).

usage: benchmarks/mining/score_assignments.py LOGHUB_DIR [SET...]   (LOGDOCTOR=./logdoctor by default)
"""
import collections, csv, json, os, subprocess, sys, tempfile

SETS = ["HDFS", "Hadoop", "Spark", "Zookeeper", "BGL", "HPC", "Thunderbird", "Windows", "Linux", "Android",
        "HealthApp", "Apache", "Proxifier", "OpenSSH", "OpenStack", "Mac"]


def grouping_accuracy(predicted, truth):
    size = collections.Counter(truth)
    groups = collections.defaultdict(list)
    for i, p in enumerate(predicted):
        groups[p].append(i)
    right = 0
    for lines in groups.values():
        events = {truth[i] for i in lines}
        if len(events) == 1 and size[events.pop()] == len(lines):
            right += len(lines)
    return right / len(truth)


def main():
    loghub, sets = sys.argv[1], sys.argv[2:] or SETS
    command = os.environ.get("LOGDOCTOR", "./logdoctor").split()
    total = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name in sets:
            with open(os.path.join(loghub, name + "_2k.log_structured.csv"), encoding="utf-8") as f:
                rows = list(csv.DictReader(f))
            content, out = os.path.join(tmp, name + ".log"), os.path.join(tmp, name + ".jsonl")
            with open(content, "w", encoding="utf-8") as f:
                f.writelines(r["Content"].replace("\n", " ") + "\n" for r in rows)
            subprocess.run(command + ["discover", "--all-lines", "--assignments", out, content], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            with open(out, encoding="utf-8") as f:
                predicted = [json.loads(line)["template"] for line in f]
            if len(predicted) != len(rows):
                sys.exit(f"{name}: {len(predicted)} assignments for {len(rows)} lines")
            ga = grouping_accuracy(predicted, [r["EventId"] for r in rows])
            total += ga
            print(f"{name}\t{ga:.3f}")
    print(f"average\t{total / len(sets):.3f}")


if __name__ == "__main__":
    main()
