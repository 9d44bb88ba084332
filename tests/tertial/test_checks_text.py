"""Leftovers, personal data and decimal points in the texts: each pattern against the seeds' real examples."""

import pytest

from tertial.checks import FEL, VARNING
from tertial.models import Section

from .checks_support import findings, make_clean_report, set_text


@pytest.fixture
def clean(namnd):
    return make_clean_report(namnd)


def test_clean_report_has_no_findings(clean):
    """The clean texts hold dates, SOSFS 2011:9, goal references, `ca.`, amounts and percentages: none is flagged."""
    assert findings(clean) == []


@pytest.mark.parametrize(
    "text, shown",
    [
        # Hässelby-Vällingby T2 2022, indicator analysis under 1.1.
        (
            "Socialförvaltningen meddelar 22-08-23 att resultatet kommer att finnas i beslutsstöd. //Johanna",
            "//Johanna",
        ),
        # Same report, Sammanfattande analys.
        (
            "Under perioden har ett arbete med språkdomäner påbörjats i syfte att stärka och kartlägga (?) barnens "
            "språkutveckling.",
            "kartlägga (?)",
        ),
        # Same report, goal 1.3: "resulterat i att xx  barn skrivits in på förskola".
        ("Arbetet har under året resulterat i att xx  barn skrivits in på förskola.", "xx barn"),
        ("Civilsamhället deltar även genom XX.", "XX"),
        # Skarpnäck T2 2025 presentation, five times.
        ("Klicka på STHLM bilder för att lägga till en bild.", "Klicka på STHLM bilder för att lägga till en bild"),
        ("TODO: uppdatera siffrorna efter avstämning.", "TODO"),
        ("Antalet deltagare var ??? under perioden.", "???"),
        ("Resultatet visar att [...] har ökat.", "[...]"),
        ("Skriv text här", "Skriv text här"),
        ("Lorem ipsum dolor sit amet.", "Lorem ipsum"),
    ],
)
def test_leftovers_are_errors(clean, text, shown):
    set_text(clean, text)
    found = findings(clean, "kvarglomt")
    assert len(found) == 1
    assert found[0].severity == FEL
    assert shown in found[0].message
    assert found[0].place == "Nämndmål 1.1.1 – Analys"
    assert found[0].url.endswith("#id_s-analysis")


@pytest.mark.parametrize(
    "text",
    [
        "Mer information finns på https://start.stockholm/forskola och //www-adresser i länklistan.",
        "Har du frågor om förskolan? Kontakta medborgarkontoret.",
        "Storlek XXL och XX-talets arkitektur i Vällingby centrum.",
        "Hässelby-Vällingby är välskött, tillgängligt och tryggt.",
        "Klicka inte bort invånarnas synpunkter: de ska läggas in i systemet.",
    ],
)
def test_leftover_patterns_leave_ordinary_text_alone(clean, text):
    set_text(clean, text)
    assert findings(clean, "kvarglomt") == []


def test_a_leftover_in_an_indicator_analysis_links_to_the_indicator_row(clean):
    from .checks_support import result

    r = result(clean, "KF-1")
    r.analysis = "Resultatet ska redovisas i VB. //Johanna"
    r.save()
    [found] = findings(clean, "kvarglomt")
    assert found.url.endswith(f"#id_ind-{r.indicator_id}-analysis")
    assert "indikator ”Andel vuxna med långvarigt" in found.place


def test_a_presentation_summary_is_checked_only_where_the_section_has_a_slide(clean):
    """A summary no slide prints (a nämndmål's; a text section left off the slides) is not published, and its
    page has no field to link to."""
    leftover = "<ul><li><p>Resultatet ska redovisas i VB. //Johanna</p></li></ul>"
    for number in ("1.1", "1.1.1"):
        clean.sections.filter(goal__number=number).update(presentation_summary=leftover)
    [found] = findings(clean, "kvarglomt")
    assert found.place == "KF:s mål för verksamhetsområdet 1.1 – Sammanfattning för presentation"
    assert found.url.endswith("#id_s-presentation_summary")


@pytest.mark.parametrize(
    "text, check, severity",
    [
        ("Kontakta handläggaren, personnummer 811218-9876, för mer information.", "personnummer", FEL),
        ("Personen med nummer 19811218-9876 har fått stöd.", "personnummer", FEL),
        ("Samordningsnummer 701063-2391 har registrerats.", "personnummer", FEL),
        ("Frågor besvaras av Johanna på 08-508 08 508.", "telefon", VARNING),
        ("Ring 070-123 45 67 för att anmäla intresse.", "telefon", VARNING),
        ("Ring +46 70 123 45 67 för att anmäla intresse.", "telefon", VARNING),
        ("Skicka frågor till johanna.andersson@stockholm.se.", "epost", VARNING),
    ],
)
def test_personal_data_is_found(clean, text, check, severity):
    set_text(clean, text, kind=Section.Kind.INTERNAL_CONTROL)
    found = findings(clean, check)
    assert [f.severity for f in found] == [severity]
    assert found[0].place == "Intern kontroll – Analys"


@pytest.mark.parametrize(
    "text",
    [
        "Socialförvaltningen meddelar 22-08-23 att resultatet kommer att finnas i beslutsstöd.",  # a date
        "Aktiviteten pågår 2022-01-01 2022-06-30 enligt plan.",  # dates in a table row
        "processernas aktiviteter i ILS SOSFS: 2011:9 har fortsatt under perioden.",  # Socialnämnden
        "Budgeten är 2 412,5 mnkr och prognosen 2 426,5 mnkr; 9 000 st feriejobb.",  # amounts
        "Nummer 811218-9875 i listan är ett löpnummer.",  # fails the Luhn check
        "Ärende 990231-1234 avslutades.",  # no 31 February
        "Öppet 08-17 på vardagar under 2022 och 2023.",  # opening hours and years
        "Beslut enligt dnr 2022/1234 och 1 354,0 mot 1 369,2 mnkr.",
    ],
)
def test_personal_data_patterns_leave_numbers_alone(clean, text):
    set_text(clean, text)
    assert findings(clean, "personnummer") + findings(clean, "telefon") + findings(clean, "epost") == []


def test_decimal_point_in_a_number_is_a_warning(clean):
    # Socialnämnden T1 2024 printed "0.07 % 0,11 % 0.02 %" in one row.
    set_text(clean, "Andelen med ekonomiskt bistånd var 0.07 % (0,11 % bland män och 0.02 % bland kvinnor).")
    found = findings(clean, "decimalpunkt")
    assert [f.severity for f in found] == [VARNING, VARNING]
    assert "0,07 %" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Arbetet beskrivs främst under mål 1.3 och 3.6",  # Socialnämnden T1 2024
        "Nämndmål 1.5.1: Nämnden bidrar till föreningsverksamhet.",
        "Arbetet beskrivs under 1.4 och 3.2.",  # Hässelby-Vällingby, 3.1
        "Se verksamhetsområdesmål 3.2. för detaljer och mål 1.2 %-satsen i bilaga 3.",
        "Mötet hölls 2022.08.31 kl. 13.30 enligt SOSFS 2011:9.",
    ],
)
def test_goal_references_and_dates_are_not_decimal_points(clean, text):
    set_text(clean, text)
    assert findings(clean, "decimalpunkt") == []
