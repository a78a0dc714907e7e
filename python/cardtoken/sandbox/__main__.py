"""Runs the sandbox: `python -m cardtoken.sandbox ...`, or by path from a
source tree or the PECL tarball, where cardtoken's compiled extension may not
exist: `python3 python/cardtoken/sandbox ...` (this directory). By path the
package is loaded as the top-level package `sandbox` from its parent
directory, so that cardtoken/__init__.py (which needs the extension) is never
imported."""

import importlib
import os
import sys


def _main():
    if __package__:
        from .cli import main

        return main()
    try:
        importlib.import_module("cryptography")
    except ImportError:  # pragma: no cover - depends on the environment
        sys.stderr.write("cardtoken.sandbox needs the `cryptography` package: "
                         "python -m pip install cryptography\n")
        return 1
    here = os.path.dirname(os.path.abspath(__file__))
    # sys.path[0] is this directory: its modules are not top-level ones.
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
    sys.path.insert(0, os.path.dirname(here))
    return importlib.import_module("sandbox.cli").main()


if __name__ == "__main__":
    sys.exit(_main())
