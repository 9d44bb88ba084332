"""The admin's history and version pages (django-simple-history) speak Swedish, and the section's history there
numbers its rows with the same version the section page shows."""

import re

from django.urls import reverse

from tertial.editing import assign_responsible, save_section

from .helpers import login

ENGLISH = [
    "View history",
    "Date/time",
    "Changed by",
    "Change reason",
    "Changes",
    ">Object<",
    "entries",
    "None",
    "pk=None",
]


def _section(report):
    return report.sections.get(goal__number="1.1")


def _controller_in_admin(client, users):
    """The nämnd's controller, who has the admin (as the demo's `controller`)."""
    controller = users["controller"]
    controller.is_staff = True
    controller.save()
    login(client, controller)


def test_the_history_list_is_swedish_with_the_section_version(client, users, report):
    section = _section(report)
    save_section(section=section, user=users["controller"], version=1, changes={"section": {"analysis": "Ny text"}})
    assign_responsible(section=section, user=users["controller"], responsible=users["skribent"])
    _controller_in_admin(client, users)
    page = client.get(reverse("admin:tertial_section_history", args=[section.pk])).content.decode()
    for english in ENGLISH:
        assert english not in page, english
    for swedish in [
        "Visa historik:",
        "Datum och tid",
        "Ändrad av",
        "Ändringar",
        ">Version<",
        "3 poster",
        "Ingen&nbsp;&rarr;&nbsp;&nbsp;skribent",
    ]:
        assert swedish in page, swedish
    assert ">Skapad<" in page and ">Ändrad<" in page
    versions = re.findall(r'<td class="field-version">(\d+)</td>', page)
    assert versions == ["2", "2", "1"]  # newest first; a new ansvarig is saved within the page's "Version 2"


def test_the_version_page_is_swedish(client, users, report):
    section = _section(report)
    record = section.history.order_by("history_id").first()
    _controller_in_admin(client, users)
    url = reverse("admin:tertial_section_simple_history", args=[section.pk, record.history_id])
    page = client.get(url).content.decode()
    assert "Visa avsnitt" in page and "Historik" in page and ">Avsnitt</a>" in page and ">Rapporter</a>" in page
    for english in ["View avsnitt", "History", "Historical", "Home"]:
        assert english not in page, english
