"""What the pages' faster rendering must keep: the same HTML as the templates it replaces, each person picker with
its own choice (bench/load_test.py measures the speed; these tests only the output)."""

import base64
import pickle
import re
import zlib

from django import forms
from django.test import Client

from tertial import fragments
from tertial.editing import assign_responsible, save_section
from tertial.fields import RichTextWidget
from tertial.models import Section
from tests.conftest import make_user

from .helpers import login, url


def test_each_person_picker_on_the_overview_marks_its_own_sections_responsible(client, users, report, namnd):
    tricky = make_user("tricky", namnd=namnd, role="skribent", first_name='Åsa "<b>', last_name="Öberg & co")
    sections = list(report.sections.order_by("position")[:3])
    for section, person in zip(sections, [users["skribent"], tricky, None], strict=True):
        section.report = report
        if person:
            assign_responsible(section=section, user=users["controller"], responsible=person)
    login(client, users["controller"])
    page = client.get(url("report_overview", report)).content.decode()
    pickers = dict(re.findall(r'<select [^>]*id="ansvarig-val-(\d+)">(.*?)</select>', page, re.S))
    assert len(pickers) == report.sections.count()
    chosen = {pk: re.findall(r'<option value="(\d*)" selected>', options) for pk, options in pickers.items()}
    assert chosen[str(sections[0].pk)] == [str(users["skribent"].pk)]
    assert chosen[str(sections[1].pk)] == [str(tricky.pk)]
    assert chosen[str(sections[2].pk)] == []
    # the people in the order of assignable_users (first name, last name, username), names escaped
    assert re.findall(r"<option[^>]*>[^<]*</option>", pickers[str(sections[2].pk)]) == [
        '<option value="">Ingen</option>',
        f'<option value="{users["controller"].pk}">controller</option>',
        f'<option value="{users["skribent"].pk}">skribent</option>',
        f'<option value="{tricky.pk}">Åsa &quot;&lt;b&gt; Öberg &amp; co</option>',
    ]


class _TemplateTextarea(RichTextWidget):
    """RichTextWidget rendered the way Django renders every widget: through the form renderer's template."""

    def render(self, name, value, attrs=None, renderer=None):
        return forms.Widget.render(self, name, value, attrs, renderer)


def test_the_editors_textarea_is_written_as_djangos_template_writes_it():
    cases = [
        ("s-analysis", '<p>Text med "citat", <strong>fet</strong> & 2 091,5</p>', {"aria-describedby": "x-hjalp"}),
        ("i-12-analysis", "", {"rows": 3, "aria-invalid": "true", "class": "form-control richtext-input is-invalid"}),
        ("a-3-analysis", None, {"data-label": 'a "b" <c>', "disabled": True, "readonly": False}),
    ]
    for name, value, attrs in cases:
        written, templated = (
            RichTextWidget(rows=5).render(name, value, attrs),
            _TemplateTextarea(rows=5).render(name, value, attrs),
        )
        assert written == templated
        assert "data-django-prose-editor-configurable=" in written


def test_the_overview_tells_a_written_text_from_whitespace_without_reading_the_texts(client, users, report):
    sections = list(report.sections.order_by("position")[:4])
    texts = [
        "<p>Skriven text</p>",
        " \n\t\u00a0\u2003\u3000 ",  # only whitespace, as Python's str.strip() sees it
        " " * 500 + "x",  # written, after a long run of whitespace
        "\u00a0" * 300,
    ]
    for section, text in zip(sections, texts, strict=True):
        Section.objects.filter(pk=section.pk).update(analysis=text)
    login(client, users["controller"])
    page = client.get(url("report_overview", report)).content.decode()
    for section, text in zip(sections, texts, strict=True):
        row = page[page.index(f'id="ansvarig-{section.pk}"') :]
        cell = row[row.index("</td>") + 5 : row.index("</td>", row.index("</td>") + 5)]
        assert ("Skriven" in cell) == bool(text.strip()), (repr(text[:10]), cell)


# --- the overview's section tables, a cached fragment (tertial.fragments) ----------------------------------------


def _row(page, section):
    """The overview's row of `section`, from its assign cell to the end of the row."""
    start = page.index(f'id="ansvarig-{section.pk}"')
    return page[start : page.index("</tr>", start)]


def test_the_overviews_cached_tables_follow_every_save_and_a_renamed_person(client, users, report):
    section = report.sections.filter(goal__isnull=False).order_by("position").first()
    section.report = report
    login(client, users["controller"])
    assert "Saknas" in _row(client.get(url("report_overview", report)).content.decode(), section)
    client.get(url("report_overview", report))  # now from the cache
    saved, _changed = save_section(
        section=section, user=users["skribent"], version=section.version, changes={"section": {"analysis": "Text"}}
    )
    saved.report = report
    assign_responsible(section=saved, user=users["controller"], responsible=users["skribent"])
    row = _row(client.get(url("report_overview", report)).content.decode(), section)
    assert "Skriven" in row and f'<option value="{users["skribent"].pk}" selected>skribent</option>' in row
    # a person's name is no part of the report's version, but of what the row shows
    users["skribent"].first_name, users["skribent"].last_name = "Sara", "Skribent"
    users["skribent"].save()
    assert ">Sara Skribent</option>" in _row(client.get(url("report_overview", report)).content.decode(), section)


def test_the_overviews_cached_tables_are_not_shared_where_the_output_differs(users, report):
    section = report.sections.filter(goal__isnull=False).order_by("position").first()
    section.report = report
    assign_responsible(section=section, user=users["controller"], responsible=users["skribent"])
    controller, skribent = login(Client(), users["controller"]), login(Client(), users["skribent"])
    for _ in range(2):  # each in turn, after the other has filled the cache
        mine = controller.get(url("report_overview", report)).content.decode()
        theirs = skribent.get(url("report_overview", report)).content.decode()
        assert mine.count('name="responsible"') == report.sections.count()  # a controller assigns
        assert 'name="responsible"' not in theirs  # a skribent sees who is responsible
        assert f'<td id="ansvarig-{section.pk}">\nskribent\n</td>' in theirs
        only_theirs = skribent.get(url("report_overview", report) + "?mina=1").content.decode()
        assert only_theirs.count('id="ansvarig-') == 1
        assert controller.get(url("report_overview", report) + "?mina=1").content.decode().count('id="ansvarig-') == 0


def test_no_csrf_token_is_stored_or_served_to_another_user(users, report, namnd):
    second = make_user("controller-2", namnd=namnd, role="controller")
    first_client = login(Client(enforce_csrf_checks=True), users["controller"])
    second_client = login(Client(enforce_csrf_checks=True), second)
    section = report.sections.order_by("position").first()
    tokens = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    first_page = first_client.get(url("report_overview", report)).content.decode()
    second_page = second_client.get(url("report_overview", report)).content.decode()  # the same fragment, cached
    stored = [zlib.decompress(value).decode() for value in _fragments()]
    assert (
        len(stored) == 1
        and fragments.CSRF_PLACEHOLDER in stored[0]
        and not tokens.search(stored[0].replace(fragments.CSRF_PLACEHOLDER, ""))
    )
    assign = url("section_assign", report, section)
    theirs = tokens.search(first_page[first_page.index(f'id="ansvarig-{section.pk}"') :]).group(1)
    own = tokens.search(second_page[second_page.index(f'id="ansvarig-{section.pk}"') :]).group(1)
    # the first user's token is not the second's: the check refuses it, and accepts the second's own
    assert second_client.post(assign, {"responsible": second.pk, "csrfmiddlewaretoken": theirs}).status_code == 403
    assert second_client.post(assign, {"responsible": second.pk, "csrfmiddlewaretoken": own}).status_code == 302
    section.refresh_from_db()
    assert section.responsible == second


def _fragments():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM tertial_cache WHERE cache_key LIKE %s", ["%tertial:fragment:%"])
        return [pickle.loads(base64.b64decode(value)) for (value,) in cursor.fetchall()]
