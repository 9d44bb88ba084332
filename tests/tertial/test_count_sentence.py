"""The count sentence of Sammanfattande analys, in Swedish words, computed from the bedömningar."""

from collections import Counter

from goals.models import Goal
from tertial.models import Section
from tertial.selectors import build_count_sentence, count_sentence
from tests.conftest import make_goal

from .helpers import login, url


def test_the_documents_sentence():
    sentence = build_count_sentence(Counter(helt=10, delvis=2), Counter(helt=16, delvis=2))
    assert sentence == (
        "Tio av tolv verksamhetsområdesmål bedöms uppfyllas helt och två delvis. "
        "Av arton nämndmål bedöms sexton uppfyllas helt och två delvis."
    )


def test_inte_and_unassessed_goals_are_told():
    sentence = build_count_sentence(Counter(helt=3, delvis=1, inte=1), Counter({"helt": 17, "": 1}))
    assert sentence == (
        "Tre av fem verksamhetsområdesmål bedöms uppfyllas helt, ett delvis och ett inte. "
        "Av arton nämndmål bedöms sjutton uppfyllas helt. Ett nämndmål är inte bedömt."
    )


def test_none_helt():
    assert build_count_sentence(Counter(delvis=2), Counter()) == (
        "Inget av två verksamhetsområdesmål bedöms uppfyllas helt och två delvis."
    )


def test_count_sentence_of_a_report_is_offered_on_the_summary(client, users, report):
    kf = Goal.objects.get(number="1.1", namnd=None)
    extra = make_goal("1.1.2", "Ett till", namnd=report.namnd, parent=kf)
    Section.objects.create(report=report, kind=Section.Kind.GOAL, goal=extra, assessment="delvis", position=5)
    report.sections.filter(goal__number__in=["1.1", "1.1.1"]).update(assessment="helt")
    expected = "Ett av ett verksamhetsområdesmål bedöms uppfyllas helt. Av två nämndmål bedöms ett uppfyllas helt och ett delvis."
    assert count_sentence(report) == expected
    login(client, users["skribent"])
    summary = report.sections.get(kind=Section.Kind.SUMMARY)
    assert expected in client.get(url("section_edit", report, summary)).content.decode()
