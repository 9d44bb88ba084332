"""The demo holds the two published reports whole: counts, and per goal a row of figures read by eye from the seeds.

The expected figures below were read from `../shared/seeds/*.txt`, not from the generated modules, so a change to
`tertial.demo.transcribe` that misreads a cell fails here.
"""

from decimal import Decimal as D

import pytest

from goals.models import Goal
from indicators.models import Activity, ActivityResult, Indicator, IndicatorResult
from tertial import richtext
from tertial.demo import hasselby_vallingby_2022 as hv_data
from tertial.demo import socialnamnden_2024 as soc_data
from tertial.models import Report, Section
from tests.demo_db import demo_db  # noqa: F401

COLUMNS = ("outcome", "outcome_men", "outcome_women", "historical_vb_outcome", "forecast", "target", "kf_target")

# (goal, indicator name, the seven cells as printed: Periodens utfall, män, kvinnor, VB, Prognos, Årsmål, KF:s årsmål;
# None = empty cell, a str = a text target), period kind.
HV_SAMPLES = [
    (
        "1.1",
        "Andel vuxna med långvarigt ekonomiskt bistånd jämfört med samtliga vuxna invånare",
        ("1.44", "1.38", "1.51", "1.49", "1.44", "1.5", "1.0"),
        "tertial",
    ),
    (
        "1.1.1",
        "Andel unga vuxna 18-24 år med ekonomiskt bistånd i förhållande till samtliga unga vuxna 18-24 år i "
        "befolkningen",
        ("1.33", None, None, "1.38", "1.4", "1.6", None),
        "tertial",
    ),
    (
        "1.2",
        "Stockholmarnas nöjdhet med renhållning och städning",
        ("63", "62", "64", "58", None, "73", "73"),
        "ar",
    ),
    (
        "1.3",
        "Andel legitimerade förskollärare av totalt antal anställda (årsarbetare)",
        ("41.3", "3.2", "38.1", "37.5", "37", "37", "33"),
        "tertial",
    ),
    (
        "1.3.1",
        "Antal förskolor som erhåller skolverkets certifiering ”Hållbar skola”",
        ("23",) + (None,) * 4 + ("15", None),
        "ar",
    ),
    (
        "1.4",
        "Andel barn och unga som åter blir föremål för anmälan/ansökan efter avslutad utredning",
        ("22.5", "24.6", "19.9", "29.2", "24", "24", "24"),
        "tertial",
    ),
    (
        "1.4",
        "Andel utredningar av barn och unga där barnet varit delaktigt och fått återkoppling",
        ("48.91", "47.66", "50.45", "70.29", "55", "60", "Tas fram av nämnd"),
        "tertial",
    ),
    (
        "1.4.1",
        "Indexvärde för det lokala ANDT-förebyggande arbetet enligt preventionsindex mini (PI-mini).",
        (None, None, None, "93", None, "93", None),
        "ar",
    ),
    ("1.5", "Andelen nöjda omsorgstagare i hemtjänst", ("81", "81", "81", None, None, "86", "86"), "ar"),
    (
        "1.5.2",
        "Andel äldre på särskilda boenden som har en aktuell bedömning för risk för undernäring.",
        (None,) * 5 + ("90", None),
        "ar",
    ),
    ("2.4", "Andel ungdomar som deltar i föreningsliv", (None, None, None, "52", None, "60", "65"), "ar"),
    ("2.5", "Totalt köpt energi i stadens verksamheter", (None, None, None, "1.23", None, "1.5", "1945"), "ar"),
    (
        "3.1",
        "Nämndens budgetföljsamhet före resultatöverföringar",
        ("99.7", None, None, "98", None, "100", "100"),
        "tertial",
    ),
    (
        "3.2",
        "Sjukfrånvaro",
        ("8.3", "5.3", "9", "9.2", "8.5", "8.5", "Tas fram av nämnd/styrelse"),
        "tertial",
    ),
    (
        "3.2.1",
        "Andel chefer som bedömer att deras kompetens inom HR-området har ökat efter genomförda utbildningar.",
        ("100", None, None, "100", None, "95", None),
        "ar",
    ),
    ("3.2.2", "AMI-styrning", ("83", None, None, "83", None, "83", None), "ar"),
    ("3.2.3", "Utvecklas och Lära nytt - Index", (None, None, None, "76", None, "77", None), "ar"),
]
SOC_SAMPLES = [
    (
        "1.1",
        "Andel barn som lever i familjer som har ekonomiskt bistånd",
        ("0.2", None, None, "0.2", "0.3", "0.3", "2.7"),
        "tertial",
    ),
    (
        "1.3.1",
        "Andel ungdomar som har fullföljt sin ungdomstjänst (Framtid Stockholm).",
        ("92", "93", "89", "93", "80", None, None),
        "tertial",
    ),
    (
        "1.3.1",
        "Stadsövergripande indexvärde för stadens ANDTS-förebyggande arbete enligt Preventionsindex mini",
        (None, None, None, "66", None, "70", None),
        "ar",
    ),
    (
        "2.2",
        "Andel inköpta ekologiska måltider och livsmedel i staden i kronor av totala värdet av inköpta måltider och "
        "livsmedel",
        ("67.7", None, None, "63.8", None, "70", "70"),
        "ar",
    ),
    (
        "3.3",
        "Antal tillkomna permanenta genomgångsbostäder i SHIS regi",
        ("-251", None, None, "0", "-200", "50", "Tas fram av nämnd/styrelse"),
        "tertial",
    ),
    ("3.4", "Sjukfrånvaro", ("6", "4.7", "6.5", "5.9", "6", "6", "Tas fram av nämnd/styrelse"), "tertial"),
]


@pytest.fixture
def demo(demo_db, db):  # noqa: F811
    return demo_db


def _report(slug):
    return Report.objects.select_related("namnd", "period").get(namnd__slug=slug)


def _cells(result):
    ind = result.indicator
    return (
        result.outcome,
        result.outcome_men,
        result.outcome_women,
        ind.historical_vb_outcome,
        result.forecast,
        ind.target_value if ind.target_value is not None else (ind.target_text or None),
        ind.kf_target_value if ind.kf_target_value is not None else (ind.kf_target_text or None),
    )


def _expected(cells):
    return tuple(D(c) if c is not None and c[:1].isdigit() or c and c[:1] == "-" else c for c in cells)


@pytest.mark.parametrize(
    "slug,samples", [("hasselby-vallingby", HV_SAMPLES), ("socialnamnden", SOC_SAMPLES)], ids=["hv", "soc"]
)
def test_indicator_figures_as_printed(demo, slug, samples):
    report = _report(slug)
    for goal, name, cells, period_kind in samples:
        result = IndicatorResult.objects.select_related("indicator__goal").get(report=report, indicator__name=name)
        assert result.indicator.goal.number == goal, name
        assert _cells(result) == _expected(cells), name
        assert result.indicator.period_kind == period_kind, name


def test_all_indicators_and_activities(demo):
    hv, soc = _report("hasselby-vallingby"), _report("socialnamnden")
    assert hv.indicator_results.count() == 89 and soc.indicator_results.count() == 37
    assert hv.activity_results.count() == 151 and soc.activity_results.count() == 44
    # Every goal that prints a table has rows under it; KF goals' activities are KF:s uppdrag.
    assert set(Indicator.objects.filter(namnd=hv.namnd).values_list("goal__number", flat=True).distinct()) >= {
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "1.5",
        "2.4",
        "2.5",
        "3.1",
        "3.2",
    }
    kinds = dict(Activity.objects.filter(namnd=soc.namnd, goal__number="1.3").values_list("kind", "goal__level"))
    assert kinds == {"kf": Goal.Level.KF_MAL}
    assert Activity.objects.filter(namnd=hv.namnd, goal__number="1.2.1").count() == 8


def test_activities_with_their_dates_and_analyses(demo):
    soc = _report("socialnamnden")
    row = ActivityResult.objects.select_related("activity").get(
        report=soc, activity__text__startswith="Socialnämnden ska i samarbete med bostadsbolagen utbilda husvärdar"
    )
    assert str(row.activity.start_date) == "2024-01-01" and str(row.activity.end_date) == "2024-12-31"
    assert richtext.plain_text(row.analysis) == (
        "En första behovskartläggning är genomförd med bostadsbolagen samt en plan för formen för utbildningen."
    )
    assert ActivityResult.objects.filter(report=soc).exclude(analysis="").count() >= 10
    hv = _report("hasselby-vallingby")
    late = Activity.objects.get(
        namnd=hv.namnd, text="Upprätta en övergripande kommunikationsplan utifrån verksamhetsavdelningarnas behov"
    )
    assert (str(late.start_date), str(late.end_date)) == ("2022-06-30", "2022-12-31")
    assert Activity.objects.get(namnd=hv.namnd, text="Trygga torg").end_date.isoformat() == "2022-10-31"


def test_texts_whole(demo):
    hv = _report("hasselby-vallingby")
    texts = {s.kind: richtext.to_markup(s.analysis) for s in hv.sections.filter(goal__isnull=True)}
    assert texts[Section.Kind.SUMMARY].rstrip().endswith("exempelvis evenemanget Tryggt, snyggt och tillgängligt torg.")
    assert texts[Section.Kind.INTERNAL_CONTROL].startswith(
        "Förvaltningen har vid uppföljning av internkontrollplanen identifierat två mindre avvikelser"
    )
    headings = [b.text for b in richtext.parse(texts[Section.Kind.SPECIAL_REPORTS]) if b.kind == "heading"]
    assert headings[0] == "Agenda 2030"
    assert {"Jämställdhet", "Barns rättigheter", "Nationella minoriteters rättigheter"} <= set(headings)
    analyses = {
        n: richtext.plain_text(a)
        for n, a in hv.sections.filter(goal__isnull=False).values_list("goal__number", "analysis")
    }
    # Every KF goal prints an Analys; the nämndmål print none in this report.
    assert all(analyses[n] for n in ("1", "2", "3", "1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.5", "3.1", "3.2"))
    assert analyses["1.4"].startswith("Förvaltningen bedömer att målen för verksamhetsområdet delvis kommer att")
    soc = _report("socialnamnden")
    soc_analyses = {
        n: richtext.to_markup(a)
        for n, a in soc.sections.filter(goal__isnull=False).values_list("goal__number", "analysis")
    }
    assert soc_analyses["1.1.1"].startswith("Nämnden gör bedömningen att nämndmålet kommer att uppnås under året.")
    # The KF goal's Analys is told per nämndmål: each nämndmål's line over its own topics, one level down.
    lines = soc_analyses["1.3"].splitlines()
    under = lines.index("## Nämndmål: 1.3.1. Barn och unga växer upp under trygga förhållanden")
    assert lines.index("### Tidiga och förebyggande insatser") > under
    assert lines.count("### Likställighet inom staden") == 2  # under 1.3.1 and under 1.3.2
    goal = Goal.objects.get(year=2024, number="1.1.1", namnd=soc.namnd)
    assert richtext.plain_text(goal.description).startswith(
        "Nämnden ansvarar för att anordna korttidsvistelse i form av LSS-kollo"
    )
    assert (
        richtext.to_markup(goal.expected_result)
        == "- LSS-kollo tillhandahåller en meningsfull fritid för barn och unga"
    )


def _blocks(section):
    return [(b.kind, b.text) for b in richtext.parse(section.analysis)]


def test_subheadings_are_the_seeds(demo):
    """A subheading is a line the seed prints on its own over a paragraph: the Intern kontroll tells its deviation
    under the KF goal's number and name, but the first line of a paragraph as wide as the text is no heading
    (Socialnämnden's 1.3: "Den processkarta … tillsammans med Beroendecentrum" / "Stockholm, PRIMA Maria …"), nor a
    sentence broken over a blank line, while a heading of two printed lines is one (Hässelby-Vällingby's 1.4)."""
    hv = _report("hasselby-vallingby")
    control = _blocks(hv.sections.get(kind=Section.Kind.INTERNAL_CONTROL))
    goal = ("heading", "1.2 Stockholm är en trygg, säker och välskött stad att bo och vistas i")
    assert control[1] == goal
    assert control[2][1].startswith("Process förebygga otillåten påverkan. Två mindre avvikelser")
    measures = _blocks(hv.sections.get(goal__number="1.4"))
    assert (
        "heading",
        "Handlingsplan i enlighet med Stockholms stads strategi för att minska risken för att barn, unga och unga "
        "vuxna dras in i kriminalitet 2019– 2022",
    ) in measures
    # A sentence the PDF broke over a blank line (seed lines 2021–2023) is one paragraph, not a heading over the rest.
    julian = "Medarbetare deltar i beredningsarbetet för S:t Julianpriset som delas ut för belöna"
    assert (
        "paragraph",
        f"{julian} arbete som görs för att inkludera personer med funktionsnedsättning i samhället. "
        "Detta bidrar till ökad medvetenhet om funktionshinderfrågor i verksamheten.",
    ) in measures
    soc = _report("socialnamnden")
    for number, first_line, next_line in [
        (
            "1.3",
            "Den processkarta som har tagits fram av socialnämnden tillsammans med Beroendecentrum",
            "Stockholm, PRIMA Maria beroende och Psykiatri Södra Stockholm testas som en pilot under",
        ),
        (
            "3.3",
            "Origo ingår som en referensgrupp i arbetet med att ta fram ett utbildningspaket med fokus ”I",
            "Järva pratar vi om våld”. Under förra året hade Järva stadsdelsnämnd en pilotutbildning i",
        ),
    ]:
        blocks = _blocks(soc.sections.get(goal__number=number))
        assert not any(kind == "heading" and text.startswith(first_line[:30]) for kind, text in blocks), number
        assert any(kind == "paragraph" and text.startswith(f"{first_line} {next_line}") for kind, text in blocks)


def test_lists_in_the_symbol_fonts_bullet_are_lists(demo):
    """Socialnämnden's 1.3 lists the råd's four themes with Word's Symbol-font bullet (U+F0B7 in the extracted text,
    seed lines 366–369): a list, not four paragraphs opening with a glyph no font here has."""
    blocks = richtext.parse(_report("socialnamnden").sections.get(goal__number="1.3").analysis)
    themes = next(b for b in blocks if b.is_list and "digitalisering" in b.items)
    assert themes.items == [
        "digitalisering",
        "social isolering och ofrivillig ensamhet",
        "gode män och förvaltare",
        "boenden för äldre med funktionsnedsättningar",
    ]
    texts = Section.objects.filter(report__namnd__slug__in=["socialnamnden", "hasselby-vallingby"])
    assert not texts.filter(analysis__contains="\uf0b7").exists()


# The published Förslag till beslut, items 2–9 as printed (seed lines 8–34), lines rejoined.
HV_DECISIONS = [
    "Nämnden ansöker om omslutningsförändringar om 26 mnkr",
    "Stadsdelsnämnden ansöker om budgetjustering om 0,6 mnkr för trygghetsskapande åtgärder inom lekparken "
    "Oxtungan. (investering)",
    "Stadsdelsnämnden ansöker om budgetjustering om 0,3 mnkr för god vattenstatus höga bakteriehalter "
    "Maltesholmsbadet (drift)",
    "Stadsdelsnämnden ansöker om budgetjustering om 0,3 mnkr för kommunalt bostadsbidrag (drift)",
    "Stadsdelsnämnden ansöker om budgetjustering om 1,9 mnkr för minskade kostnader avseende avskrivningar av "
    "parkinvesteringar (drift)",
    "Stadsdelsnämnden ansöker om budgetjustering om 0,8 mnkr för särskilda insatser i stadsmiljö (drift)",
    "Stadsdelsnämnden ansöker om budgetjustering om 0,4 mnkr för lokaländamål vid utredning om omstrukturering "
    "till LSS boende.",
    "Stadsdelsnämnden ansöker om budgetjustering om 0,5 för ökade kostnader inom maskiner och inventarier.",
]


def _purpose(item):
    return item.split(" för ", 1)[1].removesuffix(" (drift)").removesuffix(" (investering)").rstrip(".")


def test_forslag_till_beslut_from_the_published_requests(demo):
    """Each budgetjustering is the published request, its purpose word for word; the items are computed from the
    records, so they print what the published ones print unevenly the one way: one subject (Stadsdelsnämnden, the
    published item 2 says Nämnden), the amount with one decimal and its unit (26,0 mnkr; item 9's "0,5 för" has
    none), the kind after every item (8 and 9 have none), and a reduction with its sign (-1,9 mnkr: the record is
    the drift budget's -1,9 that makes the requests' -0,1; the published writes 1,9 "för minskade kostnader")."""
    from economy.tables import decision_items

    items = decision_items(_report("hasselby-vallingby"))[1:]
    assert [_purpose(i) for i in items[1:]] == [_purpose(i) for i in HV_DECISIONS[1:]]
    amounts = [i.split(" om ", 2)[2].split("\xa0mnkr")[0] for i in items]
    assert amounts == ["26,0", "0,6", "0,3", "0,3", "-1,9", "0,8", "0,4", "0,5"]
    published = [i.split(" om ", 2)[2].split(" ")[0] for i in HV_DECISIONS]
    assert [D(a.replace(",", ".")) for a in published] == [abs(D(a.replace(",", "."))) for a in amounts]


def test_published_defects_kept(demo):
    hv = _report("hasselby-vallingby")
    every = " ".join(hv.sections.values_list("analysis", flat=True))
    assert "kartlägga (?)" in every and "xx barn" in every
    assert "Av totalt arton nämndmål bedöms sexton nämndmål uppnås helt och två delvis." in every
    assert IndicatorResult.objects.filter(report=hv, analysis__contains="//Johanna").count() == 1


def test_generated_modules_are_the_ones_loaded():
    """The data modules read the generated transcription: nothing is typed twice."""
    assert len(hv_data.INDICATORS) == 89 and len(hv_data.ACTIVITIES) == 151
    assert len(soc_data.INDICATORS) == 37 and len(soc_data.ACTIVITIES) == 44
    assert len({row["code"] for row in hv_data.INDICATORS}) == 89


@pytest.mark.parametrize("data", [hv_data, soc_data], ids=["hv", "soc"])
def test_slide_bullets_are_the_reports_own_sentences(data):
    summary = data.REPORT_TEXTS["sammanfattande_analys"]
    for number, bullets in data.PRESENTATION_SUMMARIES.items():
        assert number in {g[0] for g in data.GOALS if g[0].count(".") == 0}
        for block in richtext.parse(bullets):
            assert block.kind == "bullets"
            for item in block.items:
                assert item in summary, item


def test_slide_bullets_reach_the_deck(demo):
    import io

    from pptx import Presentation

    from tertial.exports.selectors import load_report
    from tertial.exports.services import build

    deck = Presentation(io.BytesIO(build(load_report(_report("hasselby-vallingby")), "pptx")))
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert any("Sommartorg genomförts" in t for t in texts)
