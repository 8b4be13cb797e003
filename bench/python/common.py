"""Helpers shared by the peer scripts of bench/data.sh: RESULT/CHECK lines and reading Gyre's RESULT lines."""

import sys


def result(**fields):
    """Prints one machine-readable line: RESULT key=value ..."""
    print("RESULT " + " ".join(f"{k}={_fmt(v)}" for k, v in fields.items()), flush=True)


def check(name, ok, **fields):
    """Prints one correctness line: CHECK name=... ok=true|false key=value ..."""
    print(f"CHECK name={name} ok={'true' if ok else 'false'} " + " ".join(f"{k}={_fmt(v)}" for k, v in fields.items()),
          flush=True)


def gyre_results(path, bench):
    """The key/value pairs of the RESULT line with bench=<bench> in a file of collected output, or {}."""
    found = {}
    with open(path) as f:
        for line in f:
            if line.startswith("RESULT ") and f" bench={bench} " in line + " ":
                found = dict(kv.split("=", 1) for kv in line.split()[1:])
    return found


def _fmt(v):
    if isinstance(v, float):
        return repr(v)
    return str(v).replace(" ", "_")


def die(message):
    print(message, file=sys.stderr)
    sys.exit(2)
