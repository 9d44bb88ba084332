"""Writing a section in the browser: Swedish numbers (typed and pasted), errors at the cell with nothing else lost,
the conflict on concurrent saves, the fastställd lock, drafts kept when saving fails, comments."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from indicators.models import ActivityResult, IndicatorResult
from tertial.models import Comment, Draft, Report

from .helpers import login, section_post_data, url


@pytest.fixture
def kf_section(report):
    return report.sections.get(goal__number="1.1")


def _indicator(report, code="KF-1"):
    return IndicatorResult._meta.get_field("indicator").related_model.objects.get(code=code, namnd=report.namnd)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("1,89", "1.89"),
        ("2 091", "2091"),
        ("-3,5", "-3.5"),
        ("\u22123,5", "-3.5"),
        ("2\xa0091,5", "2091.5"),  # pasted from Excel: no-break space
        ("2\u202f091,5", "2091.5"),  # pasted from Word: narrow no-break space
        ("\t1,89 st\r\n", "1.89"),  # an Excel cell copied with its unit, tab and line end
    ],
)
def test_swedish_numbers_are_saved(client, users, report, typed, expected):
    section = report.sections.get(goal__number="1.1.1")  # its indicator counts in st, no 100 % cap
    login(client, users["skribent"])
    data = section_post_data(client, report, section)
    indicator = _indicator(report, "N-1")
    data[f"ind-{indicator.pk}-forecast"] = typed
    response = client.post(url("section_edit", report, section), data)
    assert response.status_code == 302
    result = IndicatorResult.objects.get(report=report, indicator=indicator)
    assert result.forecast == Decimal(expected)


def test_saved_number_is_shown_the_swedish_way(client, users, report, kf_section):
    login(client, users["skribent"])
    data = section_post_data(client, report, kf_section)
    indicator = _indicator(report)
    data[f"ind-{indicator.pk}-outcome"] = "1,89"
    client.post(url("section_edit", report, kf_section), data)
    page = client.get(url("section_edit", report, kf_section)).content.decode()
    assert 'value="1,89"' in page


def test_bad_number_is_an_error_at_its_cell_and_nothing_typed_is_lost(client, users, report, kf_section):
    login(client, users["skribent"])
    data = section_post_data(client, report, kf_section)
    indicator = _indicator(report)
    data["s-analysis"] = "## Rubrik\nEn lång text jag skrivit i en timme."
    data[f"ind-{indicator.pk}-outcome"] = "1,89"
    data[f"ind-{indicator.pk}-forecast"] = "tolv"
    response = client.post(url("section_edit", report, kf_section), data)
    assert response.status_code == 400
    page = response.content.decode()
    cell = f'id="id_ind-{indicator.pk}-forecast"'
    assert cell in page
    # the error is tied to its cell and in Swedish
    assert f'aria-describedby="id_ind-{indicator.pk}-forecast-fel"' in page
    assert "”tolv” är inte ett tal" in page
    # everything else is still on the page, nothing saved
    assert "En lång text jag skrivit i en timme." in page
    assert 'value="1,89"' in page and 'value="tolv"' in page
    kf_section.refresh_from_db()
    assert kf_section.analysis == "" and kf_section.version == 1
    assert not IndicatorResult.objects.filter(report=report, outcome__isnull=False).exists()


def test_percent_share_above_100_is_refused(client, users, report, kf_section):
    login(client, users["skribent"])
    data = section_post_data(client, report, kf_section)
    data[f"ind-{_indicator(report).pk}-outcome"] = "150"
    response = client.post(url("section_edit", report, kf_section), data)
    assert response.status_code == 400
    assert "En andel i procent ligger mellan 0 och 100 %: 150\xa0% går inte." in response.content.decode()


def test_analysis_assessment_and_activity_are_saved_with_history(client, users, report, kf_section):
    login(client, users["skribent"])
    data = section_post_data(client, report, kf_section)
    activity = kf_section.goal.activities.get()
    data.update({"s-analysis": "- punkt", "s-assessment": "delvis", f"akt-{activity.pk}-deviation": "on"})
    data[f"akt-{activity.pk}-analysis"] = "Försenad."
    client.post(url("section_edit", report, kf_section), data)
    kf_section.refresh_from_db()
    # stored as the editor's HTML (tertial.richtext), whatever was posted
    assert (kf_section.analysis, kf_section.assessment, kf_section.version) == (
        "<ul><li><p>punkt</p></li></ul>",
        "delvis",
        2,
    )
    assert kf_section.history.first().history_user == users["skribent"]
    result = ActivityResult.objects.get(report=report, activity=activity)
    assert result.deviation and result.analysis == "<p>Försenad.</p>"


def test_browser_line_ends_are_stored_as_newlines(client, users, report, kf_section):
    # A textarea sends "\r\n"; stored as sent, the same text posted again would count as a new version.
    login(client, users["skribent"])
    data = section_post_data(client, report, kf_section)
    activity = kf_section.goal.activities.get()
    data.update({"s-analysis": "## Rubrik\r\nStycke.\r\n- punkt", f"akt-{activity.pk}-analysis": "Ett.\r\nTvå."})
    client.post(url("section_edit", report, kf_section), data)
    kf_section.refresh_from_db()
    assert (kf_section.analysis, kf_section.version) == (
        "<h2>Rubrik</h2><p>Stycke.</p><ul><li><p>punkt</p></li></ul>",
        2,
    )
    assert ActivityResult.objects.get(report=report, activity=activity).analysis == "<p>Ett.</p><p>Två.</p>"
    data["s-version"] = "2"
    client.post(url("section_edit", report, kf_section), data)
    kf_section.refresh_from_db()
    assert kf_section.version == 2  # the same text again is no change
    client.post(url("section_comment", report, kf_section), {"text": "Rad ett\r\nrad två"})
    assert Comment.objects.get().text == "Rad ett\nrad två"


def test_user_html_is_escaped_everywhere(client, users, report, kf_section):
    login(client, users["skribent"])
    data = section_post_data(client, report, kf_section)
    # typed as text in the editor (escaped by it), and posted as markup without the editor
    data["s-analysis"] = (
        '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><script>alert(2)</script><h2 onclick="x()"><b>Rubrik</b></h2>'
    )
    client.post(url("section_edit", report, kf_section), data)
    kf_section.refresh_from_db()
    assert kf_section.analysis == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><h2><strong>Rubrik</strong></h2>"
    login(client, users["sekreterare"])  # the read-only page renders the text
    page = client.get(url("section_edit", report, kf_section)).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page and "alert(2)" not in page
    assert "<b>Rubrik</b>" not in page and "onclick" not in page


def test_concurrent_saves_conflict_and_nothing_is_overwritten(users, report, kf_section):
    first, second = login(Client(), users["skribent"]), login(Client(), users["controller"])
    data_first = section_post_data(first, report, kf_section)
    data_second = section_post_data(second, report, kf_section)  # both opened version 1
    data_first["s-analysis"] = "Skribentens text."
    assert first.post(url("section_edit", report, kf_section), data_first).status_code == 302
    data_second["s-analysis"] = "Controllerns text."
    response = second.post(url("section_edit", report, kf_section), data_second)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Skribentens text." in page and "Controllerns text." in page  # side by side
    kf_section.refresh_from_db()
    assert kf_section.analysis == "<p>Skribentens text.</p>" and kf_section.version == 2
    draft = Draft.objects.get(section=kf_section, user=users["controller"])
    assert draft.data["s-analysis"] == "Controllerns text." and draft.base_version == 1
    # the kept draft is offered, opens with the typed text and the newer saved one, and can then be saved
    page = second.get(url("section_edit", report, kf_section) + "?utkast=1").content.decode()
    assert "Controllerns text." in page and "sparats av någon annan sedan utkastet skrevs" in page
    assert 'name="s-version" value="2"' in page  # saving the opened draft does not conflict again
    data = section_post_data(second, report, kf_section)
    data.update({"s-version": "2", "s-analysis": "Skribentens text. Controllerns text."})
    assert second.post(url("section_edit", report, kf_section), data).status_code == 302
    kf_section.refresh_from_db()
    assert kf_section.analysis == "<p>Skribentens text. Controllerns text.</p>" and kf_section.version == 3
    assert not Draft.objects.filter(user=users["controller"]).exists()


def test_conflicting_figures_are_not_overwritten_either(users, report, kf_section):
    first, second = login(Client(), users["skribent"]), login(Client(), users["controller"])
    indicator = _indicator(report)
    data_first = section_post_data(first, report, kf_section)
    data_second = section_post_data(second, report, kf_section)
    data_first[f"ind-{indicator.pk}-outcome"] = "1,5"
    first.post(url("section_edit", report, kf_section), data_first)
    data_second[f"ind-{indicator.pk}-outcome"] = "9"
    assert second.post(url("section_edit", report, kf_section), data_second).status_code == 409
    assert IndicatorResult.objects.get(report=report, indicator=indicator).outcome == Decimal("1.5")


def test_faststalld_report_is_read_only_server_side(client, users, report, kf_section):
    Report.objects.filter(pk=report.pk).update(status=Report.Status.FASTSTALLD)
    login(client, users["skribent"])
    response = client.get(url("section_edit", report, kf_section))
    assert 'id="section-form"' not in response.content.decode()
    data = {"s-version": "1", "s-analysis": "Ändrad efter fastställande"}
    response = client.post(url("section_edit", report, kf_section), data, follow=True)
    assert "Rapporten är fastställd" in response.content.decode()
    client.post(url("section_comment", report, kf_section), {"text": "Hej"})
    client.post(url("section_transition", report, kf_section), {"to_state": "klar"})
    kf_section.refresh_from_db()
    assert kf_section.analysis == "" and kf_section.state == "utkast" and not Comment.objects.exists()


def test_draft_endpoint_keeps_typed_text(client, users, report, kf_section):
    login(client, users["skribent"])
    response = client.post(url("section_draft", report, kf_section), {"s-version": "1", "s-analysis": "Halvfärdig"})
    assert response.status_code == 200
    page = client.get(url("section_edit", report, kf_section)).content.decode()
    assert "Visa utkastet" in page
    client.post(url("section_draft", report, kf_section), {"kasta": "1"})
    assert not Draft.objects.exists()


def test_csrf_failure_writes_no_draft_but_shows_the_text_back(users, report, kf_section):
    """A POST that fails the CSRF check may be forged: nothing is written in the user's name, not even a draft."""
    client = Client(enforce_csrf_checks=True)
    login(client, users["skribent"])
    data = {"s-version": "1", "s-analysis": "En timmes <arbete>", "csrfmiddlewaretoken": "föråldrad"}
    client.cookies["csrftoken"] = "x" * 32
    response = client.post(url("section_edit", report, kf_section), data)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Ingenting har sparats" in page and "En timmes &lt;arbete&gt;" in page
    assert not Draft.objects.exists()


def test_comment_thread(client, users, report, kf_section):
    login(client, users["skribent"])
    client.post(url("section_comment", report, kf_section), {"text": "Kan du titta på indikatorn?"})
    login(client, users["controller"])
    client.post(url("section_comment", report, kf_section), {"text": "Ja, <b>klart</b>."})
    assert list(Comment.objects.values_list("author__username", flat=True)) == ["skribent", "controller"]
    login(client, users["sekreterare"])
    page = client.get(url("section_edit", report, kf_section)).content.decode()
    assert "Kan du titta på indikatorn?" in page and "Ja, &lt;b&gt;klart&lt;/b&gt;." in page
    assert 'action="' + url("section_comment", report, kf_section) not in page  # readers do not comment


def test_empty_comment_is_refused(client, users, report, kf_section):
    login(client, users["skribent"])
    response = client.post(url("section_comment", report, kf_section), {"text": "  "}, follow=True)
    assert "Skriv en kommentar först." in response.content.decode()
    assert not Comment.objects.exists()


def test_namndmal_page_shows_beskrivning_and_forvantat_resultat(client, users, report):
    section = report.sections.get(goal__number="1.1.1")
    goal = section.goal
    goal.description, goal.expected_result = "Beskrivningen", "Förväntat är"
    goal.save()
    login(client, users["skribent"])
    page = client.get(url("section_edit", report, section)).content.decode()
    assert "Beskrivningen" in page and "Förväntat är" in page


def test_inriktningsmal_edits_presentation_summary(client, users, report):
    section = report.sections.get(goal__number="1")
    login(client, users["skribent"])
    data = section_post_data(client, report, section)
    assert "s-presentation_summary" in data
    data["s-presentation_summary"] = "- Tryggheten ökar"
    client.post(url("section_edit", report, section), data)
    section.refresh_from_db()
    assert section.presentation_summary == "<ul><li><p>Tryggheten ökar</p></li></ul>"


def test_economy_text_can_be_inte_aktuellt(client, users, report):
    from tertial.services import ensure_report_sections

    ensure_report_sections(report=report)
    section = report.sections.get(kind="medel_lokalandamal")
    login(client, users["skribent"])
    data = section_post_data(client, report, section)
    assert "s-assessment" not in data  # no bedömning outside goals
    data["s-not_applicable"] = "on"
    assert client.post(url("section_edit", report, section), data).status_code == 302
    section.refresh_from_db()
    assert section.not_applicable
    goal_page = client.get(url("section_edit", report, report.sections.get(goal__number="1.1"))).content.decode()
    assert 'name="s-not_applicable"' not in goal_page  # a goal is assessed, never "Inte aktuellt"


def test_controller_assigns_with_htmx_and_mina_avsnitt_filters(client, users, report, kf_section):
    login(client, users["controller"])
    response = client.post(
        url("section_assign", report, kf_section), {"responsible": users["skribent"].pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and response.content.decode().lstrip().startswith("<td")
    kf_section.refresh_from_db()
    assert kf_section.responsible == users["skribent"]
    login(client, users["skribent"])
    page = client.get(url("report_overview", report) + "?mina=1").content.decode()
    assert "KF:s mål för verksamhetsområdet 1.1" in page and "Nämndmål 1.1.1" not in page


def test_only_writers_of_the_namnd_can_be_assigned(client, users, report, kf_section):
    login(client, users["controller"])
    for outsider in [users["outsider"], users["sekreterare"], users["stad"]]:
        client.post(url("section_assign", report, kf_section), {"responsible": outsider.pk})
    kf_section.refresh_from_db()
    assert kf_section.responsible is None


def test_conflict_page_lists_figures_that_differ(users, report, kf_section):
    first, second = login(Client(), users["skribent"]), login(Client(), users["controller"])
    indicator = _indicator(report)
    data_first = section_post_data(first, report, kf_section)
    data_second = section_post_data(second, report, kf_section)
    data_first[f"ind-{indicator.pk}-outcome"] = "1,5"
    first.post(url("section_edit", report, kf_section), data_first)
    data_second[f"ind-{indicator.pk}-outcome"] = "9,25"
    page = second.post(url("section_edit", report, kf_section), data_second).content.decode()
    assert "Siffror som skiljer sig" in page and "9,25" in page and "1,5" in page


def test_error_summary_links_to_the_cell(client, users, report, kf_section):
    login(client, users["skribent"])
    data = section_post_data(client, report, kf_section)
    indicator = _indicator(report)
    data[f"ind-{indicator.pk}-outcome"] = "x"
    page = client.post(url("section_edit", report, kf_section), data).content.decode()
    assert f'<a href="#id_ind-{indicator.pk}-outcome">Periodens utfall – {indicator.name}</a>' in page


def test_previous_vb_column_names_last_year_without_thousand_separator(client, users, report, kf_section):
    for user in [users["skribent"], users["sekreterare"]]:
        login(client, user)
        page = client.get(url("section_edit", report, kf_section)).content.decode()
        assert "Periodens utfall VB 2021" in page


def test_the_conflict_page_shows_both_texts_as_written_not_their_markup(users, report, kf_section):
    """The two texts side by side were shown as source (`<p>Skribentens text.</p>`, `<h2>…`): a writer compares
    what the editor shows, headings and lists included."""
    first, second = login(Client(), users["skribent"]), login(Client(), users["controller"])
    data_first = section_post_data(first, report, kf_section)
    data_second = section_post_data(second, report, kf_section)
    data_first["s-analysis"] = "<h2>Trygghet</h2><p>Skribentens text.</p>"
    assert first.post(url("section_edit", report, kf_section), data_first).status_code == 302
    data_second["s-analysis"] = "<h2>Trygghet</h2><ul><li>Controllerns punkt.</li></ul><script>x()</script>"
    page = second.post(url("section_edit", report, kf_section), data_second).content.decode()
    shown = {
        label: re.search(rf'aria-label="{label}">(.*?)</div>', page, re.S).group(1)
        for label in ("Din text", "Den sparade texten")
    }
    assert "<li>Controllerns punkt.</li>" in shown["Din text"] and "&lt;" not in shown["Din text"]
    assert "<p>Skribentens text.</p>" in shown["Den sparade texten"] and "&lt;" not in shown["Den sparade texten"]
    assert "<script>x()" not in page
