"""generate_bench_data / create_bench_report: the sizes asked for, analyses with structure, deterministic."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from indicators.models import Activity, Indicator, IndicatorResult
from tertial import richtext
from tertial.bench_data import create_bench_report, delete_bench_report
from tertial.models import Report, Section

SMALL = ["--goals", "8", "--indicators", "12", "--activities", "10", "--min-words", "60", "--max-words", "120"]


def test_command_builds_the_requested_reports(db):
    out = StringIO()
    call_command("generate_bench_data", "--namnder", "2", "--period", "2025-T2", *SMALL, stdout=out)
    assert "2 rapporter för 2025-T2 klara på" in out.getvalue()
    reports = Report.objects.filter(namnd__slug__in=["bench-01", "bench-02"], period__year=2025)
    assert reports.count() == 2
    for report in reports:
        assert report.sections.filter(kind="goal").count() == 8
        assert Indicator.objects.filter(namnd=report.namnd, year=2025).count() == 12
        assert Activity.objects.filter(namnd=report.namnd, year=2025).count() == 10
        assert report.indicator_results.exclude(outcome=None).count() == 12
        assert report.activity_results.count() == 10
        assert report.sections.filter(kind__in=Section.ECONOMY_TEXT_KINDS).count() == len(Section.ECONOMY_TEXT_KINDS)
        for section in report.sections.filter(kind="goal"):
            assert 60 <= richtext.word_count(section.analysis) <= 120 + 200  # ends after a whole paragraph or list

    # Idempotent: a second run adds nothing; --replace rebuilds.
    call_command("generate_bench_data", "--namnder", "2", *SMALL, stdout=StringIO())
    assert Report.objects.filter(namnd__slug__startswith="bench-").count() == 2
    first_id = reports.get(namnd__slug="bench-01").pk
    call_command("generate_bench_data", "--namnder", "2", "--replace", *SMALL, stdout=StringIO())
    assert Report.objects.get(namnd__slug="bench-01").pk != first_id
    assert Indicator.objects.filter(namnd__slug="bench-01").count() == 12


def test_gender_splits_are_consistent(db):
    report = create_bench_report(
        slug="bench-x", name="X", period_code="2025-T2", indicators=60, min_words=50, max_words=80
    )
    for result in IndicatorResult.objects.filter(report=report).select_related("indicator"):
        if result.indicator.gender_split == "count":
            assert result.outcome_men + result.outcome_women == result.outcome
        elif result.indicator.gender_split == "none":
            assert result.outcome_men is None and result.outcome_women is None


def test_full_size_analyses_have_subheadings_and_lists(db):
    report = create_bench_report(
        slug="bench-big", name="Stor", period_code="2025-T2", goals=6, indicators=5, activities=5
    )
    words = [richtext.word_count(s.analysis) for s in report.sections.filter(kind="goal")]
    assert min(words) >= 500 and max(words) <= 6300
    blocks = [b.kind for s in report.sections.filter(kind="goal") for b in richtext.parse(s.analysis)]
    assert {"heading", "bullets", "paragraph"} <= set(blocks)


def test_deterministic_with_a_seed(db):
    def build(slug, seed):
        report = create_bench_report(
            slug=slug, name=slug, period_code="2025-T2", goals=6, indicators=4, activities=2, seed=seed
        )
        texts = list(report.sections.filter(kind="goal").order_by("position").values_list("analysis", flat=True))
        outcomes = list(report.indicator_results.order_by("indicator__code").values_list("outcome", flat=True))
        return report, texts + outcomes

    report, first = build("bench-a", 7)
    assert create_bench_report(slug="bench-a", name="bench-a", period_code="2025-T2", seed=7).pk == report.pk
    delete_bench_report(slug="bench-a", period_code="2025-T2")
    assert build("bench-a", 7)[1] == first
    delete_bench_report(slug="bench-a", period_code="2025-T2")
    assert build("bench-a", 8)[1] != first


def test_bad_period_is_a_clear_error(db):
    with pytest.raises(CommandError, match="Ogiltig period"):
        call_command("generate_bench_data", "--period", "2025-T4", stdout=StringIO())
