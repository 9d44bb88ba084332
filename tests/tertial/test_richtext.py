"""The stored text format (tertial.richtext): one schema for the editor and the sanitizer, Word's and Excel's
clipboard HTML kept as paragraphs, lists and tables with their figures, everything else dropped, on every write."""

from pathlib import Path

import pytest

from goals.models import Goal
from indicators.models import IndicatorResult
from tertial import richtext
from tertial.fields import RichTextFormField

from .helpers import login, url

CLIPBOARD = Path(__file__).resolve().parents[1] / "fixtures" / "clipboard"


def _word():
    return (CLIPBOARD / "word_analysis.html").read_text(encoding="utf-8")


def _excel():
    return (CLIPBOARD / "excel_table.html").read_text(encoding="utf-8")


def test_word_paste_keeps_headings_paragraphs_nested_lists_and_the_table_with_its_figures():
    html = richtext.clean(_word())
    blocks = richtext.parse(html)
    assert [b.kind for b in blocks] == ["heading", "paragraph", "table", "bullets", "numbers", "paragraph"]
    assert blocks[0].text == "Förskola" and blocks[0].level == 1
    assert "<strong>minskat</strong>" in html and "<em>störst</em>" in html
    table = blocks[2]
    assert table.rows == [
        ["Ålder", "Tertial 2 2022", "Tertial 2 2023"],
        ["1-3 år", "1\u00a0025", "1\u00a0064"],  # Word's no-break space stays inside the figure
        ["4-5 år", "2\u00a0091,5", "−3,5\u00a0%"],
    ]
    assert html.count("<th>") == 3  # the first row is the header row
    bullets = blocks[3]
    assert bullets.items == ["Fler platser i Vällingby", "Kortare kö"]
    # level 2 under the first item; Word's level 3 joins level 2 (two levels at most)
    assert [i.text for i in bullets.list_items[0].children[0].list_items] == ["Två nya avdelningar", "Hösten 2024"]
    assert blocks[4].items == ["Rekrytera förskollärare", "Följa upp sjukfrånvaron"]
    assert blocks[5].text == "Länk till stadens sida"  # the link's words, not the link


def test_word_paste_drops_everything_outside_the_schema():
    html = richtext.clean(_word())
    for dropped in ("<img", "<a ", "href", "style", "class", "script", "hacked", "mso-", "Mso", "<o:p", "·", "§"):
        assert dropped not in html, dropped
    tags = set(__import__("re").findall(r"</?([a-z0-9]+)", html))
    assert tags <= richtext.allowed_tags() and tags <= {
        "h2",
        "p",
        "strong",
        "em",
        "table",
        "tbody",
        "tr",
        "th",
        "td",
        "ul",
        "ol",
        "li",
    }


def test_excel_paste_is_a_table_with_a_header_row_and_the_figures_as_shown():
    blocks = richtext.parse(richtext.clean(_excel()))
    assert [b.kind for b in blocks] == ["table"]
    assert blocks[0].rows == [
        ["Kostnadsslag", "Budget", "Utfall"],
        ["Personal", "412 300", "398 750"],
        ["Lokaler", "61 020", "63 104"],
        ["Andel", "1,9%", "−0,4%"],
    ]


@pytest.mark.parametrize(
    "posted, stored",
    [
        ("<h1>Rubrik</h1>", "<h2>Rubrik</h2>"),
        ("<h4>Djup</h4>", "<h3>Djup</h3>"),
        ("<p><b>fet</b> och <i>kursiv</i></p>", "<p><strong>fet</strong> och <em>kursiv</em></p>"),
        ('<p style="color:red" onclick="x()">Text</p>', "<p>Text</p>"),
        ('<p>Se <a href="javascript:alert(1)">här</a></p>', "<p>Se här</p>"),
        ("<p>Rad ett<br>rad två</p>", "<p>Rad ett</p><p>rad två</p>"),
        ("<script>alert(1)</script><p>Kvar</p>", "<p>Kvar</p>"),
        ('<img src=x onerror="alert(1)">', ""),
        ("<p></p>", ""),
        (
            "<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li></ul>",
            "<ul><li><p>a</p><ul><li><p>b</p></li><li><p>c</p></li></ul></li></ul>",
        ),
        ('<ol start="3" type="a"><li>Tre</li></ol>', "<ol><li><p>Tre</p></li></ol>"),
        (
            '<table><tr><td colspan="2"><b>Rubrik</b></td></tr><tr><td>1</td><td>2</td></tr></table>',
            "<table><tbody><tr><th><p>Rubrik</p></th><th><p></p></th></tr><tr><td><p>1</p></td><td><p>2</p></td></tr></tbody></table>",
        ),
        ("<p>1 &lt; 2 &amp; 3</p>", "<p>1 &lt; 2 &amp; 3</p>"),
        (
            "## Rubrik\n**Fet** text\n- punkt",
            "<h2>Rubrik</h2><p><strong>Fet</strong> text</p><ul><li><p>punkt</p></li></ul>",
        ),
    ],
)
def test_clean(posted, stored):
    assert richtext.clean(posted) == stored
    assert richtext.clean(stored) == stored  # idempotent: a saved text posted back unchanged is no change


def test_the_sanitizer_allowlist_comes_from_the_editor_schema():
    assert richtext.allowed_tags() == {
        "p",
        "h2",
        "h3",
        "strong",
        "em",
        "ul",
        "ol",
        "li",
        "table",
        "tbody",
        "thead",
        "tr",
        "th",
        "td",
    }


def test_markup_converts_to_html_and_back():
    markup = "## Jämställdhet\nKvinnor och **män**.\n### Förskolan\n- ett\n- två"
    html = richtext.from_markup(markup)
    assert html == (
        "<h2>Jämställdhet</h2><p>Kvinnor och <strong>män</strong>.</p><h3>Förskolan</h3>"
        "<ul><li><p>ett</p></li><li><p>två</p></li></ul>"
    )
    assert richtext.to_markup(html) == markup
    assert richtext.plain_text(html) == richtext.plain_text(markup)


def test_page_rendering_rebuilds_the_text_with_a_real_table():
    html = richtext.to_html(richtext.clean(_excel()))
    assert '<thead><tr><th scope="col">Kostnadsslag</th>' in html
    assert '<td class="text-end">412\u00a0300</td>' in html and "<td>Personal</td>" in html  # a no-break space


def test_the_form_field_cleans_what_is_posted_without_the_editor():
    field = RichTextFormField()
    assert field.clean('<p onclick="x">Hej<script>x</script></p>') == "<p>Hej</p>"
    assert not field.has_changed("<p>Hej</p>", "<p>Hej</p>\n")


@pytest.mark.django_db
def test_every_write_is_cleaned_model_save_and_bulk_create(report):
    goal = Goal.objects.filter(year=report.period.year).first()
    goal.description = "<p>Beskrivning<img src=x onerror=alert(1)></p>"
    goal.save()
    goal.refresh_from_db()
    assert goal.description == "<p>Beskrivning</p>"
    result = IndicatorResult.objects.filter(report=report).first()
    result.analysis = "- punkt"
    result.save()
    assert IndicatorResult.objects.get(pk=result.pk).analysis == "<ul><li><p>punkt</p></li></ul>"
    assert result.history.first().analysis == "<ul><li><p>punkt</p></li></ul>"


@pytest.mark.django_db
def test_paste_endpoint_answers_with_the_cleaned_html_and_writes_nothing(client, users, report):
    login(client, users["skribent"])
    response = client.post(url("richtext_paste", report), {"html": _word()})
    assert response.status_code == 200
    assert response.content.decode() == richtext.clean(_word())
    assert client.get(url("richtext_paste", report)).status_code == 405
