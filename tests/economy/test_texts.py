"""A text for every economy subsection, a section kind of the one registry: made from the year's template, placed
by the table it belongs to, in document order on the page and in Word, checked by the Kontroll; each
budgetjustering's motivering a section of its own."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document

from economy import services, tables
from economy.demo import load_hasselby_vallingby_2022, load_socialnamnden_2024
from economy.models import BudgetAdjustment
from tertial import sections
from tertial.checks import run_checks
from tertial.exports.docx import build_docx
from tertial.exports.selectors import load_report
from tertial.models import Namnd, Section
from tests.conftest import make_namnd, make_period, make_report

from .factories import make_area, make_area_row


@pytest.fixture
def hv_report(db):
    namnd = make_namnd("Hässelby-Vällingby stadsdelsnämnd", "hasselby-vallingby")
    report = make_report(namnd, make_period(2022, "T2"), with_tree=False)
    load_hasselby_vallingby_2022(report)
    return report


@pytest.fixture
def sn_report(db):
    namnd = make_namnd("Socialnämnden", "socialnamnden", Namnd.Kind.FACKNAMND)
    report = make_report(namnd, make_period(2024, "T1"), with_tree=False)
    load_socialnamnden_2024(report)
    return report


def outline(report):
    """The economy chapter as (kind of part, heading, subheading or table key), the texts that have a text."""
    out = []
    for part in tables.report_parts(report):
        if isinstance(part, tables.Table):
            out.append(("tabell", part.heading, part.key))
        elif part.section.analysis or part.section.not_applicable:
            out.append((part.section.kind, part.heading, part.subheading))
    return out


def test_every_economy_text_is_a_kind_of_the_registry_placed_by_the_economy():
    for kind in Section.ECONOMY_TEXT_KINDS:
        info = sections.kind(kind)
        assert info.placed_by_economy and info.chapter == "ekonomi", kind
        assert info.economy_anchors, kind


def test_socialnamnden_prints_tertialbokslut_and_prognos_where_the_seed_has_them(sn_report):
    out = outline(sn_report)
    keys = [o[0] if o[0] != "tabell" else o[2] for o in out]
    # Tertialbokslut under the resultaträkning's heading, before its table; Prognos before the per-area table
    assert keys.index("ekonomi_tertialbokslut") + 1 == keys.index("resultatrakning")
    assert out[keys.index("ekonomi_tertialbokslut")][1:] == (
        "Analys av resultaträkning – uppföljning av driftbudget",
        "Tertialbokslut",
    )
    assert keys.index("ekonomi_prognos") + 1 == keys.index("drift_areas")
    # Prognos, like Tertialbokslut, a subheading of the one "Analys av resultaträkning – uppföljning av driftbudget"
    assert out[keys.index("ekonomi_prognos")][1:] == (
        "Analys av resultaträkning – uppföljning av driftbudget",
        "Prognos",
    )
    # Resultatenheter (no table: before Investeringar), Investeringar's text before its table, then the rest
    order = [
        "ekonomi_resultatenheter",
        "ekonomi_investeringar",
        "investeringar",
        "forsaljningar",
        "verksamhetsprojekt",
        "ekonomi_omslutning",
        "budgetjusteringar",
        "ekonomi_budgetjusteringar",
        "medel_lokalandamal",
    ]
    assert [k for k in keys if k in order] == order


def test_hv_prints_each_text_with_its_table(hv_report):
    keys = [o[0] if o[0] != "tabell" else o[2] for o in outline(hv_report)]
    assert keys.index("drift_summary") + 1 == keys.index("ekonomi_driftbudget")
    assert keys.index("ekonomi_driftbudget") + 1 == keys.index("drift_areas")
    assert keys.index("ekonomi_resultatenheter") + 1 == keys.index("resultatenheter")
    assert keys.index("kapitalkostnader") + 1 == keys.index("ekonomi_kapitalkostnader")
    assert keys.index("ekonomi_omslutning") + 1 == keys.index("omslutningsforandringar")


def test_word_prints_the_texts_in_the_documents_order(sn_report):
    doc = Document(io.BytesIO(build_docx(load_report(sn_report))))
    paragraphs = [p.text for p in doc.paragraphs]
    start = paragraphs.index("Uppföljning av ekonomi")
    chapter = paragraphs[start:]
    statement = chapter.index("Tertialbokslut")
    assert chapter[statement - 1] == "Analys av resultaträkning – uppföljning av driftbudget"
    assert chapter[statement + 1].startswith("Utfallet till och med april visar en förbrukning")
    forecast = next(i for i, p in enumerate(chapter) if p.startswith("Nämnden prognostiserar totalt"))
    units = next(i for i, p in enumerate(chapter) if p.startswith("Nämnden har en resultatenhet"))
    adjustments = next(i for i, p in enumerate(chapter) if p.startswith("Förvaltningen föreslår nämnden söka medel"))
    assert statement < forecast < units < adjustments
    assert chapter.count("Prognos") == 1  # the text and the table share their heading
    headings = [(p.style.name, p.text) for p in doc.paragraphs[start:] if p.style.name.startswith("Heading")]
    opening = headings.index(("Heading 2", "Analys av resultaträkning – uppföljning av driftbudget"))
    # As the seed reads: the heading, its Tertialbokslut, then its Prognos, the areas' texts after them.
    assert headings[opening + 1 : opening + 4] == [
        ("Heading 3", "Tertialbokslut"),
        ("Heading 3", "Prognos"),
        ("Heading 2", "Barn och ungdom -1,7\xa0mnkr"),
    ]


def test_the_overview_shows_every_text_once_under_its_heading(client, users, db):
    report = make_report(users["controller"].memberships.first().namnd, make_period(2022, "T2"), with_tree=False)
    make_area_row(report, make_area(report, "Förskola", position=1), "10", None, "10")
    units = Section.objects.get(report=report, kind=Section.Kind.ECONOMY_UNITS)
    units.analysis = "Förskolornas fonder uppgår till 3 mnkr."
    units.save()
    client.force_login(users["controller"])
    page = client.get(
        reverse("economy:overview", kwargs={"slug": report.namnd.slug, "period": report.period.code})
    ).content.decode()
    assert "Förskolornas fonder uppgår till 3 mnkr." in page


def test_a_budgetjustering_has_its_motivering_as_a_section(report):
    area = make_area(report, "Stadsmiljö", position=1)
    adjustment = services.save_adjustment(
        report=report,
        adjustment=BudgetAdjustment(kind="drift", amount=Decimal("0.8"), purpose="särskilda insatser", area=area),
    )
    section = adjustment.section
    assert section.kind == Section.Kind.ECONOMY_ADJUSTMENT
    assert section.title == "0,8\xa0mnkr för särskilda insatser (drift)"
    section.analysis = "Parkerna behöver mer skötsel."
    section.save()
    part = next(p for p in tables.report_parts(report) if isinstance(p, tables.Narrative) and p.section == section)
    assert (part.heading, part.subheading) == ("Budgetjusteringar", section.title)
    adjustment.amount = Decimal("0.9")
    services.save_adjustment(report=report, adjustment=adjustment, version=1)
    section.refresh_from_db()
    assert section.title.startswith("0,9\xa0mnkr")
    services.delete_adjustment(report=report, adjustment=adjustment)
    assert not Section.objects.filter(pk=section.pk).exists()


def test_a_required_economy_text_left_empty_is_in_the_kontroll(report):
    make_area_row(report, make_area(report, "Förskola", position=1), "10", None, "10")
    messages = [f.message for f in run_checks(report)]
    assert any("försäljningar av anläggningstillgångar saknas" in m for m in messages)
    # optional texts (the registry's default for the new ones) are no finding when empty
    assert not any("resultatenheterna saknas" in m for m in messages)


# --- A text per investeringskategori, where the report has one --------------------------------------------------


def test_hv_prints_its_investment_texts_per_category_before_the_table(hv_report):
    out = outline(hv_report)
    keys = [o[0] if o[0] != "tabell" else o[2] for o in out]
    start = keys.index("ekonomi_investeringar")
    assert keys[start : start + 4] == [
        "ekonomi_investeringar",
        "ekonomi_investeringskategori",
        "ekonomi_investeringskategori",
        "investeringar",
    ]
    assert {o[1] for o in out[start : start + 4]} == {"Investeringar"}  # one heading, as the seed prints it


def test_word_prints_the_investment_texts_in_the_reports_order(hv_report):
    doc = Document(io.BytesIO(build_docx(load_report(hv_report))))
    paragraphs = [p.text for p in doc.paragraphs]
    general = paragraphs.index("Investeringar avseende stadsmiljö prognostiseras i balans med budget.")
    assert paragraphs[general + 1 : general + 3] == [
        "Förvaltningen begär budgetjustering om 0,6 mnkr för trygghetsskapande åtgärder inom lekparken Oxtungan.",
        "Förvaltningen begär budgetjustering om 0,5 mnkr för ökade kostnader för maskiner och inventarier.",
    ]
    assert paragraphs.count("Investeringar") == 1


def test_a_category_text_is_made_on_request_in_the_categories_order(client, users, db):
    from economy.models import InvestmentRow

    from .factories import make_category

    report = make_report(users["controller"].memberships.first().namnd, make_period(2022, "T2"), with_tree=False)
    first, second = make_category(report, "Parkinvesteringar", 1), make_category(report, "Maskiner", 2)
    client.force_login(users["controller"])
    kwargs = {"slug": report.namnd.slug, "period": report.period.code}
    page = client.get(reverse("economy:investments_edit", kwargs=kwargs)).content.decode()
    assert "Skriv en text om Maskiner" in page
    assert not InvestmentRow.objects.exists()  # nothing written on a GET
    for category in (second, first):
        response = client.post(reverse("economy:investment_text", kwargs={**kwargs, "pk": category.pk}))
        section = InvestmentRow.objects.get(category=category).section
        assert response.status_code == 302 and response["Location"].endswith(f"/{section.pk}/")
        assert section.kind == Section.Kind.ECONOMY_INVESTMENT and section.title == category.name
        assert client.get(response["Location"]).status_code == 200  # written on the section page
        section.analysis = f"<p>Om {category.name}.</p>"
        section.save()
    again = client.post(reverse("economy:investment_text", kwargs={**kwargs, "pk": first.pk}))
    assert again["Location"].endswith(f"/{InvestmentRow.objects.get(category=first).section_id}/")  # the same one
    texts = [p.section.title for p in tables.report_parts(report) if isinstance(p, tables.Narrative)]
    assert texts.index("Parkinvesteringar") < texts.index("Maskiner")
    assert "Texten om Maskiner" in client.get(reverse("economy:investments_edit", kwargs=kwargs)).content.decode()
