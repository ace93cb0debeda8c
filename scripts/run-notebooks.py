"""Executes every notebook in Notebooks/ top to bottom with nbclient (scripts/check-notebooks.sh
runs it with the notebook virtual environment's Python, whose ipykernel is the kernel).

Exits non-zero if any notebook fails, naming the notebook and the failing cell; the last line
is "notebooks: N passed, M failed". With --write the notebooks that ran through are stored back
in place, outputs included, without timing metadata and with each cell's stream outputs merged,
so that re-executing an unchanged notebook leaves its file unchanged.
"""

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

# The kernel must be the ipykernel of this environment: look for kernel specs in this
# environment first and not in the user's own Jupyter folders (set before jupyter_client loads).
os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
os.environ["JUPYTER_DATA_DIR"] = str(Path(sys.prefix) / "share" / "jupyter")
os.environ["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError  # noqa: E402

# A cell should take seconds; this limit only catches a hung one.
CELL_TIMEOUT = 300
# Cells slower than this are reported (the design budget is about 30 s per cell).
SLOW_CELL = 30.0


class TimedClient(NotebookClient):
    """A NotebookClient that remembers how long each code cell took."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cell_seconds = {}

    async def async_execute_cell(self, cell, cell_index, *args, **kwargs):
        start = time.monotonic()
        try:
            return await super().async_execute_cell(cell, cell_index, *args, **kwargs)
        finally:
            self.cell_seconds[cell_index] = time.monotonic() - start


def describe(nb, index):
    """'cell 7 (code, first line: "totals = ...")' for error messages."""
    cell = nb.cells[index]
    first = next((line for line in cell.source.splitlines() if line.strip()), "")
    return f'cell {index + 1} of {len(nb.cells)} ({cell.cell_type}, first line: "{first[:70]}")'


def run(path, write):
    """Executes one notebook; returns an error message or None."""
    nb = nbformat.read(path, as_version=4)
    # Stream outputs merged per cell: how the kernel happened to flush them must not show in the file.
    client = TimedClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3", record_timing=False, coalesce_streams=True,
                         resources={"metadata": {"path": str(path.parent)}})
    start = time.monotonic()
    # The kernel's own standard error (start-up warnings) is shown only if the notebook fails.
    with tempfile.TemporaryFile(mode="w+") as kernel_log:
        try:
            client.execute(stderr=kernel_log)
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
            failing = max(client.cell_seconds, default=0)
            kernel_log.seek(0)
            log = "".join(line for line in kernel_log if "running over TCP without encryption" not in line)
            message = re.sub(r"\x1b\[[0-9;]*m", "", str(error))  # no terminal colours in the log
            return f"{path}: {describe(nb, failing)} failed:\n{message}" + (f"\nkernel log:\n{log}" if log else "")
    total = time.monotonic() - start
    slowest = max(client.cell_seconds.items(), key=lambda kv: kv[1], default=(0, 0.0))
    print(f"  {path.name}: {len(nb.cells)} cells in {total:.1f} s "
          f"(slowest: {describe(nb, slowest[0])}, {slowest[1]:.1f} s)", flush=True)
    for index, seconds in sorted(client.cell_seconds.items()):
        if seconds > SLOW_CELL:
            print(f"  warning: {path.name} {describe(nb, index)} took {seconds:.1f} s "
                  f"(budget {SLOW_CELL:.0f} s)", flush=True)
    if write:
        nbformat.write(nb, path)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the executed notebooks in place")
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every Notebooks/*.ipynb")
    args = parser.parse_args()
    notebooks = args.notebooks or sorted(Path("Notebooks").glob("*.ipynb"))
    if not notebooks:
        print("check-notebooks: no notebooks in Notebooks/", file=sys.stderr)
        return 1
    failed = 0
    for path in notebooks:
        error = run(path, args.write)
        if error:
            failed += 1
            print(f"check-notebooks: {error}", file=sys.stderr, flush=True)
    written = " (written back)" if args.write and len(notebooks) > failed else ""
    print(f"notebooks: {len(notebooks) - failed} passed, {failed} failed{written}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
