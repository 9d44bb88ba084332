"""Consistency: the summary's count sentences, KF goals against their nämndmål, Uppfylls helt against forecasts."""

from decimal import Decimal as D

import pytest

from indicators.models import Indicator
from tertial.checks import FEL, VARNING
from tertial.checks.counts import ALL, count_sentences, parse_sentence
from tests.conftest import make_indicator, set_indicator_result

from .checks_support import findings, make_seed_tree_report, section


@pytest.fixture
def seed(namnd):
    return make_seed_tree_report(namnd)


@pytest.mark.parametrize(
    "sentence, level, total, counts",
    [
        ("Tio av tolv verksamhetsområdesmål bedöms uppnås helt och två delvis.", 2, 12, {"helt": 10, "delvis": 2}),
        (
            "Av totalt arton nämndmål bedöms sexton nämndmål uppnås helt och två delvis.",
            3,
            18,
            {"helt": 16, "delvis": 2},
        ),
        (
            "Förvaltningens bedömning grundar sig på att tre verksamhetsområdesmål nås helt och två delvis.",
            2,
            None,
            {"helt": 3, "delvis": 2},
        ),
        (
            "Förvaltningens bedömning grundar sig på att samtliga underliggande verksamhetsområdesmål nås helt.",
            2,
            None,
            {"helt": ALL},
        ),
        ("Av 18 nämndmål uppfylls 17 helt och inget inte.", 3, 18, {"helt": 17, "inte": 0}),
    ],
)
def test_count_sentences_are_read(sentence, level, total, counts):
    claim = parse_sentence(sentence)
    assert (claim.level, claim.total, claim.counts) == (level, total, counts)


@pytest.mark.parametrize(
    "sentence",
    [
        "Förvaltningen bedömer att stadsdelsnämnden kommer att bidra till hel måluppfyllelse inom samtliga av "
        "kommunfullmäktiges inriktningsmål.",
        "Utvecklingsarbete inom samtliga tre fokusområden har skett i samverkan med näringslivet.",
        "Bedömningen utgår ifrån resultat av indikatorer och nämndmål samt aktiviteter.",
    ],
)
def test_other_sentences_are_not_count_sentences(sentence):
    assert parse_sentence(sentence) is None


def test_summary_count_that_contradicts_the_goals_is_an_error(seed):
    """T2 2022: "sexton … helt och två delvis" while the goals say 17 helt and one (1.4.1) without bedömning."""
    [found] = findings(seed, "antal")
    assert found.severity == FEL
    assert found.place == "Sammanfattande analys – Analys"
    assert "sexton nämndmål uppnås helt och två delvis" in found.message
    assert "17 helt, 1 utan bedömning" in found.message
    assert "Av arton nämndmål bedöms sjutton uppfyllas helt och ett saknar bedömning." in found.message


def test_summary_count_that_matches_passes(seed):
    """With 1.4.1 and 3.2.4 assessed delvis, "sexton … helt och två delvis" is true; the other sentences hold."""
    for number in ("1.4.1", "3.2.4"):
        s = section(seed, number=number)
        s.assessment = "delvis"
        s.save()
    assert findings(seed, "antal") == []


def test_scoped_count_sentence_is_checked_against_its_inriktningsmal(seed):
    # Under inriktningsmål 2 the text says "samtliga underliggande verksamhetsområdesmål nås helt".
    s = section(seed, number="2.3")
    s.assessment = "delvis"
    s.save()
    found = findings(seed, "antal")
    messages = " ".join(f.message for f in found)
    assert "samtliga underliggande verksamhetsområdesmål nås helt" in messages
    assert "under KF:s inriktningsmål 2" in messages
    assert "Tio av tolv" in messages  # and the report-wide sentence no longer holds either


def test_count_sentence_in_an_inriktningsmal_analysis_is_checked(seed):
    s = section(seed, number="1")
    s.analysis = "Förvaltningens bedömning grundar sig på att fyra verksamhetsområdesmål nås helt och ett delvis."
    s.save()
    [found] = [f for f in findings(seed, "antal") if f.section_id == s.id]
    assert "3 helt, 2 delvis" in found.message
    assert "helt: 4 i texten, 3 enligt bedömningarna" in found.message


def test_count_sentence_builder(seed):
    assert count_sentences(seed) == (
        "Tio av tolv verksamhetsområdesmål bedöms uppfyllas helt och två delvis. "
        "Av arton nämndmål bedöms sjutton uppfyllas helt och ett saknar bedömning."
    )


def test_kf_goal_worse_than_all_its_namndmal_is_a_warning(seed):
    # T2 2022: KF goal 1.2 Uppfylls delvis, its nämndmål 1.2.1 and 1.2.2 both Uppfylls helt.
    found = findings(seed, "kf-mot-namndmal")
    assert [(f.place, f.severity) for f in found] == [("KF:s mål för verksamhetsområdet 1.2 – Bedömning", VARNING)]
    assert "sämre än alla dess nämndmål" in found[0].message


def test_kf_goal_better_than_all_its_namndmal_is_a_warning(seed):
    s = section(seed, number="1.1.1")
    s.assessment = "delvis"
    s.save()
    places = [f.place for f in findings(seed, "kf-mot-namndmal")]
    assert "KF:s mål för verksamhetsområdet 1.1 – Bedömning" in places


def test_kf_goal_between_or_equal_to_its_namndmal_passes(seed):
    # 1.1 helt with 1.1.1 helt; 1.4 delvis with 1.4.1 unassessed (nothing to compare); 3.2 helt over four helt.
    s = section(seed, number="1.2.2")
    s.assessment = "inte"
    s.save()
    s = section(seed, number="1.2.1")
    s.assessment = "delvis"
    s.save()
    assert findings(seed, "kf-mot-namndmal") == []


def _indicator(report, number, code, name, *, forecast, target, direction=Indicator.Direction.HIGHER):
    goal = section(report, number=number).goal
    ind = make_indicator(goal, report.namnd, code, name=name, target_value=target, direction=direction)
    set_indicator_result(report=report, indicator=ind, outcome=forecast, forecast=forecast)
    return ind


def test_helt_while_most_forecasts_miss_is_a_warning(seed):
    # 1.3 Uppfylls helt; its annual survey indicators printed 58 % against årsmål 79 % and 63 % against 73 %.
    _indicator(seed, "1.3", "F1", "Andel vårdnadshavare som är nöjda med förskolan", forecast=D(58), target=D(79))
    _indicator(
        seed, "1.3", "F2", "Andel vårdnadshavare som upplever att barnet är tryggt", forecast=D(63), target=D(73)
    )
    _indicator(seed, "1.3", "F3", "Andel legitimerade förskollärare", forecast=D(37), target=D(37))
    [found] = findings(seed, "helt-mot-indikatorer")
    assert found.severity == VARNING
    assert "2 av 3 indikatorer" in found.message


def test_helt_is_judged_direction_aware(seed):
    # 3.2 Uppfylls helt. Sjukfrånvaro (lower is better): prognos 8,3 % against årsmål 8,5 % is on target.
    ind = _indicator(
        seed, "3.2", "S1", "Sjukfrånvaro", forecast=D("8.3"), target=D("8.5"), direction=Indicator.Direction.LOWER
    )
    # Andel personalkostnader för externa konsulter (lower is better): 15,38 % against 5 % misses.
    _indicator(
        seed,
        "3.2",
        "S2",
        "Andel av personalkostnader för externa konsulter",
        forecast=D("15.38"),
        target=D(5),
        direction=Indicator.Direction.LOWER,
    )
    _indicator(seed, "3.2", "S3", "Andel avhysningar som kunnat avvärjas", forecast=D(50), target=D(50))
    assert findings(seed, "helt-mot-indikatorer") == []  # one of three misses
    ind.direction = Indicator.Direction.HIGHER  # read the wrong way, sjukfrånvaro would miss too
    ind.save()
    assert len(findings(seed, "helt-mot-indikatorer")) == 1


def test_inriktningsmal_claim_is_checked_against_its_bedomning(seed):
    # Under its heading the summary says "… bidra till att inriktningsmålet nås helt".
    assert findings(seed, "antal") and all("inriktningsmålet" not in f.message for f in findings(seed, "antal"))
    s = section(seed, number="2")
    s.assessment = "delvis"
    s.save()
    messages = [f.message for f in findings(seed, "antal") if "inriktningsmålet nås helt" in f.message]
    assert len(messages) == 1 and "under KF:s inriktningsmål 2" in messages[0]
