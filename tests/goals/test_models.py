"""The goal structure: numbers unique per year (and nämnd) in the database, and Goal.clean's validation."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from goals.models import Goal, ReportedGoal
from tests.conftest import make_goal, make_namnd


def test_kf_goal_number_unique_per_year(db):
    make_goal("1", year=2022)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_goal("1", "Samma nummer", year=2022)
    # The 2024 structure coexists with 2022's: the same number in another year is another goal.
    make_goal("1", year=2024)


def test_namndmal_number_unique_per_year_and_namnd(namnd, other_namnd):
    parent = make_goal("1.1", parent=make_goal("1"))
    make_goal("1.1.1", namnd=namnd, parent=parent)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_goal("1.1.1", namnd=namnd, parent=parent)
    make_goal("1.1.1", "Annan nämnds mål", namnd=other_namnd, parent=parent)
    assert Goal.objects.filter(number="1.1.1").count() == 2


def test_only_namndmal_have_a_namnd(namnd):
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.create(year=2022, level=1, number="1", text="Inriktningsmål", namnd=namnd)
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.create(year=2022, level=3, number="1.1.1", text="Nämndmål utan nämnd")


def test_reported_goal_unique(namnd):
    goal = make_goal("1.1", parent=make_goal("1"))
    ReportedGoal.objects.create(namnd=namnd, goal=goal)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportedGoal.objects.create(namnd=namnd, goal=goal)


def _errors(goal) -> dict:
    with pytest.raises(ValidationError) as info:
        goal.clean()
    return info.value.message_dict


def test_clean_rejects_bad_numbers(db):
    assert "number" in _errors(Goal(year=2022, level=1, number="1a", text="x"))
    assert "number" in _errors(Goal(year=2022, level=1, number="1.2", text="x"))


def test_clean_checks_the_parent(namnd):
    g1 = make_goal("1")
    g11 = make_goal("1.1", parent=g1)
    assert "parent" in _errors(Goal(year=2022, level=1, number="2", text="x", parent=g1))
    assert "parent" in _errors(Goal(year=2022, level=2, number="1.2", text="x"))
    # Parent two levels up, or from another budget year.
    assert "parent" in _errors(Goal(year=2022, level=3, number="1.1.1", text="x", parent=g1, namnd=namnd))
    assert "parent" in _errors(Goal(year=2024, level=2, number="1.2", text="x", parent=g1))
    # The number must continue the parent's.
    assert "number" in _errors(Goal(year=2022, level=3, number="2.1.1", text="x", parent=g11, namnd=namnd))
    Goal(year=2022, level=3, number="1.1.1", text="x", parent=g11, namnd=namnd).clean()


def test_trailing_point_is_dropped_and_goals_sort_in_document_order(db):
    g1 = make_goal("1")
    make_goal("1.10", parent=g1)
    Goal.objects.create(year=2022, level=2, number=" 1.9. ", text="Med punkt", parent=g1)
    make_goal("1.2", parent=g1)
    numbers = list(Goal.objects.filter(year=2022).values_list("number", flat=True))
    assert numbers == ["1", "1.2", "1.9", "1.10"]


def test_for_namnd_is_the_namnds_own_tree(namnd, other_namnd):
    g1 = make_goal("1")
    mine, theirs = make_goal("1.1", parent=g1), make_goal("1.2", parent=g1)
    ReportedGoal.objects.create(namnd=namnd, goal=mine)
    ReportedGoal.objects.create(namnd=other_namnd, goal=theirs)
    ReportedGoal.objects.create(namnd=other_namnd, goal=mine)
    make_goal("1.1.1", namnd=namnd, parent=mine)
    make_goal("1.1.2", namnd=other_namnd, parent=mine)
    make_goal("1", year=2024)
    tree = Goal.objects.for_namnd(namnd, 2022).distinct()
    assert sorted(g.number for g in tree) == ["1", "1.1", "1.1.1"]
    assert make_namnd("Tredje", "tredje") not in [g.namnd for g in tree]
