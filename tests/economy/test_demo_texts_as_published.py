"""The demo's economy narratives in the Word export, word for word as the two published reports print them.

The expected paragraphs were read from `../shared/seeds/*.txt` (lines rejoined), not copied from `economy.demo`:
each list is what the document prints under that heading, in order, published slips included (`prognosticerar`,
`gupp- och serviceboende`, `tilI ökningen`, a sentence without its full stop).
"""

import io

import pytest
from docx import Document

from tertial.exports.docx import build_docx
from tertial.exports.selectors import load_report
from tertial.models import Report
from tests.demo_db import demo_db  # noqa: F401

# The note under a table whose rounded rows do not add up to its total: the export's, not the report's text.
ROUNDING_NOTE = "Beloppen är avrundade"


def _word(slug):
    report = Report.objects.select_related("namnd", "period").get(namnd__slug=slug)
    return Document(io.BytesIO(build_docx(load_report(report))))


def _under(doc, heading: str) -> list[str]:
    """The text paragraphs (lists included) under the economy chapter's heading `heading`, up to the next heading
    of its level or above; table cells and captions are not paragraphs of the body."""
    paragraphs = list(doc.paragraphs)
    chapter = next(i for i, p in enumerate(paragraphs) if p.text == "Uppföljning av ekonomi")
    start = next(i for i, p in enumerate(paragraphs) if i > chapter and p.text == heading and _level(p))
    level = _level(paragraphs[start])
    texts = []
    for p in paragraphs[start + 1 :]:
        own = _level(p)
        if own and own <= level:
            break
        if p.text.strip() and p.style.name != "Caption" and not own and not p.text.startswith(ROUNDING_NOTE):
            texts.append(p.text)
    return texts


def _level(p) -> int:
    name = p.style.name
    return int(name.split()[-1]) if name.startswith("Heading") else 0


@pytest.fixture
def hv(demo_db, db):  # noqa: F811
    return _word("hasselby-vallingby")


@pytest.fixture
def soc(demo_db, db):  # noqa: F811
    return _word("socialnamnden")


def test_hasselby_vallingby_economy_texts(hv):
    assert _under(hv, "Uppföljning av driftbudget") == [
        "Förvaltningens prognos för 2022 baseras på kommunfullmäktiges fastställda budget för 2022. I samband med "
        "avstämningsärendet och beslut i kommunstyrelsen i juni har driftbudgeten justerats med 22 mnkr. Hänsyn har "
        "tagits till löpande prestationsförändringar som uppstår efter avläsning.",
        "Nämndens driftsbudget uppgår till 2412,5 mnkr för kostnader och 321,5 mnkr för intäkter, nettokostnad 2091 "
        "mnkr. Förvaltningen har beräknade prestationsförändringar och begärda budgetjusteringar om en minskning med "
        "6,0 mnkr. Totalt prognostiseras för året, efter resultatdispositioner ett överskott om 7,4 mnkr.",
        "Förvaltningen har erhållit sjuklönekompensation för december till mars om 9,3 mnkr. Prognosen för året "
        "bygger på faktiskt bokförda kostnader och intäkter till och med augusti månad och förväntade kostnader och "
        "intäkter för resterande året. Förvaltningen har tagit beslut om att belopp över 50 000 ska periodiseras "
        "vilket ingår i prognosen.",
        "En viss osäkerhet finns hur de nya LAS reglerna som träder i kraft från oktober, kommer att påverka "
        "verksamheterna både ekonomiskt och verksamhetsmässigt .",
    ]
    assert _under(hv, "Individ- och familjeomsorg")[0] == (
        "Individ- och familjeomsorgen prognostiserar ett underskott om 1,2 mnkr"
    )
    assert _under(hv, "Äldreomsorg") == [
        "Äldreomsorgen prognosticerar ett underskott om 3,2 mnkr. Detta beror primärt på underskott hos "
        "hemtjänstutförarna. Äldreomsorgen har erhållit återhämtningsbonus, medel för god och nära vård samt "
        "stimulansmedel för utökad bemanning av sjuksköterskor på särskilda boenden.",
        "Förvaltningen började under hösten 2021 arbeta med veckovis- och månadsvis uppföljning av planerad och "
        "utförd kund- och medarbetartid inom hemtjänstutförarna i egen regi. Detta arbete syftar främst till att "
        "förbättra det finansiella utfallet genom att ge ansvariga chefer beslutsunderlag genom produktionsdata.",
        "Planeringsgrad, andel av medarbetarnas tillgängliga arbetstid som planeras hos kund.",
        "Nyttjandegrad, andel av medarbetarnas faktiska arbetstid som planeras hos kund.",
        "Personalutförande, andel av planerad kund tid som faktiskt utförs.",
        "Jämfört med samma period föregående år har hemtjänstutförarna förbättrat sitt resultat för samtliga "
        "nyckeltal och förvaltningen börjar se effekter av arbetet även i det finansiella utfallet. Förvaltningen ser "
        "att den nedåtgående trenden gällande köp inom insatserna VoB och hemtjänst från årets början nu har stannat "
        "av och man förväntar sig en ökning framåt slutet av året. Om ökningen överskrider prognostiserade mängd "
        "finns risk att detta inte ryms inom budget.",
    ]
    paragraphs = list(hv.paragraphs)
    # The three nyckeltal are a numbered list, as printed (1. 2. 3.).
    assert [p.style.name for p in paragraphs if p.text.startswith(("Planeringsgrad,", "Nyttjandegrad,"))] == [
        "List Number",
        "List Number",
    ]
    assert _under(hv, "Stöd och service till personer med funktionsnedsättning")[1] == (
        "Staden gör en avläsning vår och höst för insatserna inom gupp- och serviceboende, daglig verksamhet, "
        "kortidsboende och kortidstillsyn. Efter slutlig avläsning som sker på hösten har prestationsförändringarna "
        "gett en ökad budget om 14,1 mnkr."
    )
    assert _under(hv, "Arbetsmarknadsåtgärder") == [
        "Arbetsmarknadsåtgärder prognostiserar ett överskott om 2 mnkr som beror på svårigheter att få ut "
        "stockholmsjobbare ut i arbete."
    ]
    assert _under(hv, "Ekonomiskt bistånd")[1] == (
        "Medelbidraget fortsätter ligga på en högre nivå än budgeterat, dock överväger minskad mängd "
        "biståndshushåll den kostnadsökning förvaltningen ser som beror på medelbidraget. En delförklaring till det "
        "ökade medelbidraget står det antalet ökade barn för dock påverkar detta bara barnfamiljer. Förvaltningen "
        "ser kostnadsökningar utöver stadens genomsnittliga ökning även för familjer utan barn. Anledningen tilI "
        "ökningen (6,5%) över stadens genomsnittliga ökning (3,4%) är i nuläget inte klarlagt. Analys av detta pågår."
    )
    balance = _under(hv, "Analys av balansräkning")
    assert balance[0] == "Förvaltningens balansomslutning har ökat med 43,1 mnkr i jämförelse med Tertialbokslut 2021"
    assert balance[1].startswith(
        "Kundfordringar har minskat med 4,8 mnkr. I stort sett beroende på att sjuklönekompensationen för 2022 har "
        "minskat. Förutbetald kostnader har ökat med 30 mnkr"
    )


def test_hasselby_vallingby_result_units_under_their_subheadings(hv):
    paragraphs = [(p.style.name, p.text) for p in hv.paragraphs]
    start = paragraphs.index(("Heading 2", "Resultatenheter"))
    body = [(style, text) for style, text in paragraphs[start + 1 : start + 8] if text.strip()][:4]
    assert body == [
        ("Heading 5", "Förskoleverksamhet"),
        (
            "Normal",
            "Förvaltningen har 10 förskolenheter som samtliga är resultatenheter. Sammantaget uppgår förskolornas "
            "fonder till 39,6 mnkr. Resultatenheterna planerar för ett uttag ur fonden om 1,6 mnkr under 2022 för "
            "utvecklingsinsatser inom enheterna.",
        ),
        ("Heading 5", "Äldreomsorg"),
        (
            "Normal",
            "Förvaltningen har en resultatenhet inom äldreomsorgsverksamheten. Fonden uppgår till 3,2 mnkr. "
            "Resultatenheten prognostiserar ett överskott om 0,2 mnkr under 2022 att föra över till fonden.",
        ),
    ]


def test_socialnamnden_economy_texts(soc):
    assert _under(soc, "Tertialbokslut")[-1] == (
        "Nämndens kostnader för perioden är totalt något lägre än budget främst beroende på att vissa kostnader "
        "infaller senare under året, exempelvis kostnader för LSS-kollo, löneavtal och semesterkostnader. "
        "Kostnaderna för köp av verksamhet är högre än budget då nämnden inte har budget för familjerådgivningen LOV. "
        "Dessa medel söker nämnden i samband med tertialrapport 2. Kostnaderna för bidrag är lägre än budget och "
        "beror främst på lägre kostnader för försörjningsstöd. Övriga kostnader är högre än budget och beror på att "
        "vissa kostnader preliminärt har bokförts som övrig kostnad men som sedan bokas om till annat kostnadsslag."
    )
    assert _under(soc, "Barn och ungdom -1,7\xa0mnkr") == [
        "Verksamhetsområdet prognostiserar totalt ett resultat som är ett underskott mot budget med 1,7 mnkr.",
        "Under 2024 är uppdraget och målsättningen att etablera två nya HVB för barn och unga. Verksamheten "
        "prognostiserar totalt ett underskott med 2,5 mnkr mot budget. Underskottet beror på uppstartskostnader samt "
        "lägre intäkter på grund av lägre avgift under uppstartsåret. Underskottet täcks inom nämndens budgetram.",
        "Framtid Stockholm och resursteamen barn och unga prognostiserar totalt ett överskott mot budget med 0,5 "
        "mnkr, vilket beror på lägre personalkostnader än budgeterat till följd av tillfälligt vakanta tjänster.",
        "Ungdomsjouren prognostiserar ett överskott på 0,3 mnkr beroende på lägre personalkostnader till följd av "
        "tillfälligt vakanta tjänster.",
    ]
    assert _under(soc, "Verksamhet för personer med funktionsnedsättning +4,4\xa0mnkr")[1:3] == [
        "Antalet utomlänsplacerade funktionshindrade har minskat, vilket innebär ett överskott mot budget på 3,9 mnkr.",
        "LSS korttidshem prognostiserar ett överskott mot budget med 0,5 mnkr beroende på högre intäkter än "
        "budgeterat.",
    ]
    assert _under(soc, "Verksamhet för personer med funktionsnedsättning +4,4\xa0mnkr")[-1].startswith(
        "Nämndens budget har inte full finansiering för verksamheten LSS-kollo."
    )
    assert _under(soc, "Jour- och rådgivande verksamhet -2,9\xa0mnkr")[1:] == [
        "Familjerådgivningen i egen regi prognostiserar ett underskott med 2,6 mnkr mot budget. Underskottet beror på "
        "lägre antal rådgivningssamtal och därmed lägre intäkter än budgeterat.",
        "Socialjouren prognostiserar ett underskott mot budget med 0,3 mnkr, vilket beror på att kostnaderna "
        "kopplade till verksamhetens flytt till nya lokaler har blivit högre än budgeterat.",
    ]
    nyanlanda = _under(soc, "Nyanlända +0,2\xa0mnkr")
    assert nyanlanda[0] == (
        "Prognosen för område Nyanlända är osäker och kostnadsutvecklingen beror på vad som händer i Sverige och "
        "omvärlden."
    )
    assert nyanlanda[1].endswith("Lagändringarna föreslås träda i kraft den 1 november 2024.")
    assert _under(soc, "Ledning och administration -0,8\xa0mnkr")[1:] == [
        "Nämndens kostnader för dataskyddsombud är 0,5 mnkr högre än budgeterat då en förstärkning av det arbetet "
        "varit nödvändig och ligger i linje med revisionens rekommendationer.",
        "Även kostnader för IT-licenser och datakommunikation har blivit dyrare än beräknat och innebär ett "
        "underskott med 0,3 mnkr jämfört med budget.",
    ]
    assert _under(soc, "Omstrukturering ±0\xa0mnkr") == [
        "Nämndens budget för omstruktureringskostnader och oförutsedda kostnader uppgår till 9,0 mnkr.",
        "Medlen bedöms förbrukas och används främst för oförutsedda kostnader.",
        "Under året kommer kostnader för avskrivningar och ränta till följd av tidigare års klimatinvesteringar att "
        "täckas av reserven. Eventuellt kommer även kostnader kopplade till nya socialtjänstlagen att behöva "
        "finansieras av reserven.",
    ]


def test_socialnamnden_texts_without_their_tables_keep_their_own_headings(soc):
    """Socialnämnden has no resultatenheter and no omslutningsförändringar tables: their texts stand under their own
    headings (as the report prints them), not under the Investeringar or Budgetjusteringar table's."""
    assert _under(soc, "Resultatenheter") == [
        "Nämnden har en resultatenhet, tillståndsenheten, som lämnar en prognos i balans med budget för 2024. "
        "Enhetens resultatfond uppgår vid ingången av 2024 till 4,1 mnkr."
    ]
    assert _under(soc, "Investeringar") == [
        "Nämndens investeringsbudget 2024 för inventarier och maskiner uppgår till 2,0 mnkr. Prognosen är att dessa "
        "medel kommer att förbrukas."
    ]
    assert _under(soc, "Omslutningsförändringar") == [
        "Nämnden återkommer i samband med tertialrapport 2 med begäran om eventuella omslutningsförändringar."
    ]


def test_verksamhetsprojekt_is_headed_as_both_reports_print_it(soc):
    assert _under(soc, "Verksamhetsprojekt (driftprojekt)") == [
        "Nämnden har beviljats 100 mnkr i utvecklingsmedel för sociala system för perioden 2023-2027. Under perioden "
        "januari-april 2024 har nämnden haft kostnader på 0,9 mnkr kopplat till detta. För perioden januari "
        "2023-april 2024 har nämnden totalt haft kostnader på 2,5 mnkr. Medel kvar i projektet är därmed 97,5 mnkr."
    ]
