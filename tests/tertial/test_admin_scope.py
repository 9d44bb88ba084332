"""The admin permission matrix: who gets into the admin, and a controller sees and changes only their own
nämnd's reports, sections, nämndmål, indicators, activities and results; the KF goal structure is theirs to
read, not to change. Every role is made staff, so that `is_staff` alone is shown to grant nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict, modelform_factory
from django.urls import reverse

from goals.models import Goal, ReportedGoal
from indicators.models import Activity, ActivityResult, Indicator, IndicatorResult
from tertial.admin_versions import VersionedAdminForm
from tertial.models import Report, Section
from tests.conftest import make_report, set_activity_result, set_indicator_result

ROLES = ["anonymous", "skribent", "sekreterare", "stad", "controller", "outsider", "superuser"]
NO_ADMIN = {"anonymous", "skribent", "sekreterare", "stad"}

# (model, controller may add?)
SCOPED_MODELS = [
    (Report, False),
    (Section, False),
    (Goal, True),
    (ReportedGoal, False),
    (Indicator, True),
    (Activity, True),
    (IndicatorResult, True),
    (ActivityResult, True),
]


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def world(report, other_namnd, users, superuser):
    """Two nämnder with a report each, with results; all role users are staff."""
    other_report = make_report(other_namnd, report.period)
    for rep in (report, other_report):
        for indicator in Indicator.objects.filter(namnd=rep.namnd):
            set_indicator_result(report=rep, indicator=indicator, outcome=Decimal("1.5"))
        for activity in Activity.objects.filter(namnd=rep.namnd):
            set_activity_result(report=rep, activity=activity)
    for user in users.values():
        user.is_staff = True
        user.save()
    clients = {"anonymous": None, **users, "superuser": superuser}
    return {"own": report, "foreign": other_report, "users": clients}


def objects_of(report):
    """One object of each scoped model belonging to `report`'s nämnd."""
    return {
        Report: report,
        Section: report.sections.filter(kind=Section.Kind.GOAL).last(),
        Goal: Goal.objects.get(namnd=report.namnd),
        ReportedGoal: ReportedGoal.objects.get(namnd=report.namnd),
        Indicator: Indicator.objects.filter(namnd=report.namnd).first(),
        Activity: Activity.objects.filter(namnd=report.namnd).first(),
        IndicatorResult: IndicatorResult.objects.filter(report=report).first(),
        ActivityResult: ActivityResult.objects.filter(report=report).first(),
    }


def login(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model,addable", SCOPED_MODELS, ids=[m._meta.model_name for m, _ in SCOPED_MODELS])
def test_admin_matrix(client, world, role, model, addable):
    login(client, world, role)
    # "mine" is the nämnd where the user has a role; the outsider is controller of the other one.
    mine, theirs = (world["foreign"], world["own"]) if role == "outsider" else (world["own"], world["foreign"])
    my_obj, their_obj = objects_of(mine)[model], objects_of(theirs)[model]
    pages = {
        "changelist": url(model, "changelist"),
        "add": url(model, "add"),
        "change_mine": url(model, "change", my_obj.pk),
        "change_theirs": url(model, "change", their_obj.pk),
        "history_mine": url(model, "history", my_obj.pk),
        "history_theirs": url(model, "history", their_obj.pk),
        "delete_mine": url(model, "delete", my_obj.pk),
    }
    got = {name: client.get(u) for name, u in pages.items()}

    if role in NO_ADMIN:
        for name, response in got.items():
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("admin:login")), name
        return

    if role == "superuser":
        assert {name: r.status_code for name, r in got.items()} == dict.fromkeys(pages, 200)
        return

    # A controller: their own nämnd's object, never the other's.
    listing = got["changelist"].content.decode()
    assert got["changelist"].status_code == 200
    assert pages["change_mine"] in listing
    assert pages["change_theirs"] not in listing
    assert got["change_mine"].status_code == 200
    assert got["change_theirs"].status_code == 302  # "finns inte", back to the admin index
    assert got["change_theirs"]["Location"] == reverse("admin:index")
    assert got["history_mine"].status_code == 200
    assert got["history_theirs"].status_code == 404
    assert got["add"].status_code == (200 if addable else 403)
    assert got["delete_mine"].status_code == 403  # controllers correct, they do not delete


@pytest.mark.parametrize("role", ["skribent", "sekreterare", "stad"])
def test_staff_flag_alone_gives_no_admin_index(client, world, role):
    login(client, world, role)
    assert client.get(reverse("admin:index")).status_code == 302


def test_controller_admin_index_lists_only_scoped_models(client, world):
    login(client, world, "controller")
    page = client.get(reverse("admin:index")).content.decode()
    for model, _ in SCOPED_MODELS:
        assert url(model, "changelist") in page
    # Roles, nämnder, users and the workflow records are for superusers only.
    for hidden in [
        "admin:tertial_membership_changelist",
        "admin:tertial_namnd_changelist",
        "admin:auth_user_changelist",
    ]:
        assert reverse(hidden) not in page


def form_data(obj, **overrides):
    """The change form's POST data for `obj` as it stands, with some fields changed."""
    data = {}
    for name, value in model_to_dict(obj).items():
        if value is None or value is False:
            continue
        data[name] = value.isoformat() if isinstance(value, date) else value
    form_class = admin.site._registry[type(obj)].form
    if issubclass(form_class, VersionedAdminForm):  # the hidden version the change form is opened at
        form = modelform_factory(type(obj), form=form_class, fields="__all__")(instance=obj)
        data["version_seen"] = form.fields["version_seen"].initial
    data.update(overrides)
    return data


@pytest.mark.parametrize("role,moved", [("controller", False), ("outsider", None), ("superuser", True)])
def test_post_cannot_move_an_indicator_into_another_namnd(client, world, role, moved):
    login(client, world, role)
    indicator = objects_of(world["own"])[Indicator]
    foreign_goal = Goal.objects.get(namnd=world["foreign"].namnd)
    response = client.post(
        url(Indicator, "change", indicator.pk),
        form_data(indicator, namnd=world["foreign"].namnd_id, goal=foreign_goal.pk, name="Flyttad", code="NY-1"),
    )
    indicator.refresh_from_db()
    if moved is None:  # the outsider cannot even reach the object
        assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    elif moved:
        assert response.status_code == 302
        assert indicator.namnd_id == world["foreign"].namnd_id
    else:
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert set(errors) == {"namnd", "goal"}  # neither choice is offered to this controller
    if not moved:
        assert indicator.namnd_id == world["own"].namnd_id and indicator.name != "Flyttad"


@pytest.mark.parametrize("field", ["report", "indicator"])
def test_controller_cannot_move_a_result_to_another_namnds_report_or_indicator(client, world, field):
    login(client, world, "controller")
    result = objects_of(world["own"])[IndicatorResult]
    foreign = {"report": world["foreign"].pk, "indicator": objects_of(world["foreign"])[Indicator].pk}
    response = client.post(
        url(IndicatorResult, "change", result.pk),
        form_data(result, outcome="2.5", **{field: foreign[field]}),
    )
    # A result stays with its report and its indicator: both are read-only on its change page.
    assert response.status_code == 302
    result.refresh_from_db()
    assert result.report_id == world["own"].pk and result.indicator.namnd_id == world["own"].namnd_id


def test_controller_cannot_create_a_namndmal_in_another_namnd_nor_a_kf_goal(client, world):
    login(client, world, "controller")
    parent = Goal.objects.get(number="1.1", namnd=None)
    base = {"year": 2022, "parent": parent.pk, "text": "Nytt mål", "description": "", "expected_result": ""}
    refused = [
        {**base, "level": 3, "number": "1.1.2", "namnd": world["foreign"].namnd_id},
        {**base, "level": 2, "number": "1.2", "namnd": ""},
    ]
    for data in refused:
        assert client.post(url(Goal, "add"), data).status_code == 200
    assert not Goal.objects.filter(text="Nytt mål").exists()
    response = client.post(url(Goal, "add"), {**base, "level": 3, "number": "1.1.2", "namnd": world["own"].namnd_id})
    assert response.status_code == 302
    assert Goal.objects.get(text="Nytt mål").namnd_id == world["own"].namnd_id


@pytest.mark.parametrize("role,allowed", [("controller", False), ("superuser", True)])
def test_kf_goal_structure_is_read_only_for_controllers(client, world, role, allowed):
    login(client, world, role)
    kf_goal = Goal.objects.get(number="1.1", namnd=None)
    page = client.get(url(Goal, "change", kf_goal.pk))
    assert page.status_code == 200
    assert ('name="_save"' in page.content.decode()) is allowed
    response = client.post(url(Goal, "change", kf_goal.pk), form_data(kf_goal, text="Ändrat KF-mål"))
    assert response.status_code == (302 if allowed else 403)
    kf_goal.refresh_from_db()
    assert (kf_goal.text == "Ändrat KF-mål") is allowed


def test_controller_cannot_move_a_section_nor_change_its_review_state(client, world):
    login(client, world, "controller")
    section = objects_of(world["own"])[Section]
    data = form_data(section, report=world["foreign"].pk, state=Section.State.GODKAND, analysis="Ny text")
    response = client.post(url(Section, "change", section.pk), data)
    assert response.status_code == 302
    section.refresh_from_db()
    # The text is the controller's to change; where the section belongs and its review state are not.
    assert section.analysis == "<p>Ny text</p>" and section.version == 2
    assert section.report_id == world["own"].pk and section.state == Section.State.UTKAST


def test_faststalld_report_is_read_only_in_the_admin_for_controllers(client, world):
    report = world["own"]
    report.status = Report.Status.FASTSTALLD
    report.save()
    login(client, world, "controller")
    section = objects_of(report)[Section]
    response = client.post(url(Section, "change", section.pk), form_data(section, analysis="Efteråt"))
    assert response.status_code == 302  # back to the read-only page, with the reason (tests/tertial/test_freeze.py)
    section.refresh_from_db()
    assert section.analysis == ""


def test_responsible_choices_are_the_controllers_nämnd_members(client, world):
    login(client, world, "controller")
    section = objects_of(world["own"])[Section]
    choices = client.get(url(Section, "change", section.pk)).context["adminform"].form.fields["responsible"].queryset
    assert set(choices.values_list("username", flat=True)) == {"skribent", "controller", "sekreterare"}


@pytest.mark.parametrize(
    "role, shown", [("skribent", False), ("stad", False), ("controller", True), ("superuser", True)]
)
def test_navbar_offers_administration_only_to_who_gets_in(client, world, role, shown):
    # Every role here is staff: a staff skribent must not be sent to an admin login they cannot pass.
    login(client, world, role)
    page = client.get(reverse("home")).content.decode()
    assert (">Administration</a>" in page) is shown
