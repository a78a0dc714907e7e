#!/usr/bin/env python3
"""check-core-deps.py OBJ... - the unit call graph of the C core, from its
object files: unit A depends on unit B when A's object has an undefined
symbol that B's object defines (nm: functions and data alike). Fails when
two units depend on each other (a cycle of length 2), printing the pair and
the symbols each way. Prints one line "core-deps: N passed, M failed" (one
check per unit pair).

  scripts/check-core-deps.py build/c/obj/*.o
"""
import itertools
import os
import subprocess
import sys


def symbols(obj):
    out = subprocess.run(["nm", "-g", obj], check=True, capture_output=True,
                         text=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            undefined.add(parts[1])
        elif len(parts) == 3 and parts[1] not in ("U", "w", "v"):
            defined.add(parts[2])
    return defined, undefined


def main(objs):
    if not objs:
        print("usage: check-core-deps.py OBJ...", file=sys.stderr)
        return 2
    units = {}
    for o in objs:
        units[os.path.splitext(os.path.basename(o))[0]] = symbols(o)
    owner = {}
    for unit, (defined, _) in units.items():
        for s in defined:
            owner[s] = unit
    deps = {u: {} for u in units}
    for unit, (_, undefined) in units.items():
        for s in undefined:
            b = owner.get(s)
            if b is not None and b != unit:
                deps[unit].setdefault(b, []).append(s)
    bad = 0
    pairs = list(itertools.combinations(sorted(units), 2))
    for a, b in pairs:
        if b in deps[a] and a in deps[b]:
            bad += 1
            print("mutual: %s -> %s (%s) and %s -> %s (%s)" % (
                a, b, ", ".join(sorted(deps[a][b])), b, a,
                ", ".join(sorted(deps[b][a]))))
    for a in sorted(deps):
        print("%-10s -> %s" % (a, " ".join(sorted(deps[a])) or "-"))
    print("core-deps: %d passed, %d failed" % (len(pairs) - bad, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
