"""The audit log: logins, failed and locked logins, logouts, admin changes, exports and role changes are recorded
(never a password); superusers read it in the admin, read only; nobody else sees it."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tertial.exports.services import export_report
from tertial.models import AuditEvent, Membership
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db
Kind = AuditEvent.Kind


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def _events(kind):
    return list(AuditEvent.objects.filter(kind=kind).order_by("id"))


def test_login_and_logout_are_recorded_with_user_and_address(client, users):
    assert _login(client, "skribent", PASSWORD).status_code == 302
    (event,) = _events(Kind.LOGIN)
    assert (event.user, event.username, event.ip_address) == (users["skribent"], "skribent", "127.0.0.1")
    client.post(reverse("logout"))
    (logout,) = _events(Kind.LOGOUT)
    assert logout.user == users["skribent"]


def test_failed_and_locked_logins_are_recorded_without_the_password(client, users):
    for _ in range(5):
        _login(client, "skribent", "fel-lösenord-123")
    _login(client, "skribent", PASSWORD)  # locked now: refused although right
    failed = _events(Kind.LOGIN_FAILED)
    assert len(failed) >= 5 and {e.username for e in failed} == {"skribent"}
    assert _events(Kind.LOCKED_OUT), "the lockout itself is recorded"
    assert not _events(Kind.LOGIN)
    for event in AuditEvent.objects.all():
        text = " ".join([event.username, event.target, event.detail])
        assert "fel-lösenord" not in text and PASSWORD not in text


def test_an_unknown_username_is_recorded_as_typed(client, db):
    _login(client, "finns-inte", "vad-som-helst-12")
    (event,) = _events(Kind.LOGIN_FAILED)
    assert (event.user, event.username) == (None, "finns-inte")


def test_export_is_recorded(report, users):
    report.refresh_from_db()
    export_report(report=report, fmt="xlsx", user=users["sekreterare"])
    (event,) = _events(Kind.EXPORT)
    assert event.user == users["sekreterare"]
    assert report.namnd.name in event.target and "Excel" in event.detail


def _admin_post(client, url, **changes):
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            value = ""
        if isinstance(value, list | tuple):
            value = [str(v) for v in value]
        if name in {"date_joined", "last_login"}:  # split date and time inputs
            stamp = getattr(form.instance, name)
            data[f"{name}_0"], data[f"{name}_1"] = (f"{stamp:%Y-%m-%d}", f"{stamp:%H:%M:%S}") if stamp else ("", "")
            continue
        data[name] = value
    data.update(changes)
    return client.post(url, data)


def test_admin_change_is_recorded(client, report, superuser):
    client.force_login(superuser)
    response = _admin_post(client, reverse("admin:tertial_report_change", args=[report.pk]), dnr="HVS 2022/1")
    assert response.status_code == 302
    (event,) = _events(Kind.ADMIN_CHANGE)
    assert event.user == superuser and "rapport" in event.target and "Diarienummer" in event.detail


def test_role_changes_are_recorded(client, users, namnd, superuser):
    client.force_login(superuser)
    add = client.post(
        reverse("admin:tertial_membership_add"),
        {"user": users["sekreterare"].pk, "namnd": namnd.pk, "role": Membership.Role.CONTROLLER},
    )
    assert add.status_code == 302
    membership = Membership.objects.get(user=users["sekreterare"], role=Membership.Role.CONTROLLER)
    delete = client.post(reverse("admin:tertial_membership_delete", args=[membership.pk]), {"post": "yes"})
    assert delete.status_code == 302
    roles = _events(Kind.ROLE)
    assert [e.detail.split(".")[0] for e in roles] == ["Tillagd", "Borttagen"]
    assert all("Controller" in e.target for e in roles)
    # a user made superuser in the user admin: a role change too
    url = reverse("admin:auth_user_change", args=[users["skribent"].pk])
    assert _admin_post(client, url, is_superuser="on").status_code == 302
    assert get_user_model().objects.get(pk=users["skribent"].pk).is_superuser
    assert len(_events(Kind.ROLE)) == 3


def test_superusers_read_the_log_read_only(client, users, superuser):
    _login(client, "skribent", PASSWORD)
    event = AuditEvent.objects.get()
    client.force_login(superuser)
    changelist = client.get(reverse("admin:tertial_auditevent_changelist"))
    assert changelist.status_code == 200 and "Inloggning" in changelist.content.decode()
    change_url = reverse("admin:tertial_auditevent_change", args=[event.pk])
    page = client.get(change_url)
    assert page.status_code == 200 and 'name="username"' not in page.content.decode()
    assert client.post(change_url, {"username": "någon annan"}).status_code == 403
    assert client.get(reverse("admin:tertial_auditevent_add")).status_code == 403
    assert client.post(reverse("admin:tertial_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.username == "skribent"


@pytest.mark.parametrize("who", ["controller", "skribent", "stad"])
def test_nobody_else_reads_the_log(client, users, who):
    user = users[who]
    user.is_staff = True  # even made staff by mistake
    user.save()
    _login(client, "sekreterare", PASSWORD)
    client.force_login(user)
    response = client.get(reverse("admin:tertial_auditevent_changelist"))
    assert response.status_code in (302, 403)
    assert "sekreterare" not in response.content.decode()
    index = client.get(reverse("admin:index"))
    assert "granskningslogg" not in index.content.decode().lower()


def test_a_city_admin_user_is_not_a_reader_either(client, db):
    user = make_user("stadsadmin", role=Membership.Role.CITY_ADMIN, is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:tertial_auditevent_changelist")).status_code in (302, 403)
