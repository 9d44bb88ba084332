"""tertial 0020: templates and reports made before the economy text got its printed title ("Verksamhetsprojekt
(driftprojekt)", as the city's reports print it) are renamed, with a history row; a fastställd report keeps its."""

import importlib

from django.apps import apps

from tertial.models import Report, Section
from tertial.template_models import TemplateSection
from tests.conftest import make_namnd, make_period, make_report

migration = importlib.import_module("tertial.migrations.0020_verksamhetsprojekt_title_data")


def _projects(report):
    return report.sections.get(kind=Section.Kind.ECONOMY_PROJECTS)


def test_the_old_default_title_becomes_the_printed_one(db):
    report = make_report(with_tree=False)
    locked = make_report(make_namnd("Annan nämnd", "annan"), make_period(2022, "T1"), with_tree=False)
    entry = _projects(report).template_entry
    TemplateSection.objects.filter(pk=entry.pk).update(title="Verksamhetsprojekt")  # as made before 0018
    Section.objects.filter(kind=Section.Kind.ECONOMY_PROJECTS).update(heading_text="Verksamhetsprojekt")
    Report.objects.filter(pk=locked.pk).update(status=Report.Status.FASTSTALLD)
    history = _projects(report).history.count()

    migration.forwards(apps, None)

    assert TemplateSection.objects.get(pk=entry.pk).title == "Verksamhetsprojekt (driftprojekt)"
    assert _projects(report).title == "Verksamhetsprojekt (driftprojekt)"
    assert _projects(report).history.count() == history + 1
    assert _projects(report).history.first().history_change_reason == "Rubriken som i stadens rapporter"
    assert _projects(locked).title == "Verksamhetsprojekt"  # as it was fastställd


def test_a_title_of_the_citys_own_stays(db):
    report = make_report(with_tree=False)
    Section.objects.filter(kind=Section.Kind.ECONOMY_PROJECTS).update(heading_text="Driftprojekt")
    migration.forwards(apps, None)
    assert _projects(report).title == "Driftprojekt"
