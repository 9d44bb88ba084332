"""Bad input of every kind gets a Swedish 4xx, never a 500, and writes nothing: out-of-range versions and keys,
non-numeric admin ids, a draft with keys or characters the database cannot hold. Run on PostgreSQL too: there an
out-of-range integer or a U+0000 in JSON is a database error, not a silent truncation."""

import pytest
from django.urls import reverse

from tertial.models import Draft

from .helpers import login, section_post_data, url

HUGE = str(2**40)
HUGER = "9" * 30


@pytest.fixture
def section(report):
    return report.sections.get(goal__number="1.1")


@pytest.mark.parametrize("version", [HUGE, HUGER, "-1", "0", "1e3", "ett"])
def test_section_save_with_an_out_of_range_version(client, users, report, section, version):
    login(client, users["skribent"])
    data = section_post_data(client, report, section)
    data["s-version"] = version
    data["s-analysis"] = "Ny text"
    response = client.post(url("section_edit", report, section), data)
    assert 400 <= response.status_code < 500
    section.refresh_from_db()
    assert section.analysis == "" and section.version == 1
    assert not Draft.objects.exists()


@pytest.mark.parametrize("version", [HUGE, HUGER, "-1", "", "ett"])
def test_draft_with_an_out_of_range_version(client, users, report, section, version):
    login(client, users["skribent"])
    response = client.post(url("section_draft", report, section), {"s-version": version, "s-analysis": "x"})
    assert response.status_code == 400
    assert not Draft.objects.exists()


def test_draft_keeps_only_the_forms_fields_and_no_nul(client, users, report, section):
    login(client, users["skribent"])
    data = {"s-version": "1", "s-analysis": "Text\x00 med\ufffe noll", f"ind-{HUGER}-outcome": "1"}
    data.update({f"skräp-{n}": "x" * 100 for n in range(50)})
    data["\x00"] = "noll"
    response = client.post(url("section_draft", report, section), data)
    assert response.status_code == 200
    draft = Draft.objects.get()
    assert draft.data == {"s-version": "1", "s-analysis": "Text med noll"}


def test_section_save_with_unknown_figure_keys(client, users, report, section):
    login(client, users["skribent"])
    data = section_post_data(client, report, section)
    data[f"ind-{HUGER}-outcome"] = "1"
    data[f"akt-{HUGE}-analysis"] = "x"
    assert client.post(url("section_edit", report, section), data).status_code in (302, 400)


@pytest.mark.parametrize("pk", [HUGE, HUGER])
def test_section_urls_with_out_of_range_ids_answer_404(client, users, report, pk):
    login(client, users["skribent"])
    base = url("report_overview", report)
    for suffix in ["", "historik/", "andrat/"]:
        assert client.get(f"{base}avsnitt/{pk}/{suffix}").status_code == 404
    assert client.post(f"{base}avsnitt/{pk}/utkast/", {"s-version": "1"}).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "tertial/section/abc/history/",
        "tertial/section/{pk}/history/abc/",
        f"tertial/section/{HUGER}/history/",
        "tertial/section/{pk}/history/" + HUGER + "/",
        "tertial/section/abc/change/",
        f"tertial/section/{HUGER}/change/",
        f"tertial/section/{HUGER}/delete/",
        "indicators/indicatorresult/abc/history/",
    ],
)
def test_admin_with_non_numeric_or_huge_ids(client, superuser, section, path):
    client.force_login(superuser)
    response = client.get(reverse("admin:index") + path.format(pk=section.pk))
    assert response.status_code in (302, 404)  # the admin's "does not exist" redirect, or 404


def test_admin_changelist_with_a_huge_filter_value(client, superuser, section):
    client.force_login(superuser)
    response = client.get(reverse("admin:tertial_section_changelist"), {"report__id__exact": HUGER})
    assert response.status_code in (200, 302)
