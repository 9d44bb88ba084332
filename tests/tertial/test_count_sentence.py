"""The count sentence of Sammanfattande analys, in Swedish words, computed from the bedömningar.

One builder (tertial.checks.counts) serves the summary page, the Kontroll page and the consistency check.
"""

import pytest

from goals.models import Goal
from tertial.checks.counts import count_sentences, mismatches, parse_sentence, sentence_for
from tertial.models import Section
from tests.conftest import make_goal

from .helpers import login, url


def counts(helt=0, delvis=0, inte=0, none=0):
    return {"helt": helt, "delvis": delvis, "inte": inte, "": none}


def test_the_documents_sentence():
    assert sentence_for(2, counts(helt=10, delvis=2)) + " " + sentence_for(3, counts(helt=17, none=1)) == (
        "Tio av tolv verksamhetsområdesmål bedöms uppfyllas helt och två delvis. "
        "Av arton nämndmål bedöms sjutton uppfyllas helt och ett saknar bedömning."
    )


def test_inte_and_unassessed_goals_are_told():
    assert sentence_for(2, counts(helt=3, delvis=1, inte=1, none=2)) == (
        "Tre av sju verksamhetsområdesmål bedöms uppfyllas helt, ett delvis, ett inte och två saknar bedömning."
    )


def test_none_helt_and_none_assessed():
    assert (
        sentence_for(2, counts(delvis=2)) == "Inget av två verksamhetsområdesmål bedöms uppfyllas helt och två delvis."
    )
    assert sentence_for(3, counts(none=4)) == "Inget av fyra nämndmål har ännu bedömts."
    assert sentence_for(3, counts()) == ""


@pytest.mark.parametrize(
    "level, actual",
    [
        (2, counts(helt=10, delvis=2)),
        (2, counts(helt=1)),
        (2, counts(helt=1, none=1)),
        (3, counts(helt=17, none=1)),
        (3, counts(delvis=1, inte=2)),
        (3, counts(helt=5, delvis=1, inte=1, none=1)),
    ],
)
def test_the_proposed_sentence_passes_the_check(level, actual):
    claim = parse_sentence(sentence_for(level, actual))
    assert claim.level == level
    assert mismatches(claim, actual) == []


def test_count_sentence_of_a_report_is_offered_on_the_summary(client, users, report):
    kf = Goal.objects.get(number="1.1", namnd=None)
    extra = make_goal("1.1.2", "Ett till", namnd=report.namnd, parent=kf)
    Section.objects.create(report=report, kind=Section.Kind.GOAL, goal=extra, assessment="delvis", position=5)
    report.sections.filter(goal__number__in=["1.1", "1.1.1"]).update(assessment="helt")
    expected = (
        "Ett av ett verksamhetsområdesmål bedöms uppfyllas helt. "
        "Av två nämndmål bedöms ett uppfyllas helt och ett delvis."
    )
    assert count_sentences(report) == expected
    login(client, users["skribent"])
    summary = report.sections.get(kind=Section.Kind.SUMMARY)
    assert expected in client.get(url("section_edit", report, summary)).content.decode()


def test_city_sentence_counts_namnder_in_words():
    from tertial.checks.counts import namnd_sentence

    assert namnd_sentence({"helt": 27, "delvis": 3, "inte": 1, "": 0}) == (
        "Tjugosju av trettioen nämnder bedömer att målet uppfylls helt, tre att det uppfylls delvis och en att det "
        "inte uppfylls."
    )
    assert namnd_sentence({"helt": 0, "delvis": 1, "inte": 0, "": 2}) == (
        "Ingen av tre nämnder bedömer att målet uppfylls helt, en att det uppfylls delvis och två har ännu inte "
        "bedömt det."
    )
    assert namnd_sentence({"helt": 0, "delvis": 0, "inte": 0, "": 2}) == "Ingen av två nämnder har ännu bedömt målet."
    assert namnd_sentence({"helt": 0, "delvis": 0, "inte": 0, "": 0}) == ""


def test_city_number_words_read_back_in_a_count_sentence():
    from tertial.checks.counts import parse_sentence

    claim = parse_sentence("Tjugoen av trettioen verksamhetsområdesmål bedöms uppfyllas helt och tio delvis.")
    assert claim.total == 31 and claim.counts == {"helt": 21, "delvis": 10}
