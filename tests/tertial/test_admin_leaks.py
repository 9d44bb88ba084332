"""Nothing leaks through the admin: every registered admin URL × every role × the rows of another nämnd.

Every text of the other nämnd ("Hemliga nämnden") carries the marker ZX9: its name, goal, indicator and activity
texts, section and result analyses, comments, drafts, transitions, export and import records, catalogue names. For
each role (every account made staff and put in a Django group holding every model permission, to show that neither
grants anything) the test opens, for every model in the admin: the changelist (plain, searched for the marker,
filtered on each related list filter with the other nämnd's key, as a raw-id popup), the add page, the change,
history, history-version and delete pages of the other nämnd's row, and the autocomplete of every autocomplete
field; it posts the change form, the revert form and the delete confirmation of that row, and posts the
controller's own rows back with every raw-id field set to the other nämnd's key. No response may show the marker,
answer 500, or change a row. The superuser is the control: the marker is on the changelists.
"""

import hashlib
import json
import re
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core import serializers
from django.db.models import ForeignKey
from django.urls import reverse

from economy.models import Area, BudgetAdjustment, CostType, InvestmentCategory
from goals.models import Goal
from indicators.models import Activity, Indicator, KfActivity, KfIndicator
from tertial.admin_scope import HistoryAdmin, NamndScopedAdminMixin
from tertial.city.models import CityIndicator
from tertial.models import (
    AuditEvent,
    Comment,
    Draft,
    ExportLog,
    FindingAcknowledgement,
    ImportLog,
    Membership,
    ReminderLog,
    ReportTransition,
    Section,
    SectionTransition,
)
from tests.conftest import make_namnd, make_report, make_user, set_activity_result, set_indicator_result

MARKER = "ZX9"
ROLES = ["skribent", "sekreterare", "stad", "stadsadmin", "controller"]


def _mark(obj, **fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save()
    return obj


@pytest.fixture
def leak_world(report, users, superuser):
    """`report` is the controller's nämnd's; the other nämnd's rows all say ZX9."""
    secret = make_namnd(f"Hemliga nämnden {MARKER}", "hemliga")
    theirs = make_report(secret, report.period)
    outsider = make_user(f"outsider-{MARKER}", namnd=secret, role=Membership.Role.CONTROLLER, first_name=MARKER)
    users["stadsadmin"] = make_user("stadsadmin", role=Membership.Role.CITY_ADMIN)
    Membership.objects.filter(user=users["stadsadmin"]).update(namnd=None)
    goal = _mark(Goal.objects.get(namnd=secret), text=f"Nämndmål {MARKER}")
    for indicator in Indicator.objects.filter(namnd=secret):
        _mark(indicator, name=f"{indicator.name} {MARKER}")
        set_indicator_result(report=theirs, indicator=indicator, analysis=f"Analys {MARKER}")
    for activity in Activity.objects.filter(namnd=secret):
        _mark(activity, text=f"{activity.text} {MARKER}")
        set_activity_result(report=theirs, activity=activity, analysis=f"Analys {MARKER}")
    section = theirs.sections.get(goal=goal)
    _mark(section, analysis=f"Hemlig analys {MARKER}", responsible=outsider)
    SectionTransition.objects.create(
        section=section, from_state="utkast", to_state="klar", user=outsider, reason=MARKER
    )
    ReportTransition.objects.create(
        report=theirs, from_status="under_arbete", to_status="under_granskning", user=outsider, reason=MARKER
    )
    Comment.objects.create(section=section, author=outsider, text=f"Kommentar {MARKER}")
    AuditEvent.objects.create(kind="inloggning", user=outsider, username=outsider.username, target=MARKER)
    ReminderLog.objects.create(
        section=section, user=outsider, kind="fore", deadline="2022-09-01", email=f"{MARKER.lower()}@example.org"
    )
    Draft.objects.create(section=section, user=outsider, data={"analysis": f"Utkast {MARKER}"}, base_version=1)
    ExportLog.objects.create(report=theirs, user=outsider, format="docx", report_status="under_arbete")
    FindingAcknowledgement.objects.create(report=theirs, key=MARKER, message=MARKER, comment=MARKER, user=outsider)
    ImportLog.objects.create(kind="plan", namnd=secret, year=2022, file_name=f"{MARKER}.xlsx", user=outsider)
    area = Area.objects.create(namnd=secret, year=2022, name=f"Område {MARKER}")
    Area.objects.create(namnd=secret, year=2022, name=f"Delområde {MARKER}", parent=area)
    category = InvestmentCategory.objects.create(namnd=secret, year=2022, name=f"Investering {MARKER}")
    CostType.objects.create(namnd=secret, year=2022, name=f"Kostnadsslag {MARKER}", kind="kostnad")
    BudgetAdjustment.objects.create(report=theirs, kind="drift", amount=1, purpose=f"ändamål {MARKER}", area=area)
    BudgetAdjustment.objects.create(
        report=theirs, kind="investering", amount=1, purpose=f"ändamål {MARKER}", category=category
    )
    kf_goal = Goal.objects.get(number="1.1", namnd=None)
    KfIndicator.objects.create(code=MARKER, name=MARKER, goal=kf_goal, unit="%", year=2022)
    KfActivity.objects.create(text=MARKER, goal=kf_goal, year=2022)
    CityIndicator.objects.create(code=MARKER, method=CityIndicator.Method.MEAN)
    Group.objects.create(name=f"Grupp {MARKER}")
    # The own nämnd's catalogue and economy rows, for the raw-id posts.
    own_area = Area.objects.create(namnd=report.namnd, year=2022, name="Eget område")
    BudgetAdjustment.objects.create(report=report, kind="drift", amount=1, purpose="eget", area=own_area)

    everything = Group.objects.create(name="Alla rättigheter")
    everything.permissions.set(Permission.objects.all())
    for user in users.values():
        user.is_staff = True
        user.save()
        user.groups.add(everything)
        user.user_permissions.set(Permission.objects.all())
    return {"report": report, "secret": secret, "theirs": theirs, "users": users, "superuser": superuser}


def _follow_pk(obj, path):
    for hop in path.split("__"):
        obj = getattr(obj, hop, None)
        if hasattr(obj, "all"):  # a many-to-many: its first row
            obj = obj.all().first()
        if obj is None:
            return None
    return obj.pk


def secret_object(model, model_admin, world):
    """The other nämnd's row of `model` (for admins that are not scoped: any row; they are superusers' only)."""
    qs = model._default_manager.order_by("pk")
    if isinstance(model_admin, NamndScopedAdminMixin):
        qs = qs.filter(**{model_admin.namnd_path: world["secret"]})
    return qs.last()


def own_object(model, model_admin, world):
    if not isinstance(model_admin, NamndScopedAdminMixin):
        return None
    return model._default_manager.filter(**{model_admin.namnd_path: world["report"].namnd}).order_by("pk").last()


def fingerprint():
    """Every row of every admin's model, serialized: a write anywhere changes it."""
    digest = hashlib.sha256()
    for model in sorted(admin.site._registry, key=lambda m: m._meta.label):
        if model is AuditEvent:  # records every admin save it is told of, as Django's LogEntry does: not data
            continue
        rows = model._default_manager.order_by("pk")
        digest.update(serializers.serialize("json", rows).encode())
    return digest.hexdigest()


def filter_params(model_admin, obj):
    """`?field__id__exact=<the other nämnd's key>` for every related list filter."""
    params = []
    for entry in model_admin.list_filter:
        name = entry[0] if isinstance(entry, tuple) else entry
        if not isinstance(name, str):
            continue
        field, model = None, model_admin.model
        for hop in name.split("__"):
            field = model._meta.get_field(hop)
            model = field.related_model if field.is_relation else None
        if field.is_relation:
            pk = _follow_pk(obj, name)
            if pk is not None:
                params.append({f"{name}__id__exact": pk})
    return params


def admin_gets(model, model_admin, obj):
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    changelist = reverse(f"{prefix}_changelist")
    urls = [
        changelist,
        f"{changelist}?q={MARKER}",
        f"{changelist}?_to_field=id&_popup=1",
        f"{changelist}?{urlencode({'_to_field': 'id', '_popup': 1, 'id__exact': obj.pk})}",
        reverse(f"{prefix}_add"),
        reverse(f"{prefix}_change", args=[obj.pk]),
        reverse(f"{prefix}_delete", args=[obj.pk]),
        reverse(f"{prefix}_history", args=[obj.pk]),
    ]
    urls += [f"{changelist}?{urlencode(p)}" for p in filter_params(model_admin, obj)]
    if isinstance(model_admin, HistoryAdmin):
        record = obj.history.order_by("history_id").last()
        urls.append(reverse(f"{prefix}_simple_history", args=[obj.pk, record.history_id]))
    for field in model_admin.autocomplete_fields:
        query = {"term": "", "app_label": model._meta.app_label, "model_name": model._meta.model_name}
        urls.append(f"{reverse('admin:autocomplete')}?{urlencode({**query, 'field_name': field})}")
    return urls


def admin_posts(model, model_admin, obj, client):
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    posts = [
        (reverse(f"{prefix}_change", args=[obj.pk]), {"name": "x", "text": "x", "analysis": "x"}),
        (reverse(f"{prefix}_delete", args=[obj.pk]), {"post": "yes"}),
    ]
    if isinstance(model_admin, HistoryAdmin):
        record = obj.history.order_by("history_id").first()
        posts.append((reverse(f"{prefix}_simple_history", args=[obj.pk, record.history_id]), {}))
    return posts


def change_form_data(client, url):
    """The change form's fields as served, for posting it back."""
    response = client.get(url)
    assert response.status_code == 200, url
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = value
    return data


def _check(response, what, leaks):
    body = response.content.decode(errors="replace")
    # The search box and the links of a searched changelist echo the search term.
    body = re.sub(f'(q=|q%3D|value="|“){MARKER}', "", body)
    # A CSRF token is 64 random letters and digits: one in a few pages holds "ZX9" by chance.
    body = re.sub(r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+', "", body)
    if response.status_code >= 500:
        leaks.append(f"{what}: {response.status_code}")
    elif MARKER in body:
        leaks.append(f"{what}: shows {MARKER}")


@pytest.mark.parametrize("role", ROLES)
def test_no_admin_url_leaks_another_namnds_rows(client, leak_world, role):
    client.force_login(leak_world["users"][role])
    before = fingerprint()
    leaks, missing = [], []
    for model, model_admin in admin.site._registry.items():
        obj = secret_object(model, model_admin, leak_world)
        if obj is None:
            missing.append(model._meta.label)
            continue
        for url in admin_gets(model, model_admin, obj):
            response = client.get(url)
            _check(response, f"GET {url}", leaks)
            if not isinstance(model_admin, NamndScopedAdminMixin) or role != "controller":
                # Superusers' admins and non-controllers: never a page of it.
                if response.status_code == 200:
                    leaks.append(f"GET {url}: 200 for {role}")
        for url, data in admin_posts(model, model_admin, obj, client):
            _check(client.post(url, data), f"POST {url}", leaks)
    assert missing == []  # every admin's model has a row of the other nämnd here: add one to leak_world
    assert leaks == []
    assert fingerprint() == before


def test_raw_id_fields_do_not_name_another_namnds_rows(client, leak_world):
    """A key of the other nämnd typed into a raw-id box of one's own row: refused, and its name not printed."""
    client.force_login(leak_world["users"]["controller"])
    before = fingerprint()
    leaks, tried = [], 0
    for model, model_admin in admin.site._registry.items():
        own = own_object(model, model_admin, leak_world)
        theirs = secret_object(model, model_admin, leak_world)
        if own is None or not model_admin.raw_id_fields:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[own.pk])
        if client.get(url).status_code != 200:
            continue
        for name in model_admin.raw_id_fields:
            field = model._meta.get_field(name)
            assert isinstance(field, ForeignKey)
            foreign_pk = _follow_pk(theirs, name)
            if foreign_pk is None or foreign_pk == _follow_pk(own, name):  # a shared row (a KF goal)
                continue
            data = change_form_data(client, url) | {name: foreign_pk}
            response = client.post(url, data)
            tried += 1
            _check(response, f"POST {url} {name}={foreign_pk}", leaks)
            if model._default_manager.filter(pk=own.pk, **{name: foreign_pk}).exists():
                leaks.append(f"POST {url} {name}={foreign_pk}: saved")
    assert tried >= 6
    assert leaks == []
    assert fingerprint() == before


def test_the_superuser_sees_the_marker(client, leak_world):
    """The control: the marker is there to be found, so the tests above can fail."""
    client.force_login(leak_world["superuser"])
    unseen = []
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        if (
            MARKER not in client.get(f"{url}?q={MARKER}").content.decode()
            and MARKER not in client.get(url).content.decode()
        ):
            unseen.append(model._meta.label)
    # Rows whose list shows no text of theirs (a period, a role: their own names carry no marker).
    assert set(unseen) <= {"tertial.Period", "tertial.Membership", "tertial.ExportLog", "tertial.Draft"}


def test_revert_form_never_saves(client, leak_world):
    """The history-version page of the controller's own section shows the old version; posting it writes nothing
    (a section's earlier version is restored on its Historik page, through the service)."""
    client.force_login(leak_world["superuser"])
    section = leak_world["report"].sections.filter(kind=Section.Kind.GOAL).last()
    first = section.history.order_by("history_id").first()
    section.analysis = "Nyare text"
    section.version += 1
    section.save()
    url = reverse("admin:tertial_section_simple_history", args=[section.pk, first.history_id])
    page = client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    response = client.post(url, change_form_data(client, reverse("admin:tertial_section_change", args=[section.pk])))
    assert response.status_code == 403
    section.refresh_from_db()
    assert section.analysis == "<p>Nyare text</p>" and section.version == 2


@pytest.mark.parametrize("bad", ["abc", "1e3", "99999999999999999999", "١"])
def test_bad_history_ids_are_404(client, leak_world, bad):
    client.force_login(leak_world["superuser"])
    section = leak_world["report"].sections.first()
    assert client.get(f"/admin/tertial/section/{section.pk}/history/{bad}/").status_code == 404
    assert client.get(f"/admin/tertial/section/{bad}/history/").status_code in (302, 404)


def test_no_model_permissions_from_groups(leak_world):
    controller = leak_world["users"]["controller"]
    assert controller.groups.exists() and controller.user_permissions.exists()
    assert not controller.has_perm("tertial.change_namnd")
    assert controller.get_all_permissions() == set()
    assert json.dumps(sorted(leak_world["superuser"].get_all_permissions()))  # superusers keep theirs


def _any_own_row(model, model_admin, world):
    """The controller's nämnd's row of `model`, or (superusers' admins) any row."""
    return own_object(model, model_admin, world) or model._default_manager.order_by("pk").first()


@pytest.mark.parametrize("role", ["skribent", "sekreterare", "stad", "stadsadmin"])
def test_roles_without_admin_get_no_admin_url_even_of_their_own_nämnd(client, leak_world, role):
    """Every admin URL of every registered model (changelist, filters, popups, add, change, delete, history,
    history version, autocomplete), for rows of the user's own nämnd too: the login page or 403, never the page."""
    client.force_login(leak_world["users"][role])
    before, opened = fingerprint(), []
    for model, model_admin in admin.site._registry.items():
        obj = _any_own_row(model, model_admin, leak_world)
        for url in admin_gets(model, model_admin, obj):
            status = client.get(url).status_code
            if status not in (302, 403, 404):
                opened.append(f"GET {url}: {status}")
        for url, data in admin_posts(model, model_admin, obj, client):
            status = client.post(url, data).status_code
            if status not in (302, 403, 404):
                opened.append(f"POST {url}: {status}")
    assert opened == []
    assert fingerprint() == before


def test_controller_gets_only_the_scoped_admins(client, leak_world):
    """The superusers' admins (nämnder, perioder, users, roles, the workflow records, logs) answer 403 to a
    controller for every URL, whatever Django group the controller is in; the scoped ones open their own rows."""
    client.force_login(leak_world["users"]["controller"])
    before, wrong = fingerprint(), []
    for model, model_admin in admin.site._registry.items():
        obj = _any_own_row(model, model_admin, leak_world)
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        status = client.get(changelist).status_code
        if isinstance(model_admin, NamndScopedAdminMixin):
            if status != 200:
                wrong.append(f"GET {changelist}: {status} (own nämnd's list)")
            continue
        for url in admin_gets(model, model_admin, obj):
            status = client.get(url).status_code
            if status not in (302, 403, 404):
                wrong.append(f"GET {url}: {status}")
        for url, data in admin_posts(model, model_admin, obj, client):
            status = client.post(url, data).status_code
            if status not in (302, 403, 404):
                wrong.append(f"POST {url}: {status}")
    assert wrong == []
    assert fingerprint() == before
