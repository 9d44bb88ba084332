"""Historik: versions with who and when, readable diffs of texts and figures, and restoring as a new version."""

import re
import time
from decimal import Decimal

import pytest
from django.test import Client

from indicators.models import IndicatorResult
from tertial.editing import save_section
from tertial.history import section_versions, text_diff

from .helpers import login, url


def _save(target, user, **changes):
    target.refresh_from_db()
    saved, _ = save_section(section=target, user=user, version=target.version, changes=changes)
    return saved


def test_text_diff_marks_words_and_lines():
    rows = text_diff("## Rubrik\nEtt stycke om skolan.", "## Rubrik\nEtt stycke om förskolan.\n- ny punkt")
    ops = [op for op, _ in rows]
    assert ops == ["equal", "replace", "insert"]
    assert ("delete", "skolan. ") in rows[1][1] and ("insert", "förskolan. ") in rows[1][1]


def test_versions_show_who_when_and_what(users, report):
    section = report.sections.get(goal__number="1.1")
    indicator = section.goal.indicators.get()
    _save(section, users["skribent"], section={"analysis": "Första texten.", "assessment": "helt"})
    _save(
        section,
        users["controller"],
        section={"analysis": "Första texten, rättad."},
        indicators={indicator.pk: {"outcome": Decimal("1.89")}},
    )
    section.refresh_from_db()
    versions = section_versions(section)
    newest = versions[0]
    assert newest.record.history_user == users["controller"]
    labels = [c.label for c in newest.changes]
    assert "Analys" in labels and f"{indicator.name} – Periodens utfall" in labels
    figure = next(c for c in newest.changes if c.label.endswith("Periodens utfall"))
    assert (figure.before, figure.after) == ("(tomt)", "1,89")
    previous = versions[1]
    assert previous.record.history_user == users["skribent"]
    assessment = next(c for c in previous.changes if c.label == "Bedömning")
    assert (assessment.before, assessment.after) == ("Ingen bedömning", "Uppfylls helt")


def test_history_page_escapes_text(client, users, report):
    section = report.sections.get(goal__number="1.1")
    # what a writer typed as text (the editor escapes it); a real tag would never be stored (tertial.richtext)
    _save(section, users["skribent"], section={"analysis": "<p>&lt;img src=x onerror=alert(1)&gt;</p>"})
    login(client, users["sekreterare"])
    page = client.get(url("section_history", report, section)).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img src=x" not in page
    assert "Återställ version" not in page  # only controllers restore


def test_controller_restores_an_earlier_version_as_a_new_version(users, report):
    section = report.sections.get(goal__number="1.1")
    indicator = section.goal.indicators.get()
    _save(section, users["skribent"], section={"analysis": "Bra text."}, indicators={indicator.pk: {"outcome": 5}})
    good = section.history.first()
    _save(section, users["skribent"], section={"analysis": "Förstörd."}, indicators={indicator.pk: {"outcome": 7}})
    history_count = section.history.count()
    client = login(Client(), users["controller"])
    response = client.post(url("section_restore", report, section, history_id=good.history_id))
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.analysis == "<p>Bra text.</p>" and section.version == 4
    assert IndicatorResult.objects.get(report=report, indicator=indicator).outcome == 5
    assert section.history.count() == history_count + 1  # nothing removed: the restore is itself a version
    assert section.history.first().history_user == users["controller"]
    page = client.get(url("section_history", report, section)).content.decode()
    assert "Återställ version" in page


def test_restore_refused_to_writers(client, users, report):
    section = report.sections.get(goal__number="1.1")
    _save(section, users["skribent"], section={"analysis": "Ett."})
    first = section.history.last()
    _save(section, users["skribent"], section={"analysis": "Två."})
    login(client, users["skribent"])
    assert client.post(url("section_restore", report, section, history_id=first.history_id)).status_code == 403
    section.refresh_from_db()
    assert section.analysis == "<p>Två.</p>"


def _large_texts():
    words = [f"ord{n}" for n in range(250_000)]  # about 1,6 MB
    one_line = " ".join(words)
    many_lines = "\n".join(" ".join(words[i : i + 12]) for i in range(0, len(words), 12))
    shuffled = "\n".join(reversed(many_lines.splitlines()))
    return [
        ("one line, a word changed", one_line, one_line.replace("ord1000 ", "ändrat ")),
        ("many lines, every tenth changed", many_lines, many_lines.replace("0 ord", "0 nytt")),
        ("many lines, reordered", many_lines, shuffled),
        ("empty to large", "", many_lines),
    ]


@pytest.mark.parametrize("label,old,new", _large_texts(), ids=[t[0] for t in _large_texts()])
def test_the_diff_of_a_large_text_is_fast_and_bounded(label, old, new):
    """A 1,6 MB text once ran the history page past the worker timeout."""
    from tertial.history import LEFT_OUT, MAX_DIFF_CHARS, MAX_ROWS

    started = time.perf_counter()
    rows = text_diff(old, new)
    elapsed = time.perf_counter() - started
    assert elapsed < 3, f"{label}: {elapsed:.1f} s"
    assert len(rows) <= MAX_ROWS + 1
    assert sum(len(text) for _op, segments in rows for _o, text in segments) <= MAX_DIFF_CHARS + len(LEFT_OUT)
    assert any(op != "equal" for op, _ in rows)


def test_the_history_page_of_a_large_text_answers_quickly(client, users, report):
    section = report.sections.get(goal__number="1.1")
    text = "\n".join(f"Stycke {n}: " + "text " * 60 for n in range(5_000))  # about 1,6 MB
    for n in range(3):
        _save(section, users["skribent"], section={"analysis": text.replace(f"Stycke {n * 7}:", "Ändrat:")})
    login(client, users["skribent"])
    started = time.perf_counter()
    response = client.get(url("section_history", report, section))
    assert response.status_code == 200
    assert time.perf_counter() - started < 10
    assert len(response.content) < 2_000_000


def test_one_version_number_on_the_section_page_and_its_history(client, users, report):
    """The header's "Version N" is the history's newest version: a review step or a new ansvarig (saved rows of
    their own) is shown within the version it happened in, never as a version of its own."""
    from tertial.editing import assign_responsible
    from tertial.models import Section
    from tertial.workflow import set_section_state

    section = report.sections.get(goal__number="1.1")
    _save(section, users["skribent"], section={"analysis": "Första texten."})
    set_section_state(section=section, user=users["skribent"], to_state=Section.State.KLAR)
    assign_responsible(section=section, user=users["controller"], responsible=users["skribent"])
    _save(section, users["controller"], section={"analysis": "Andra texten."})
    set_section_state(section=section, user=users["controller"], to_state=Section.State.GODKAND)
    section.refresh_from_db()
    assert section.version == 3
    login(client, users["controller"])
    assert "Version 3" in client.get(url("section_edit", report, section)).content.decode()
    page = client.get(url("section_history", report, section)).content.decode()
    headings = re.findall(r">(Version \d+):", page)
    assert headings == ["Version 3", "Version 2", "Version 1"]
    assert "(nuvarande)" in page[page.index("Version 3") : page.index("Version 2")]
    in_version_2 = page[page.index(">Version 2:") : page.index(">Version 1:")]
    assert "Klar för granskning" in in_version_2 and "Ansvarig" in in_version_2
    assert "Godkänd" in page[page.index(">Version 3:") : page.index(">Version 2:")]
    assert "Återställ version 2" in page and "Återställ version 4" not in page


def test_the_conflict_page_names_who_saved_the_version_it_shows(users, report):
    """The conflict page's "version N, <who>" is the version's writer, not whoever changed its status since."""
    from tertial.editing import assign_responsible

    from .helpers import section_post_data

    section = report.sections.get(goal__number="1.1")
    controller = login(Client(), users["controller"])
    stale = section_post_data(controller, report, section)
    _save(section, users["skribent"], section={"analysis": "Skribentens text."})
    assign_responsible(section=section, user=users["controller"], responsible=users["skribent"])
    stale["s-analysis"] = "Controllerns text."
    response = controller.post(url("section_edit", report, section), stale)
    assert response.status_code == 409
    assert "Den sparade texten (version 2, skribent)" in response.content.decode()
