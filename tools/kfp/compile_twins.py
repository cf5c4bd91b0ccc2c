"""Compiles Python twins of our test pipelines with the real kfp compiler.

Usage: python compile_twins.py [--repeat N] OUT_DIR TWIN.py...

Each twin module defines `pipeline` (a @dsl.pipeline function); its IR is written to
OUT_DIR/<module name>.yaml exactly as `kfp.compiler.Compiler` writes it. One process compiles
every twin, because importing kfp costs about a second. With --repeat N (bench/pipelines.ts),
each twin is compiled N times and the milliseconds of each compilation are printed as JSON.
"""
import importlib.util
import json
import os
import sys
import time
import traceback

from kfp import compiler


def main(out_dir, twins, repeat=0):
    failed = 0
    timings = {}
    for path in twins:
        name = os.path.splitext(os.path.basename(path))[0]
        try:
            spec = importlib.util.spec_from_file_location('twin_' + name, path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            out = os.path.join(out_dir, name + '.yaml')
            compiler.Compiler().compile(module.pipeline, out)
            runs = []
            for _ in range(repeat):
                start = time.perf_counter()
                compiler.Compiler().compile(module.pipeline, out)
                runs.append((time.perf_counter() - start) * 1000)
            timings[name] = runs
        except Exception:  # report every broken twin, not only the first
            failed += 1
            sys.stderr.write(f'{path}:\n{traceback.format_exc()}\n')
    if repeat:
        print(json.dumps(timings))
    return 1 if failed else 0


if __name__ == '__main__':
    args = sys.argv[1:]
    repeat = 0
    if args[:1] == ['--repeat']:
        repeat, args = int(args[1]), args[2:]
    sys.exit(main(args[0], args[1:], repeat))
