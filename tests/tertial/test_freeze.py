"""A fastställd report cannot change: not its own rows, not the catalogue rows it prints, not through the admin
(superusers included) and not through the services. The registry of `tertial.freeze` covers every model related to a
report: a new model with a `report` key (or one a report's rows point at) fails here until it is placed."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.messages import get_messages
from django.core.exceptions import FieldDoesNotExist
from django.db.models import ForeignKey, OneToOneField
from django.urls import reverse

from economy.models import Area, AreaRow, BudgetAdjustment
from goals.models import Goal
from indicators.models import Activity, Indicator, IndicatorResult
from tertial import freeze
from tertial.admin_scope import FrozenAdminMixin
from tertial.exports.selectors import load_report
from tertial.models import Comment, Namnd, Report
from tests.conftest import make_indicator, set_indicator_result
from tests.tertial.test_admin_scope import form_data


def _is_history(model) -> bool:
    return any(f.name == "history_id" for f in model._meta.fields)


def _models():
    return [m for m in apps.get_models() if not _is_history(m)]


def _forward_keys(model):
    return [f for f in model._meta.fields if isinstance(f, ForeignKey | OneToOneField)]


def _owned_models() -> set:
    """Models with a chain of foreign keys (up to three) that ends at Report."""
    owned = {Report}
    for _ in range(3):
        owned |= {m for m in _models() if any(f.related_model in owned for f in _forward_keys(m))}
    return owned


def _reachable_models() -> set:
    """The owned models and everything their keys point at, transitively (the catalogue a report prints)."""
    seen = set(_owned_models())
    todo = list(seen)
    while todo:
        model = todo.pop()
        for field in _forward_keys(model):
            target = field.related_model
            if target not in seen and not _is_history(target) and target._meta.app_label != "contenttypes":
                seen.add(target)
                todo.append(target)
    return seen


def test_every_model_related_to_a_report_is_frozen_or_exempt_with_a_reason():
    missing = sorted(m._meta.label for m in _reachable_models() if not freeze.is_covered(m))
    assert missing == [], f"Place these in tertial.freeze OWNED, PRINTED or EXEMPT: {missing}"
    assert all(reason.strip() for reason in freeze.EXEMPT.values())


def test_every_owned_model_is_in_owned_and_its_path_ends_at_the_report():
    for model in _owned_models():
        label = model._meta.label
        if label in freeze.EXEMPT:
            continue
        assert label in freeze.OWNED, f"{label} has a key to a report: add it to tertial.freeze.OWNED"
        path = freeze.OWNED[label]
        target = model
        for hop in path.split("__") if path else []:
            target = target._meta.get_field(hop).related_model
        assert target is Report, f"{label}: {path!r} does not lead to Report"


def test_every_key_from_a_report_row_to_a_printed_row_is_a_printed_lookup():
    """An owned row's key to a catalogue row means the report prints that row: the lookup must be listed."""
    report_lookups = {}
    for model in _owned_models():
        label = model._meta.label
        if model is Report or label in freeze.EXEMPT:
            continue
        field = model._meta.get_field(freeze.OWNED[label].split("__")[0])
        if field.related_model is Report:
            report_lookups[model] = field.related_query_name()
    report_lookups[Report] = ""
    for model, to_model in report_lookups.items():
        for field in _forward_keys(model):
            printed = freeze.PRINTED.get(field.related_model._meta.label)
            if printed is None:
                continue
            lookup = f"{to_model}__{field.name}" if to_model else field.name
            assert lookup in printed, f"{field.related_model._meta.label}: add {lookup!r} to tertial.freeze.PRINTED"


def test_printed_lookups_lead_from_report_to_their_model():
    for label, lookups in freeze.PRINTED.items():
        model = apps.get_model(label)
        for lookup in lookups:
            target = Report
            for hop in lookup.split("__"):
                try:
                    field = target._meta.get_field(hop)
                except FieldDoesNotExist:
                    pytest.fail(f"{label}: {lookup!r} is not a lookup from Report")
                target = field.related_model
            assert target is model, f"{label}: {lookup!r} leads to {target}"


def test_every_admin_of_a_frozen_model_refuses_frozen_rows():
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        if label in freeze.OWNED or label in freeze.PRINTED:
            assert isinstance(model_admin, FrozenAdminMixin), f"{type(model_admin).__name__} lacks FrozenAdminMixin"


# -- behaviour ------------------------------------------------------------------------------------------------------


@pytest.fixture
def faststalld(report):
    indicator = Indicator.objects.filter(namnd=report.namnd).first()
    set_indicator_result(report=report, indicator=indicator, outcome=Decimal("1.5"), analysis="Som fastställd")
    area = Area.objects.create(namnd=report.namnd, year=report.period.year, name="Äldreomsorg")
    AreaRow.objects.create(report=report, area=area, budget=Decimal(100), forecast=Decimal(90))
    report.status = Report.Status.FASTSTALLD
    report.save()
    return report


def _url(obj, view):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk])


def _messages(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


CATALOGUE_EDITS = [
    (lambda r: Indicator.objects.filter(namnd=r.namnd).first(), {"name": "Nytt namn", "target_value": "9"}),
    (lambda r: Activity.objects.filter(namnd=r.namnd).first(), {"text": "Ny aktivitetstext"}),
    (lambda r: Goal.objects.get(namnd=r.namnd), {"text": "Nytt nämndmål"}),
    (lambda r: Goal.objects.get(number="1.1", namnd=None), {"text": "Nytt KF-mål"}),
    (lambda r: Area.objects.get(namnd=r.namnd), {"name": "Nytt område"}),
    (lambda r: r.namnd, {"name": "Ny nämnd"}),
    (
        lambda r: IndicatorResult.objects.filter(report=r, analysis__contains="Som fastställd").get(),
        {"analysis": "Efteråt"},
    ),
    (lambda r: r.sections.filter(goal__isnull=False).last(), {"analysis": "Efteråt"}),
]


@pytest.mark.parametrize("get_obj,changes", CATALOGUE_EDITS, ids=lambda v: getattr(v, "__name__", str(v))[:30])
def test_superuser_cannot_change_a_row_a_faststalld_report_prints(client, faststalld, superuser, get_obj, changes):
    obj = get_obj(faststalld)
    before = load_report(Report.objects.select_related("namnd", "period").get(pk=faststalld.pk)).version
    client.force_login(superuser)
    page = client.get(_url(obj, "change"))
    assert page.status_code == 200 and "fastställd" in _messages(page)
    response = client.post(_url(obj, "change"), form_data(obj, **changes))
    assert response.status_code == 302
    assert "fastställd" in _messages(response)
    stored = type(obj).objects.get(pk=obj.pk)
    for name in changes:
        assert getattr(stored, name) == getattr(obj, name)
    response = client.post(_url(obj, "delete"), {"post": "yes"})
    assert response.status_code == 302 and type(obj).objects.filter(pk=obj.pk).exists()
    after = load_report(Report.objects.select_related("namnd", "period").get(pk=faststalld.pk)).version
    assert after == before  # the fastställd report's export did not change


def test_the_same_rows_can_be_changed_while_the_report_is_open(client, report, superuser):
    indicator = Indicator.objects.filter(namnd=report.namnd).first()
    client.force_login(superuser)
    response = client.post(_url(indicator, "change"), form_data(indicator, name="Nytt namn"))
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Nytt namn"


def test_a_namnd_slug_is_not_printed_and_may_change(faststalld):
    namnd = Namnd.objects.get(pk=faststalld.namnd_id)
    namnd.slug = "nytt-kortnamn"
    freeze.check(namnd)
    namnd.name = "Nytt namn"
    with pytest.raises(freeze.Frozen, match="fastställd"):
        freeze.check(namnd)


def test_a_new_catalogue_row_is_always_allowed(faststalld):
    goal = Goal.objects.get(namnd=faststalld.namnd)
    freeze.check(Indicator(namnd=faststalld.namnd, goal=goal, year=2022, code="NY", name="Ny", kind="namnd"))
    make_indicator(goal, faststalld.namnd, "NY-2")


def test_nothing_can_be_added_to_a_faststalld_report(faststalld, users):
    section = faststalld.sections.first()
    with pytest.raises(freeze.Frozen):
        freeze.check(Comment(section=section, author=users["controller"], text="Sent"))
    with pytest.raises(freeze.Frozen):
        freeze.check(BudgetAdjustment(report=faststalld, kind="drift", amount=1, purpose="x"))


def test_a_row_cannot_be_moved_out_of_a_faststalld_report(faststalld, namnd, other_namnd):
    from tests.conftest import make_report

    other = make_report(other_namnd, faststalld.period)
    row = IndicatorResult.objects.filter(report=faststalld).first()
    row.report = other
    with pytest.raises(freeze.Frozen):
        freeze.check(row)


def test_controller_cannot_change_the_nämndmål_of_a_faststalld_report(client, faststalld, users):
    users["controller"].is_staff = True
    users["controller"].save()
    client.force_login(users["controller"])
    goal = Goal.objects.get(namnd=faststalld.namnd)
    response = client.post(_url(goal, "change"), form_data(goal, text="Ändrat"))
    assert response.status_code == 302 and "fastställd" in _messages(response)
    goal.refresh_from_db()
    assert goal.text == "Nämndmål"


def test_a_form_opened_before_faststallande_is_refused_with_the_reason(client, report, superuser):
    """The admin form checks again on save: the report may have been fastställd while the page was open."""
    indicator = Indicator.objects.filter(namnd=report.namnd).first()
    model_admin = admin.site._registry[Indicator]
    request = client.get("/").wsgi_request
    request.user = superuser
    form_class = model_admin.get_form(request, indicator, change=True)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.FASTSTALLD)
    form = form_class(form_data(indicator, name="Ändrat"), instance=indicator)
    assert not form.is_valid()
    assert "fastställd" in " ".join(form.non_field_errors())


def test_bulk_delete_of_a_printed_row_is_refused(client, faststalld, superuser):
    indicator = Indicator.objects.filter(namnd=faststalld.namnd).first()
    client.force_login(superuser)
    response = client.post(
        reverse("admin:indicators_indicator_changelist"),
        {"action": "delete_selected", "_selected_action": [indicator.pk], "post": "yes"},
    )
    assert response.status_code in (302, 403)
    assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_the_services_add_nothing_to_a_faststalld_report(faststalld, users):
    from economy.services import ensure_economy_rows
    from tertial.editing import keep_draft
    from tertial.services import ensure_report_sections
    from tertial.workflow import WorkflowError

    goal = Goal.objects.get(namnd=faststalld.namnd)
    make_indicator(goal, faststalld.namnd, "NY-3")
    Area.objects.create(namnd=faststalld.namnd, year=2022, name="Nytt område")
    sections, results = faststalld.sections.count(), faststalld.indicator_results.count()
    assert ensure_report_sections(report=faststalld) == {"sections": 0, "indicator_results": 0, "activity_results": 0}
    ensure_economy_rows(report=faststalld)
    assert (faststalld.sections.count(), faststalld.indicator_results.count()) == (sections, results)
    assert faststalld.area_rows.count() == 1
    with pytest.raises(WorkflowError, match="fastställd"):
        keep_draft(section=faststalld.sections.first(), user=users["skribent"], data={}, base_version=1)
