"""The publication check on the demo report (Hässelby-Vällingby T2 2022 as published): it finds the defects the
real report went out with, and raises no false alarm on its clean parts."""

import pytest

from tertial.checks import FEL, VARNING, run_checks
from tertial.demo import hasselby_vallingby_2022
from tertial.demo.loader import Tally, load_report
from tertial.models import Report


@pytest.fixture
def demo(db):
    load_report(hasselby_vallingby_2022, Tally())
    return Report.objects.select_related("namnd", "period").get(namnd__slug="hasselby-vallingby")


def _by_check(findings):
    grouped = {}
    for f in findings:
        grouped.setdefault(f.key.split(":", 1)[0], []).append(f)
    return grouped


def test_demo_report_defects_are_found(demo):
    found = _by_check(run_checks(demo))
    leftovers = " ".join(f.message for f in found["kvarglomt"])
    assert "//Johanna" in leftovers
    assert "kartlägga (?)" in leftovers
    assert [f.place for f in found["bedomning-saknas"]] == ["Nämndmål 1.4.1 – Bedömning"]
    [count] = found["antal"]
    assert count.severity == FEL and count.place == "Sammanfattande analys – Analys"
    assert "sexton nämndmål uppnås helt och två delvis" in count.message
    assert "17 helt, 1 utan bedömning" in count.message
    # KF goal 1.2 Uppfylls delvis over nämndmål 1.2.1 and 1.2.2, both Uppfylls helt.
    assert [f.place for f in found["kf-mot-namndmal"]] == ["KF:s mål för verksamhetsområdet 1.2 – Bedömning"]
    # "Andel personer som har ekonomiskt bistånd": 1,89 % against män 1,99 % and kvinnor 2,09 %.
    assert [f.severity for f in found["andel-kon"]] == [FEL]


def test_demo_report_clean_parts_raise_no_false_alarm(demo):
    """Every text finding is one of the seed's real leftovers; no identity or phone number, no e-mail, no decimal
    point is found in its dates, amounts, goal references or `SOSFS 2011:9`; only the count sentence that is wrong
    is flagged ("Tio av tolv …" and the per-inriktningsmål sentences hold); the count indicators add up."""
    found = _by_check(run_checks(demo))
    for f in found.get("kvarglomt", []):
        assert any(leftover in f.message for leftover in ("//Johanna", "(?)", "xx")), f.message
    for check in ("personnummer", "telefon", "epost", "decimalpunkt", "summa-kon", "over-100"):
        assert found.get(check, []) == [], check
    assert len(found["antal"]) == 1
    assert len(found["andel-kon"]) == 1
    assert all(f.severity == VARNING for f in found.get("konsuppdelning", []))
