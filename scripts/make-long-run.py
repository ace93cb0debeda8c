#!/usr/bin/env python3
"""Writes a long run.json for measuring `mpstudy report` on long runs (issue 11, item 3).

Takes a committed run.json (30 steps) and repeats its steps, renumbered, to the given count;
the epochs are repeated likewise (one epoch per `stepsPerEpoch` steps), so the record stays
consistent. The numbers are the source run's, cycled: the file is for timing and memory
measurements, not for reading.

    scripts/make-long-run.py Reports/float16-u4096-b8192-e5-s0-loss-scale-dynamic/run.json \
        18000 /tmp/long/run.json
"""
import copy
import json
import os
import sys


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit("usage: make-long-run.py SOURCE_RUN_JSON STEPS OUTPUT_RUN_JSON")
    source, steps, output = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(source) as f:
        run = json.load(f)
    if run.get("comparison"):
        sys.exit("make-long-run.py: give a run without --compare (its compared runs are not copied)")
    per_epoch = run["stepsPerEpoch"]
    template_steps, template_epochs = run["steps"], run["epochs"]
    run["steps"] = []
    for i in range(steps):
        step = copy.deepcopy(template_steps[i % len(template_steps)])
        step["step"], step["epoch"], step["batch"] = i + 1, i // per_epoch + 1, i % per_epoch
        run["steps"].append(step)
    epochs = (steps + per_epoch - 1) // per_epoch
    run["epochs"] = []
    for e in range(epochs):
        epoch = copy.deepcopy(template_epochs[e % len(template_epochs)])
        epoch["epoch"] = e + 1
        epoch["steps"] = min(per_epoch, steps - e * per_epoch)
        run["epochs"].append(epoch)
    run["settings"]["epochs"] = epochs
    os.makedirs(os.path.dirname(output) or ".", exist_ok=True)
    with open(output, "w") as f:
        json.dump(run, f, sort_keys=True, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
