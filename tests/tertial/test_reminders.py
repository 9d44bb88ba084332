"""Reminder e-mails (`send_reminders`): to the ansvarig, N days before the sista dag and when overdue, once each,
in Swedish with the section's link; not for sections handed over, Inte aktuellt, or in a fastställd report."""

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from tertial.deadlines import deadlines_update, today
from tertial.models import Membership, ReminderLog, Report, Section
from tertial.reminders import send_reminders
from tests.conftest import make_period, make_report, make_user

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture(autouse=True)
def reminder_settings(settings):
    settings.TERTIAL_REMINDER_DAYS_BEFORE = 3
    settings.TERTIAL_BASE_URL = "https://tertial.example.se"


@pytest.fixture
def report(namnd):
    return make_report(namnd, make_period((today() - timedelta(days=30)).year, "T2"))


@pytest.fixture
def writer(namnd):
    return make_user(
        "anna", namnd=namnd, role=Membership.Role.SKRIBENT, email="anna@example.se", first_name="Anna", last_name="Ek"
    )


@pytest.fixture
def section(report, writer):
    section = report.sections.get(goal__number="1.1.1")
    Section.objects.filter(pk=section.pk).update(responsible=writer)
    return section


def _deadline(report, when, section=None):
    if section is None:
        deadlines_update(report=report, user=None, deadline=when)
    else:
        deadlines_update(report=report, user=None, section_deadlines={section.pk: when})


def _run(**kwargs):
    out = StringIO()
    call_command("send_reminders", stdout=out, stderr=StringIO(), **kwargs)
    return out.getvalue()


def test_reminder_before_the_deadline_is_sent_once_in_swedish_with_the_link(report, section, writer):
    _deadline(report, today() + 2 * DAY)
    out = _run()
    assert "Skickade 1 påminnelse till 1 person." in out
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.se"]
    assert message.subject == "Tertial: sista dag närmar sig för 1 avsnitt"
    assert "Hej Anna Ek!" in message.body
    assert "Nämndmål 1.1.1 Nämndmål" in message.body
    assert "(2 dagar kvar)" in message.body
    link = f"https://tertial.example.se/rapporter/{report.namnd.slug}/{report.period.code}/avsnitt/{section.pk}/"
    assert link in message.body
    # the second run sends nothing: the reminder is in the log
    assert "Skickade 0 påminnelser till 0 personer." in _run()
    assert len(mail.outbox) == 1
    assert ReminderLog.objects.get().kind == ReminderLog.Kind.BEFORE


def test_overdue_reminder_on_time_and_once(report, section):
    deadline = today() + 2 * DAY
    _deadline(report, deadline)
    _run()
    _run(date=f"{deadline:%Y-%m-%d}")  # on the day: still the before-reminder, already sent
    assert len(mail.outbox) == 1
    _run(date=f"{deadline + DAY:%Y-%m-%d}")
    assert len(mail.outbox) == 2
    overdue = mail.outbox[1]
    assert overdue.subject == "Tertial: 1 avsnitt är försenat"
    assert "Sista dag har passerat" in overdue.body and "(Försenad, 1 dag)" in overdue.body
    _run(date=f"{deadline + 2 * DAY:%Y-%m-%d}")
    assert len(mail.outbox) == 2


def test_nothing_before_the_window(report, section):
    _deadline(report, today() + 4 * DAY)
    _run()
    assert mail.outbox == []
    _run(date=f"{today() + DAY:%Y-%m-%d}")
    assert len(mail.outbox) == 1


def test_a_moved_deadline_earns_a_new_reminder(report, section):
    _deadline(report, today() + DAY)
    _run()
    _deadline(report, today() + 2 * DAY, section)  # the section's own deadline overrides the report's
    _run()
    assert len(mail.outbox) == 2
    assert set(ReminderLog.objects.values_list("deadline", flat=True)) == {today() + DAY, today() + 2 * DAY}


@pytest.mark.parametrize(
    "change",
    [
        {"state": Section.State.KLAR},
        {"state": Section.State.GODKAND},
        {"not_applicable": True},
        {"responsible": None},
    ],
)
def test_done_and_unassigned_sections_get_no_reminder(report, section, change):
    _deadline(report, today() - DAY)
    Section.objects.filter(pk=section.pk).update(**change)
    _run()
    assert mail.outbox == []


def test_faststalld_report_gets_no_reminder(report, section):
    _deadline(report, today() - DAY)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.FASTSTALLD)
    _run()
    assert mail.outbox == []


def test_a_writer_who_left_the_namnd_gets_no_reminder(report, section, writer):
    _deadline(report, today() - DAY)
    Membership.objects.filter(user=writer).delete()
    _run()
    assert mail.outbox == []


def test_returned_section_is_reminded(report, section):
    Section.objects.filter(pk=section.pk).update(state=Section.State.ATERREMITTERAD)
    _deadline(report, today() - 3 * DAY)
    _run()
    assert "(Försenad, 3 dagar)" in mail.outbox[0].body


def test_one_mail_per_person_with_all_their_sections(report, section, writer):
    other = report.sections.get(goal__number="1.1")
    Section.objects.filter(pk=other.pk).update(responsible=writer)
    _deadline(report, today() + DAY)
    _deadline(report, today() - 2 * DAY, other)
    _run()
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].subject == "Tertial: 1 avsnitt är försenat"
    assert body.index("Försenad, 2 dagar") < body.index("1 dag kvar")
    assert ReminderLog.objects.count() == 2


def test_without_email_nobody_is_mailed_and_it_is_said(report, section, writer):
    writer.email = ""
    writer.save()
    _deadline(report, today() - DAY)
    err = StringIO()
    call_command("send_reminders", stdout=StringIO(), stderr=err)
    assert mail.outbox == []
    assert "Anna Ek har ingen e-postadress" in err.getvalue()
    assert not ReminderLog.objects.exists()


def test_a_failed_mail_is_not_logged_and_is_sent_next_time(report, section):
    _deadline(report, today() - DAY)
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=OSError("nere")):
        with pytest.raises(CommandError, match="Kunde inte skicka till: anna@example.se"):
            _run()
    assert not ReminderLog.objects.exists()
    _run()
    assert len(mail.outbox) == 1


def test_dry_run_sends_and_logs_nothing(report, section):
    _deadline(report, today() - DAY)
    assert "Skulle skicka 1 påminnelse till 1 person." in _run(dry_run=True)
    assert mail.outbox == [] and not ReminderLog.objects.exists()


def test_bad_date_is_a_swedish_error(db):
    with pytest.raises(CommandError, match="Ogiltigt datum"):
        _run(date="15 sept")


def test_the_due_reminders_are_read_in_a_fixed_number_of_queries(
    report, section, writer, django_assert_max_num_queries
):
    # Guards a query per section (report, nämnd, period, goal, ansvarig) when finding what is due.
    from tertial.reminders import due_reminders

    Section.objects.filter(report=report).update(responsible=writer)
    _deadline(report, today() - DAY)
    expected = report.sections.count()
    with django_assert_max_num_queries(2):
        assert len(due_reminders(today())) == expected
    assert send_reminders().recipients == 1
