#!/usr/bin/env python3
"""Recomputes a study's statistics with numpy and scipy.stats from the runs' own run.json
files and compares them with what `mpstudy study` wrote into study.json, to 1e-9.

    check-study-stats.py STUDY_DIR     compare; exit 1 on any difference
    check-study-stats.py --reference   print the scipy values the Swift unit tests quote

Per configuration: n, mean, standard deviation (ddof 1) and the 95% t interval of test
accuracy, test loss and final training loss over the complete runs; per paired difference
(configuration minus baseline at equal seeds): the mean difference with its t interval and the
Wilcoxon signed-rank p-value (zero_method="wilcox"; exact by permutation up to 50 nonzero
pairs, normal approximation without continuity correction above).
"""
import json
import math
import os
import sys

import numpy as np
import scipy
import scipy.stats as st

TOLERANCE = 1e-9


def summary(values):
    values = np.asarray(values, dtype=float)
    n = len(values)
    mean = float(np.mean(values))
    if n < 2:
        return n, mean, None, None
    sd = float(np.std(values, ddof=1))
    half = float(st.t.ppf(0.975, n - 1)) * sd / math.sqrt(n)
    return n, mean, sd, (mean - half, mean + half)


def wilcoxon_p(differences):
    d = [x for x in differences if x != 0]
    if not d:
        return 1.0
    if len(d) <= 50:
        if len(set(abs(x) for x in d)) == len(d):
            return float(st.wilcoxon(d, method="exact").pvalue)
        return float(st.wilcoxon(d, method=st.PermutationMethod(n_resamples=2 ** len(d) + 1)).pvalue)
    return float(st.wilcoxon(d, method="approx", correction=False).pvalue)


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOLERANCE * max(1.0, abs(b))


def compare(study_dir):
    with open(os.path.join(study_dir, "study.json")) as f:
        study = json.load(f)
    results = study.get("results")
    if results is None:
        sys.exit(f"check-study-stats: {study_dir}/study.json has no results: run `mpstudy study {study_dir}` first")
    runs = {}
    for run in study["runs"]:
        path = os.path.join(study_dir, "runs", run["id"], "run.json")
        record = None
        if os.path.exists(path):
            with open(path) as f:
                record = json.load(f)
        runs[run["id"]] = (run, record)

    def metric(record, name):
        if record is None or record.get("divergence") is not None or record.get("test") is None:
            return None
        if name == "testAccuracy":
            return record["test"]["metrics"]["accuracy"]
        if name == "testLoss":
            return record["test"]["metrics"]["loss"]
        epochs = record.get("epochs") or []
        return epochs[-1]["training"]["loss"] if epochs else None

    problems = 0
    compared = 0
    for configuration in results["configurations"]:
        name = configuration["configuration"]
        members = [record for run, record in runs.values() if run["configuration"] == name]
        for key in ("testAccuracy", "testLoss", "finalLoss"):
            values = [v for v in (metric(r, key) for r in members) if v is not None]
            mine = configuration.get(key)
            if not values:
                if mine is not None:
                    print(f"{name} {key}: mpstudy has a summary, scipy has no values")
                    problems += 1
                continue
            n, mean, sd, ci = summary(values)
            got = (mine["count"], mine["mean"], mine.get("standardDeviation"),
                   tuple(mine["interval"]) if mine.get("interval") else None)
            ok = got[0] == n and close(got[1], mean) and close(got[2], sd)
            ok = ok and ((ci is None and got[3] is None) or (ci is not None and got[3] is not None
                                                             and close(got[3][0], ci[0]) and close(got[3][1], ci[1])))
            compared += 1
            if not ok:
                problems += 1
                print(f"{name} {key}: mpstudy {got}, scipy {(n, mean, sd, ci)}")
    for difference in results["differences"]:
        a, b = difference["configuration"], difference["baseline"]
        values = []
        for seed in difference["seeds"]:
            ra = next(r for run, r in runs.values() if run["configuration"] == a and run["seed"] == seed)
            rb = next(r for run, r in runs.values() if run["configuration"] == b and run["seed"] == seed)
            values.append(metric(ra, "testAccuracy") - metric(rb, "testAccuracy"))
        n, mean, sd, ci = summary(values)
        p = wilcoxon_p(values)
        mine = difference["comparison"]
        got_ci = tuple(mine["summary"]["interval"]) if mine["summary"].get("interval") else None
        ok = mine["summary"]["count"] == n and close(mine["summary"]["mean"], mean)
        ok = ok and ((ci is None and got_ci is None) or (ci is not None and got_ci is not None
                                                         and close(got_ci[0], ci[0]) and close(got_ci[1], ci[1])))
        ok = ok and close(mine["signedRank"]["pValue"], p)
        compared += 1
        if not ok:
            problems += 1
            print(f"{a} - {b}: mpstudy mean {mine['summary']['mean']} CI {got_ci} p {mine['signedRank']['pValue']}; "
                  f"scipy mean {mean} CI {ci} p {p}")
    print(f"check-study-stats: scipy {scipy.__version__}: {compared} summaries and differences compared, "
          f"{problems} differ by more than {TOLERANCE}")
    return problems


def reference():
    print("scipy", scipy.__version__)
    for nu in (1, 2, 3, 4, 7, 9, 29):
        print(f"t.ppf(0.975, {nu}) = {st.t.ppf(0.975, nu)!r}  t.cdf(1.5, {nu}) = {st.t.cdf(1.5, nu)!r}")
    print("wilcoxon([1,-2,3,4,5], exact):", st.wilcoxon([1, -2, 3, 4, 5], method="exact"))
    print("wilcoxon([0.5,-0.5,1,2,0,2,-3], permutation):",
          st.wilcoxon([0.5, -0.5, 1, 2, 0, 2, -3], method=st.PermutationMethod()))
    rng = np.random.default_rng(7)
    d = np.round(rng.normal(0.3, 1, 60), 1)
    print("60 rounded normal differences:", [float(x) for x in d])
    print("  wilcoxon approx, no correction:", st.wilcoxon(d, method="approx", correction=False))
    accs = [0.9118, 0.8199, 0.9207, 0.9001, 0.9150]
    print("summary of", accs, "=", summary(accs))


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "--reference":
        reference()
    elif len(sys.argv) == 2:
        sys.exit(1 if compare(sys.argv[1]) else 0)
    else:
        sys.exit(__doc__)
