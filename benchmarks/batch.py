"""Batch speed: congvan's batch against the plain docxtpl loop, same template and contexts.

Run:  .venv/bin/python benchmarks/batch.py            (630 and 10,000 letters, both ways,
                                                       plus --mot-file of 10,000)
      .venv/bin/python benchmarks/batch.py --quick    (skips the 10,000-letter docxtpl loop)
      .venv/bin/python benchmarks/batch.py --pdf      (also 630 letters with --pdf)

Each measurement runs in its own process so peak RSS (ru_maxrss) is that mode's alone.
The plain loop is what docxtpl users write: per letter, load the template, render, save,
here into one ZIP.  congvan's figure is render_batch end to end (load the document, compile
the template, fill the Jinja fields, validate, build the context, render, stream into the
ZIP).  Both sides import their modules before the clock starts (an installed package has
its bytecode cached; interpreter start-up is not a per-letter cost).
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def recipients(n: int) -> list[object]:
    from congvan.registry.provinces import tinh_63

    return list(islice(cycle(tinh_63(None)), n))


def run_congvan(n: int, out: Path, **options: bool) -> None:
    import congvan
    from congvan.batch.run import render_batch

    doc = congvan.load(ROOT / "examples" / "7540.yaml")
    summary = render_batch(doc, recipients(n), out, **options)
    assert len(summary.written) == n, summary


def run_docxtpl(n: int, out: Path) -> None:
    from docxtpl import DocxTemplate

    import congvan
    from congvan.batch.run import documents
    from congvan.context.build import build_context
    from congvan.render.docx import jinja_environment, template_values

    doc = congvan.load(ROOT / "examples" / "7540.yaml")
    template = ROOT / "congvan" / "templates" / "cong_van.docx"

    def contexts() -> Iterator[dict[str, object]]:
        for _, _, letter in documents(doc, recipients(n)):
            assert isinstance(letter, congvan.VanBan)
            yield template_values(build_context(letter))

    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for i, context in enumerate(contexts()):
            tpl = DocxTemplate(template)
            tpl.render(context, jinja_environment())
            buffer = io.BytesIO()
            tpl.save(buffer)
            archive.writestr(f"{i:05d}.docx", buffer.getvalue())


MODES = {"congvan": "out.zip", "docxtpl": "out.zip", "mot-file": "all.docx",
         "pdf": "out.zip"}


def child(mode: str, n: int) -> None:
    # Import the modules first: interpreter and import time is not a per-letter cost.
    import babel.dates
    import babel.numbers  # noqa: F401
    import docxtpl  # noqa: F401

    import congvan.batch.outputs
    import congvan.batch.pack
    import congvan.batch.run
    import congvan.context.build
    import congvan.document.loading
    import congvan.output
    import congvan.registry.provinces
    import congvan.render.docx

    if mode in ("mot-file", "pdf"):
        import congvan._ooxml.merge
        import congvan.batch.pdfs  # noqa: F401
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / MODES[mode]
        usage = resource.getrusage(resource.RUSAGE_SELF)
        start = time.perf_counter()
        if mode == "docxtpl":
            run_docxtpl(n, out)
        else:
            run_congvan(n, out, mot_file=mode == "mot-file", pdf=mode == "pdf")
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
        size = out.stat().st_size
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mode": mode, "n": n, "seconds": seconds, "cpu": cpu, "peak_mb": peak_mb,
                      "zip_mb": size / 1e6}))


def measure(mode: str, n: int, repeats: int = 1) -> dict[str, float]:
    """Run ``repeats`` fresh processes; the median of each figure (a short batch is at the
    mercy of whatever else the machine is doing: CPU seconds, which waiting for a core does
    not count, are the steadier figure on a shared machine)."""
    runs = []
    for _ in range(repeats):
        done = subprocess.run([sys.executable, __file__, "--child", mode, str(n)],
                              capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {key: sorted(r[key] for r in runs)[len(runs) // 2]
            for key in ("seconds", "cpu", "peak_mb", "zip_mb")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="skip the 10,000-letter docxtpl loop (several minutes)")
    parser.add_argument("--pdf", action="store_true",
                        help="also 630 letters with PDFs (LibreOffice; minutes)")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    print(f"{'letters':>8} {'docxtpl ms':>11} {'congvan ms':>11} {'ratio':>6} "
          f"{'docxtpl CPU ms':>15} {'congvan CPU ms':>15} {'ratio':>6} "
          f"{'docxtpl MB':>11} {'congvan MB':>11}")
    for n in (630, 10_000):
        repeats = 3 if n == 630 else 1
        cv = measure("congvan", n, repeats)
        dt = measure("docxtpl", n, repeats) if (n == 630 or not args.quick) else None
        cv_ms, cv_cpu = cv["seconds"] * 1000 / n, cv["cpu"] * 1000 / n
        if dt:
            dt_ms, dt_cpu = dt["seconds"] * 1000 / n, dt["cpu"] * 1000 / n
            print(f"{n:>8} {dt_ms:>11.2f} {cv_ms:>11.3f} {dt_ms / cv_ms:>5.0f}x "
                  f"{dt_cpu:>15.2f} {cv_cpu:>15.3f} {dt_cpu / cv_cpu:>5.0f}x "
                  f"{dt['peak_mb']:>11.0f} {cv['peak_mb']:>11.0f}")
        else:
            print(f"{n:>8} {'(skipped)':>11} {cv_ms:>11.3f} {'':>6} {'':>15} {cv_cpu:>15.3f} "
                  f"{'':>6} {'':>11} {cv['peak_mb']:>11.0f}")
    merged = measure("mot-file", 10_000)
    print(f"--mot-file, 10,000 letters: {merged['seconds'] * 1000 / 10_000:.2f} ms/letter, peak "
          f"{merged['peak_mb']:.0f} MB, {merged['zip_mb']:.0f} MB file")
    if args.pdf:
        pdf = measure("pdf", 630)
        print(f"--pdf, 630 letters: {pdf['seconds'] * 1000 / 630:.0f} ms/letter, peak "
              f"{pdf['peak_mb']:.0f} MB (LibreOffice's own memory not included)")
    print("ms per letter (wall clock, and CPU time of the process) include loading the "
          "document and loading/compiling the template (once per batch for congvan, once per "
          "letter for the plain loop), not interpreter start-up or imports; MB is peak RSS; "
          "630-letter figures are the median of 3 runs.")


if __name__ == "__main__":
    main()
