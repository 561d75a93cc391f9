"""Feeds a watched folder at a fixed rate: the fixed-rate phase of the streaming benchmarks.

    python3 bench/jobs/file_feeder.py <staging-dir> <target-dir> <files-per-second>

Copies the staging folder's files (sorted by name) into the target folder, file i at
start + i / rate seconds — a steady schedule that does not drift when one copy is slow. Each file
is written under a hidden name (leading dot, which file sources skip) and renamed into place, so
a query never sees half a file. Both engines' jobs start this same script the same way, so the
input rate is identical for both. Prints one line when done.
"""
import os
import shutil
import sys
import time


def main(argv):
    if len(argv) != 3:
        raise SystemExit("usage: file_feeder.py <staging-dir> <target-dir> <files-per-second>")
    staging, target, rate = argv[0], argv[1], float(argv[2])
    os.makedirs(target, exist_ok=True)
    names = sorted(n for n in os.listdir(staging) if not n.startswith((".", "_")))
    start = time.monotonic()
    for i, name in enumerate(names):
        delay = start + i / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        tmp = os.path.join(target, "." + name + ".tmp")
        shutil.copyfile(os.path.join(staging, name), tmp)
        os.rename(tmp, os.path.join(target, name))
    print(f"fed {len(names)} files in {time.monotonic() - start:.2f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
