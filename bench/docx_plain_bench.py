"""Time and size of the Word export of the full-size bench report (`create_bench_report` with the real T2 2022
economy, as bench/export_bench.py builds it) and of the whole demo report (Hässelby-Vällingby T2 2022, as load_demo
loads it), each against the same paragraphs and tables written with plain python-docx calls.

    DEBUG=1 .venv/bin/python bench/docx_plain_bench.py [--bench | --demo]   (both by default)

The plain version writes what the export wrote (every heading at its level, every paragraph in its style, every
table with its cells), read back from the exported file, through `Document.add_heading`, `add_paragraph` and
`add_table`/`row.cells`, as code without the export's XML shortcuts would. Both are timed in this process, best
of five in CPU time, after the data is loaded (load_report is timed apart). Issue 14's target: the export at or below 0.25 ×
the plain version's time.

Runs on a fresh in-memory SQLite database, so it touches no one's data.
"""

import io
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tertial.settings")
os.environ.setdefault("DEBUG", "1")
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

TARGET_RATIO = 0.25


def _sv(value: float, decimals: int) -> str:
    from tertial.numbers import format_number

    return format_number(Decimal(str(value)), decimals)


def _content(docx: bytes) -> list[tuple]:
    """What the export wrote, in order: ("h", level, text), ("p", style name, text), ("t", rows of cell texts)."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(io.BytesIO(docx))
    out = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            p = Paragraph(child, doc._body)
            style = p.style.name
            if style.startswith("Heading"):
                out.append(("h", int(style.split()[1]), p.text))
            else:
                out.append(("p", style, p.text))
        elif child.tag == qn("w:tbl"):
            table = Table(child, doc._body)
            out.append(("t", [[c.text for c in row.cells] for row in table.rows]))
    return out


def plain_docx(content: list[tuple]) -> bytes:
    """The same document with python-docx's public API only."""
    from docx import Document

    doc = Document()
    for item in content:
        if item[0] == "h":
            doc.add_heading(item[2], min(item[1], 9))
        elif item[0] == "p":
            style = item[1] if item[1] in ("List Bullet", "List Number", "Caption", "Title") else None
            doc.add_paragraph(item[2], style=style)
        else:
            rows = item[1]
            table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for row, texts in zip(table.rows, rows, strict=True):
                for cell, text in zip(row.cells, texts, strict=False):
                    cell.text = text
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _best(function, runs: int = 5) -> tuple[float, object]:
    """The best of `runs` in CPU seconds of this process (time.process_time): on a shared machine the wall clock
    also counts the time other processes hold the cores, and best-of-three of it swung the demo's ratio between
    0,25 and 0,41 from one run to the next."""
    times, result = [], None
    for _ in range(runs):
        t0 = time.process_time()
        result = function()
        times.append(time.process_time() - t0)
    return min(times), result


def measure(report, label: str, name: str) -> float:
    """Print the figures of one report's Word export and return the ratio export / plain python-docx."""
    from tertial.exports.docx import build_docx
    from tertial.exports.selectors import load_report

    load_time, data = _best(lambda: load_report(report))
    export_time, docx = _best(lambda: build_docx(data))
    content = _content(docx)
    plain_time, plain = _best(lambda: plain_docx(content))
    paragraphs = sum(1 for c in content if c[0] != "t")
    tables = [c for c in content if c[0] == "t"]
    cells = sum(len(r) for t in tables for r in t[1])
    print(f"{label}: {report} – {paragraphs} stycken och rubriker, {len(tables)} tabeller, {cells} celler")
    print(f"load_report        {_sv(load_time, 3):>7} s")
    print(f"Tertials export    {_sv(export_time, 3):>7} s  {_sv(len(docx) / 1024, 0):>5} kB")
    print(f"ren python-docx    {_sv(plain_time, 3):>7} s  {_sv(len(plain) / 1024, 0):>5} kB")
    ratio = export_time / plain_time
    verdict = "OK" if ratio <= TARGET_RATIO else "FÖR LÅNGSAMT"
    print(f"kvot               {_sv(ratio, 2):>7}    (mål ≤ {_sv(TARGET_RATIO, 2)}) {verdict}")
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / f"{name}.docx").write_bytes(docx)
    (out / f"{name}-plain.docx").write_bytes(plain)
    return ratio


def main(argv: list[str]) -> int:
    from economy.demo import load_hasselby_vallingby_2022
    from tertial.bench_data import create_bench_report
    from tertial.models import Report

    call_command("migrate", verbosity=0)
    ratios = []
    if "--demo" not in argv:
        bench = create_bench_report(slug="bench-docx", name="Bänkstadsdelsnämnd", period_code="2022-T2")
        load_hasselby_vallingby_2022(bench)  # the bench data's goals, the real T2 2022 economy (every table)
        bench = Report.objects.select_related("namnd", "period").get(pk=bench.pk)
        ratios.append(measure(bench, "Bänkrapport", "bench"))
    if "--bench" not in argv:
        call_command("load_demo", stdout=io.StringIO())
        demo = Report.objects.select_related("namnd", "period").get(namnd__slug="hasselby-vallingby")
        ratios.append(measure(demo, "Demo", "demo"))
    return 0 if all(r <= TARGET_RATIO for r in ratios) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
