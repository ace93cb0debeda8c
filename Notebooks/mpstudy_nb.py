"""Helpers shared by the notebooks: run the built mpstudy binary, and one plotting style.

The notebooks never compute a floating-point result themselves. Every rounded value, error and
flag comes from mpstudy (SoftFloat for the arithmetic in the narrow format, MPFR for the exact
values), called here through subprocess; Python only writes the inputs and draws the plots.

The binary is $MPSTUDY, or ../.build/debug/mpstudy relative to this folder (what
`swift build --product mpstudy` makes); scripts/check-notebooks.sh sets MPSTUDY.
"""

import json
import os
import shlex
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _binary():
    """The mpstudy executable, or a FileNotFoundError that says how to get one."""
    path = Path(os.environ.get("MPSTUDY") or HERE / ".." / ".build" / "debug" / "mpstudy")
    if not path.is_absolute():
        path = HERE / path
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise FileNotFoundError(
            f"no mpstudy binary at {path}: build it with `swift build --product mpstudy` in the "
            "repository, or set the environment variable MPSTUDY to the binary's path")
    return path


MPSTUDY = _binary()


def run(*args):
    """mpstudy's standard output for `mpstudy ARGS...`; a RuntimeError with its message if it fails."""
    done = subprocess.run([str(MPSTUDY), *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"})
    if done.returncode != 0:
        raise RuntimeError(f"mpstudy {shlex.join(map(str, args))[:200]} failed: {done.stderr.strip()}")
    return done.stdout


def show(*args):
    """Prints the command line and mpstudy's text output, as a terminal would show them."""
    print("$ mpstudy " + shlex.join(map(str, args)) + "\n" + run(*args), end="")


def query(*args):
    """`mpstudy ARGS... --json`, parsed (decimal values stay strings: every digit is kept)."""
    return json.loads(run(*args, "--json"))


def query_all(argument_lists, workers=2):
    """query() for each argument list, two processes at a time, results in the given order."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda arguments: query(*arguments), argument_lists))


def number(text):
    """A decimal string of mpstudy ("0.0999755859375", "2.4414e-04", "inf") as a float for
    plotting; None for the "-" that marks an undefined value."""
    return None if text in (None, "-", "") else float(text)


def plot_style():
    """One look for every figure, and PNG output without metadata that would change the
    notebook file from one execution to the next."""
    import matplotlib.pyplot as plt
    from IPython import get_ipython

    plt.rcParams.update({
        "figure.figsize": (8, 4.2), "figure.dpi": 90, "axes.grid": True, "grid.alpha": 0.3,
        "axes.spines.top": False, "axes.spines.right": False, "legend.frameon": False,
        "font.size": 10,
    })
    shell = get_ipython()
    if shell is not None:
        shell.run_line_magic("matplotlib", "inline")
        shell.run_line_magic("config", "InlineBackend.figure_formats = ['png']")
        shell.run_line_magic(
            "config", "InlineBackend.print_figure_kwargs = "
            "{'bbox_inches': 'tight', 'metadata': {'Software': None}}")


# Colours of the formats, the same in every figure.
FORMAT_COLORS = {
    "half": "tab:red", "bfloat16": "tab:orange", "single": "tab:blue", "double": "tab:green",
    "e4m3": "tab:purple", "e5m2": "tab:brown",
    "e2m3": "tab:pink", "e3m2": "tab:olive", "e2m1": "tab:cyan", "e8m0": "tab:gray",
}
