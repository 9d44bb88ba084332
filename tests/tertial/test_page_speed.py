"""What the pages' faster rendering must keep: the same HTML as the templates it replaces, each person picker with
its own choice (bench/load_test.py measures the speed; these tests only the output)."""

import re

from django import forms

from tertial.editing import assign_responsible
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
