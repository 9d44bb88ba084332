"""The economy sections of the two seed reports, transcribed from /work/shared/seeds (typed figures only: every
avvikelse, total and transfer is computed and must come out as the documents print it).

`load_hasselby_vallingby_2022(report)` loads the complete T2 2022 economy of Hässelby-Vällingby stadsdelsnämnd;
`load_socialnamnden_2024(report)` the T1 2024 economy of Socialnämnden (a facknämnd: other catalogues, a
resultaträkning per kostnadsslag). Both are idempotent: running them again changes nothing.
"""

from decimal import Decimal

from django.db import transaction

from tertial import richtext
from tertial.models import Section

from . import services
from .importer import STANDARD_COST_TYPES
from .models import (
    Area,
    AreaRow,
    BalanceItem,
    BudgetAdjustment,
    CapitalCost,
    CostType,
    CostTypeRow,
    DriftSummary,
    InvestmentCategory,
    InvestmentRow,
    ResultUnit,
    TurnoverChange,
)


def D(text):  # noqa: N802 - reads like the documents: D("2 091,0")
    return None if text is None else Decimal(text.replace(" ", "").replace(",", "."))


def load_catalogue(namnd, year, areas, categories, cost_types=(), *, headings=None, partial=()):
    """Areas as [(name, [varav names])], categories as names, cost types as [(name, kind)], the headings areas are
    grouped under ({name: heading}) and the areas whose varav rows are a partial breakdown; idempotent."""
    position = 0
    headings = headings or {}
    for name, children in areas:
        position += 1
        parent, _ = Area.objects.get_or_create(
            namnd=namnd, year=year, name=name, defaults={"position": position, "parent": None}
        )
        wanted = (headings.get(name, ""), name in partial)
        if (parent.heading, parent.partial_breakdown) != wanted:
            parent.heading, parent.partial_breakdown = wanted
            parent.save()
        for child in children:
            position += 1
            Area.objects.get_or_create(
                namnd=namnd, year=year, name=child, defaults={"position": position, "parent": parent}
            )
    for position, name in enumerate(categories, start=1):
        InvestmentCategory.objects.get_or_create(namnd=namnd, year=year, name=name, defaults={"position": position})
    for position, (name, kind) in enumerate(cost_types, start=1):
        CostType.objects.get_or_create(namnd=namnd, year=year, name=name, defaults={"position": position, "kind": kind})


HV_AREAS = [
    ("Nämnd och administration", []),
    ("Individ- och familjeomsorg", ["barn och ungdom", "vuxna", "socialpsykiatri", "nyanlända"]),
    ("Stadsmiljöverksamhet", []),
    ("Avskrivningar", []),
    ("Internräntor", []),
    ("Förskoleverksamhet", []),
    ("Äldreomsorg", []),
    ("Stöd och service till personer med funktionsnedsättning", []),
    ("Barn, kultur och fritid", []),
    ("Arbetsmarknadsåtgärder", []),
    ("Ekonomiskt bistånd", ["handläggare"]),
    ("Övrig verksamhet", []),
]
# The seed prints Stadsmiljöverksamhet, Avskrivningar and Internräntor in one table under "Stadsmiljö"
HV_HEADINGS = {"Stadsmiljöverksamhet": "Stadsmiljö", "Avskrivningar": "Stadsmiljö", "Internräntor": "Stadsmiljö"}
# "varav handläggare" shows one part of Ekonomiskt bistånd, not a breakdown of all of it
HV_PARTIAL = {"Ekonomiskt bistånd"}
HV_CATEGORIES = [
    "Parkinvesteringar",
    "Parkreinvesteringar",
    "Nycklade medel Stadsmiljö",
    "Klimatinvesteringar",
    "Trygghetsinvesteringar",
    "Övriga investeringsmedel",
    "Maskiner & inventarier",
]
# name: (Budget, Prestations- och omslutningsförändringar, Prognos före resultatöverföringar); Individ- och
# familjeomsorg is the sum of its varav rows (282,2 and 283,4 as printed), never typed
HV_FIGURES = {
    "Nämnd och administration": ("44,2", None, "42,2"),
    "barn och ungdom": ("174,7", None, "182,7"),
    "vuxna": ("53,4", None, "56,1"),
    "socialpsykiatri": ("54,1", None, "54,1"),
    "nyanlända": ("0,0", None, "-9,5"),
    "Stadsmiljöverksamhet": ("26,4", None, "29,0"),
    "Avskrivningar": ("14,6", None, "12,7"),
    "Internräntor": ("0,6", None, "0,6"),
    "Förskoleverksamhet": ("428,7", "-20,0", "412,8"),
    "Äldreomsorg": ("685,5", None, "688,7"),
    "Stöd och service till personer med funktionsnedsättning": ("406,6", "14,1", "420,4"),
    "Barn, kultur och fritid": ("32,7", None, "32,7"),
    "Arbetsmarknadsåtgärder": ("22,7", None, "20,7"),
    "Ekonomiskt bistånd": ("146,8", None, "135,8"),
}
# (kind, amount, purpose, area or investment category), in the order of the seed's Förslag till beslut
HV_ADJUSTMENTS = [
    ("investering", "0,6", "trygghetsskapande åtgärder inom lekparken Oxtungan", "Trygghetsinvesteringar"),
    ("drift", "0,3", "god vattenstatus höga bakteriehalter Maltesholmsbadet", "Stadsmiljöverksamhet"),  # as printed
    ("drift", "0,3", "kommunalt bostadsbidrag", "Stöd och service till personer med funktionsnedsättning"),
    ("drift", "-1,9", "minskade kostnader avseende avskrivningar av parkinvesteringar", "Avskrivningar"),
    ("drift", "0,8", "särskilda insatser i stadsmiljö", "Stadsmiljöverksamhet"),
    (
        "drift",
        "0,4",
        "lokaländamål vid utredning om omstrukturering till LSS boende",
        "Stöd och service till personer med funktionsnedsättning",
    ),
    ("investering", "0,5", "ökade kostnader inom maskiner och inventarier", "Maskiner & inventarier"),
]
# The seed's texts about one investeringskategori each, after "Investeringar avseende stadsmiljö …"
HV_INVESTMENT_TEXTS = {
    "Trygghetsinvesteringar": "Förvaltningen begär budgetjustering om 0,6 mnkr för trygghetsskapande åtgärder inom "
    "lekparken Oxtungan.",
    "Maskiner & inventarier": "Förvaltningen begär budgetjustering om 0,5 mnkr för ökade kostnader för maskiner och "
    "inventarier.",
}
# (code, name, area, bruttobudget, resultatöverföring från 2021, beräknat resultat 2022), tkr
HV_UNITS = [
    ("301", "Grimsta förskolor", "Förskoleverksamhet", "37 390,0", "-4 134,0", "400,0"),
    ("302", "Vällingby förskolor", "Förskoleverksamhet", "37 540,0", "-3 694,0", "0,0"),
    ("303", "Råckstå förskolor", "Förskoleverksamhet", "42 990,0", "-4 295,0", "0,0"),
    ("304", "Nälsta förskolor", "Förskoleverksamhet", "40 900,0", "-4 181,0", "100,0"),
    ("306", "Kälvesta förskolor", "Förskoleverksamhet", "38 580,0", "-4 005,0", "150,0"),
    ("309", "Maltesholm-Smedshagen förskolor", "Förskoleverksamhet", "33 700,0", "-3 593,0", "250,0"),
    ("310", "Loviselund förskolor", "Förskoleverksamhet", "34 000,0", "-3 819,0", "450,0"),
    ("311", "Hässelby Gård förskolor", "Förskoleverksamhet", "48 100,0", "-4 800,0", "0,0"),
    ("312", "Trollboda-Smedshagen förskolor", "Förskoleverksamhet", "33 810,0", "-3 618,0", "250,0"),
    ("314", "Hässelby Norra förskolor", "Förskoleverksamhet", "34 510,0", "-3 442,0", "0,0"),
    ("558", "Skolörtens servicehus", "Äldreomsorg", "34 420,0", "-3 188,0", "-200,0"),
]
HV_INVESTMENTS = {
    "Parkinvesteringar": ("4,1", "4,1"),
    "Parkreinvesteringar": ("5,0", "5,0"),
    "Nycklade medel Stadsmiljö": ("13,0", "13,0"),
    "Klimatinvesteringar": ("0,0", "0,0"),
    "Trygghetsinvesteringar": ("1,0", "1,6"),
    "Övriga investeringsmedel": ("2,5", "2,5"),
    "Maskiner & inventarier": ("2,8", "3,3"),
}
HV_CAPITAL = {"avskrivningar": ("14,6", "8,4", "12,7"), "internrantor": ("0,6", "0,4", "0,6")}
HV_TURNOVER = {  # Individ- och familjeomsorg is the sum of its varav rows (11,3)
    "Nämnd och administration": ("-2,1", "2,1"),
    "socialpsykiatri": ("-0,6", "0,6"),
    "vuxna": ("-0,1", "0,1"),
    "nyanlända": ("12", "-12"),
    "Förskoleverksamhet": ("4", "-4"),
    "Äldreomsorg": ("11", "-11"),
    "Stöd och service till personer med funktionsnedsättning": ("2,3", "-2,3"),
    "Barn, kultur och fritid": ("3,5", "-3,5"),
    "Arbetsmarknadsåtgärder": ("-2", "2"),
    "Ekonomiskt bistånd": ("-2", "2"),
}
# (side, name, 2021-08-31, 2022-08-31): the seed's own figures, which do not balance at 2022-08-31
HV_BALANCE = [
    ("tillgangar", "Anläggningstillgångar", "135,2", "146,2"),
    ("tillgangar", "Kundfordringar", "26", "21,2"),
    ("tillgangar", "Div kortfristiga fordringar", "64,1", "71"),
    ("tillgangar", "Förutbetalda kostn och upplupna intäkter", "45", "75"),
    ("tillgangar", "Kassa och bank", "0,4", "0,4"),
    ("skulder", "Eget kapital", "-116,7", "-114,6"),
    ("skulder", "Kortfristiga skulder till kreditinstitut och kunder", "-0,3", "-0,3"),
    ("skulder", "Långfristiga skulder", "0", "0"),
    ("skulder", "Leverantörsskulder", "-36,7", "-49,8"),
    ("skulder", "Moms och särskilda punktskatter", "-0,2", "-0,1"),
    ("skulder", "Övriga kortfristiga skulder", "-2,3", "0"),
    ("skulder", "Upplupna kostnader och förutbetalda intäkter", "-114,5", "-149,1"),
]
HV_AREA_TEXTS = {
    "Nämnd och administration": (
        "Nämnd- och förvaltningsadministration prognostiserar ett fortsatt överskott om 2 mnkr som beror på att "
        "tjänster inte tillsatts enligt planering samt att en del av den centrala bufferten som finns budgeterad "
        "under administrationen lyfts fram."
    ),
    "Individ- och familjeomsorg": "\n".join(
        [
            "Individ- och familjeomsorgen prognostiserar ett underskott om 1,2 mnkr",  # no full stop, as printed
            "Barn och ungdom prognostiserar ett underskott om 8,0 mnkr. Underskottet beror delvis på kostnader för "
            "konsulter då det råder fortsatta svårigheter att rekrytera socialsekreterare och chefer. De höga "
            "kostnaderna för konsulter påverkas också av att leverantörer inom ramavtal inte har kunnat leverera "
            "konsulter till de timpriser som avtalats och därmed har individuella avtal behövt att upprättas. "
            "Därtill har antalet orosanmälningar ökat vilket lett till att fler ärenden utretts som i sin tur lett "
            "till någon form av insats ofta i kombination av både öppenvård och placering vilket lett till ökade "
            "kostnader för köp.",
            "Socialpsykiatrin prognostiserar en budget i balans.",
            "Vuxen prognostiserar ett underskott om 2,7 mnkr. Antalet LVM placeringar har under perioden varit fler "
            "än föregående år vilket resulterat i högre kostnader.",
            "Flykting prognostiserar ett överskott om 9,5 mnkr som beror på att generalschablonen från "
            "migrationsverket redovisas här. Intäkterna har varit något högre än vad som prognostiserades i början "
            "på året.",
        ]
    ),
    "Stadsmiljöverksamhet": "\n".join(
        [
            "Stadsmiljö prognostiserar ett underskott om 1,5 mnkr. Underskottet beror på ökade kostnader för drift "
            "och underhåll inom parker.",
            "Förvaltningen ansöker medel om 0,8 mnkr för särskilda insatser inom stadsmiljö.",
        ]
    ),
    "Förskoleverksamhet": "\n".join(
        [
            "Förskoleverksamheten prognostiserar ett underskott om 4,1 mnkr före resultatöverföring och ett "
            "underskott om 2,5 mnkr efter resultatöverföring. Underskottet beror främst på det nya samverkansavtalet "
            "som medfört att förskolornas hyror har ökat från 1 juli. Därtill planerar resultatenheterna för ett "
            "uttag ur fond om 1,6 mnkr för gemensamma utvecklingssatsningar. Sammanlagt uppgår resultatenheternas "
            "fonder till 39,6 mnkr.",
            "Förskolan har beviljats 7 mnkr i statsbidrag för mindre barngrupper och kvalitetshöjande åtgärder.",
            "I prognosen har hänsyn tagits till beräknade prestationsförändringar och barnomsorgsgarantin. "
            "Barnantalet fortsätter att minska inom förskolorna och i jämförelse med budget så beräknas en minskning "
            "om 189 barn. Förvaltningens beräknar att återredovisa 20 mnkr i minskade prestationer i jämförelse med "
            "kommunfullmäktiges budget för 2022. Förvaltningen ser en fortsatt utmaning i att anpassa lokaler "
            "utifrån det minskande barnantalet.",
        ]
    ),
    # The three nyckeltal are a numbered list (1. 2. 3.): written in the stored HTML, the line markup has none.
    "Äldreomsorg": "".join(
        [
            "<p>Äldreomsorgen prognosticerar ett underskott om 3,2 mnkr. Detta beror primärt på underskott hos "
            "hemtjänstutförarna. Äldreomsorgen har erhållit återhämtningsbonus, medel för god och nära vård samt "
            "stimulansmedel för utökad bemanning av sjuksköterskor på särskilda boenden.</p>",
            "<p>Förvaltningen började under hösten 2021 arbeta med veckovis- och månadsvis uppföljning av planerad "
            "och utförd kund- och medarbetartid inom hemtjänstutförarna i egen regi. Detta arbete syftar främst till "
            "att förbättra det finansiella utfallet genom att ge ansvariga chefer beslutsunderlag genom "
            "produktionsdata.</p>",
            "<ol><li>Planeringsgrad, andel av medarbetarnas tillgängliga arbetstid som planeras hos kund.</li>",
            "<li>Nyttjandegrad, andel av medarbetarnas faktiska arbetstid som planeras hos kund.</li>",
            "<li>Personalutförande, andel av planerad kund tid som faktiskt utförs.</li></ol>",
            "<p>Jämfört med samma period föregående år har hemtjänstutförarna förbättrat sitt resultat för samtliga "
            "nyckeltal och förvaltningen börjar se effekter av arbetet även i det finansiella utfallet. Förvaltningen "
            "ser att den nedåtgående trenden gällande köp inom insatserna VoB och hemtjänst från årets början nu har "
            "stannat av och man förväntar sig en ökning framåt slutet av året. Om ökningen överskrider "
            "prognostiserade mängd finns risk att detta inte ryms inom budget.</p>",
        ]
    ),
    "Stöd och service till personer med funktionsnedsättning": "\n".join(
        [
            "Verksamhetsområdet stöd och service till personer med funktionsnedsättning prognostiserar ett överskott "
            "om 1 mnkr. Inom funktionsnedsättning har kostnader för SoL-placeringarna minskat samt kostnader för "
            "personlig assistans.",
            "Staden gör en avläsning vår och höst för insatserna inom gupp- och serviceboende, daglig verksamhet, "
            "kortidsboende och kortidstillsyn. Efter slutlig avläsning som sker på hösten har "
            "prestationsförändringarna gett en ökad budget om 14,1 mnkr.",
        ]
    ),
    "Barn, kultur och fritid": "Barn kultur och fritid prognostiserar en budget i balans.",
    "Arbetsmarknadsåtgärder": (
        "Arbetsmarknadsåtgärder prognostiserar ett överskott om 2 mnkr som beror på svårigheter att få ut "
        "stockholmsjobbare ut i arbete."
    ),
    "Ekonomiskt bistånd": "\n".join(
        [
            "Ekonomiskt bistånd prognostiserar ett överskott om 11 mnkr. Antalet hushåll fortsätter att ligga på en "
            "lägre nivå än förväntat. I januari var antalet hushåll 885 stycken mot nu augusti preliminära siffror "
            "811 stycken. Prognosen framåt bygger framförallt på andra tertialens genomsnitt.",
            "Medelbidraget fortsätter ligga på en högre nivå än budgeterat, dock överväger minskad mängd "
            "biståndshushåll den kostnadsökning förvaltningen ser som beror på medelbidraget. En delförklaring till det "
            "ökade medelbidraget står det antalet ökade barn för dock påverkar detta bara barnfamiljer. Förvaltningen "
            "ser kostnadsökningar utöver stadens genomsnittliga ökning även för familjer utan barn. Anledningen tilI "
            "ökningen (6,5%) över stadens genomsnittliga ökning (3,4%) är i nuläget inte klarlagt. Analys av detta "
            "pågår.",
        ]
    ),
}
HV_TEXTS = {
    Section.Kind.ECONOMY_DRIFT: "\n".join(
        [
            "Förvaltningens prognos för 2022 baseras på kommunfullmäktiges fastställda budget för 2022. I samband med "
            "avstämningsärendet och beslut i kommunstyrelsen i juni har driftbudgeten justerats med 22 mnkr. Hänsyn "
            "har tagits till löpande prestationsförändringar som uppstår efter avläsning.",
            "Nämndens driftsbudget uppgår till 2412,5 mnkr för kostnader och 321,5 mnkr för intäkter, nettokostnad "
            "2091 mnkr. Förvaltningen har beräknade prestationsförändringar och begärda budgetjusteringar om en "
            "minskning med 6,0 mnkr. Totalt prognostiseras för året, efter resultatdispositioner ett överskott om "
            "7,4 mnkr.",
            "Förvaltningen har erhållit sjuklönekompensation för december till mars om 9,3 mnkr. Prognosen för året "
            "bygger på faktiskt bokförda kostnader och intäkter till och med augusti månad och förväntade kostnader "
            "och intäkter för resterande året. Förvaltningen har tagit beslut om att belopp över 50 000 ska "
            "periodiseras vilket ingår i prognosen.",
            "En viss osäkerhet finns hur de nya LAS reglerna som träder i kraft från oktober, kommer att påverka "
            "verksamheterna både ekonomiskt och verksamhetsmässigt .",
        ]
    ),
    Section.Kind.ECONOMY_UNITS: "\n".join(
        [
            "## Förskoleverksamhet",
            "Förvaltningen har 10 förskolenheter som samtliga är resultatenheter. Sammantaget uppgår förskolornas "
            "fonder till 39,6 mnkr. Resultatenheterna planerar för ett uttag ur fonden om 1,6 mnkr under 2022 för "
            "utvecklingsinsatser inom enheterna.",
            "## Äldreomsorg",
            "Förvaltningen har en resultatenhet inom äldreomsorgsverksamheten. Fonden uppgår till 3,2 mnkr. "
            "Resultatenheten prognostiserar ett överskott om 0,2 mnkr under 2022 att föra över till fonden.",
        ]
    ),
    Section.Kind.ECONOMY_INVESTMENTS: "Investeringar avseende stadsmiljö prognostiseras i balans med budget.",
    Section.Kind.ECONOMY_CAPITAL: "Minskade medel om 1,9 mnkr på grund av minskade avskrivningar inom stadsmiljö.",
    Section.Kind.ECONOMY_TURNOVER: (
        "I verksamhetsplanen och tertialrapport 1 anmälde förvaltningen justerad omslutning av budgeten med "
        "sammanlagt 261,3 mnkr. Förvaltningen anmäler i detta ärende ytterligare omslutningsjusteringar om 26 mnkr."
    ),
    Section.Kind.ECONOMY_PREMISES: (
        "Förvaltningen ansöker om medel för utredning, omstrukturering till LSS boende se blankettset."
    ),
    Section.Kind.ECONOMY_BALANCE: "\n".join(
        [
            "Förvaltningens balansomslutning har ökat med 43,1 mnkr i jämförelse med Tertialbokslut 2021",
            "Kundfordringar har minskat med 4,8 mnkr. I stort sett beroende på att sjuklönekompensationen för 2022 "
            "har minskat. Förutbetald kostnader har ökat med 30 mnkr främst på grund av hyror som inte debiterades "
            "i rätt period under 2021 och som därmed påverkat konto 1714. För konto 1751 är det främst statsbidrag "
            "för SSK som tillkommit.",
            "Leverantörsskulder består av utanordnade fakturor till ett sammanlagt belopp 49,8 mnkr vars "
            "förfallodag inträffar efter månadsskiftet. Leverantörsskulder har ökat med 13,1 mnkr.",
            "Upplupna kostnader och förutbetalda intäkter har ökat med 34,6 mnkr. Periodiseringar har begränsats "
            "till fakturor på lägst 50 000 kronor.",
        ]
    ),
}


@transaction.atomic
def load_hasselby_vallingby_2022(report):
    """The complete Uppföljning av ekonomi of Hässelby-Vällingby's Tertialrapport 2 2022."""
    namnd, year = report.namnd, report.period.year
    load_catalogue(namnd, year, HV_AREAS, HV_CATEGORIES, headings=HV_HEADINGS, partial=HV_PARTIAL)
    services.ensure_economy_rows(report=report)
    areas = {a.name: a for a in Area.objects.filter(namnd=namnd, year=year)}
    categories = {c.name: c for c in InvestmentCategory.objects.filter(namnd=namnd, year=year)}
    _set(
        DriftSummary.objects.get_or_create(report=report)[0],
        cost_budget="2 412,5",
        cost_change="20,1",
        cost_forecast="2 426,5",
        income_budget="-321,5",
        income_change="-26,0",
        income_forecast="-347,5",
    )
    rows = {r.area.name: r for r in AreaRow.objects.filter(report=report).select_related("area", "section")}
    for name, (budget, change, forecast) in HV_FIGURES.items():
        _set(rows[name], budget=budget, change=change, forecast=forecast)
    for name, text in HV_AREA_TEXTS.items():
        _set_text(rows[name].section, text)
    if not BudgetAdjustment.objects.filter(report=report).exists():
        for kind, amount, purpose, target in HV_ADJUSTMENTS:
            adjustment = BudgetAdjustment(
                kind=kind,
                amount=D(amount),
                purpose=purpose,
                area=areas.get(target) if kind == "drift" else None,
                category=categories.get(target) if kind == "investering" else None,
            )
            services.save_adjustment(report=report, adjustment=adjustment)  # with its motivering's section
    for position, (code, name, area, budget, transfer_from, result) in enumerate(HV_UNITS, start=1):
        _upsert(
            ResultUnit,
            {"report": report, "code": code},
            name=name,
            area=areas[area],
            gross_budget=D(budget),
            transfer_from=D(transfer_from),
            result=D(result),
            position=position,
        )
    for row in InvestmentRow.objects.filter(report=report).select_related("category"):
        budget, forecast = HV_INVESTMENTS[row.category.name]
        _set(row, budget=budget, forecast=forecast)
    for name, text in HV_INVESTMENT_TEXTS.items():
        _set_text(services.investment_text(report=report, category=categories[name]), text)
    for kind, (budget, booked, forecast) in HV_CAPITAL.items():
        cost = CapitalCost.objects.get_or_create(report=report, kind=kind)[0]
        _set(cost, budget=budget, booked=booked, forecast=forecast)
    for name, (costs, income) in HV_TURNOVER.items():
        _upsert(TurnoverChange, {"report": report, "area": areas[name]}, costs=D(costs), income=D(income))
    for position, (side, name, previous, current) in enumerate(HV_BALANCE, start=1):
        _upsert(
            BalanceItem,
            {"report": report, "side": side, "name": name},
            previous=D(previous),
            current=D(current),
            position=position,
        )
    texts = {s.kind: s for s in Section.objects.filter(report=report, kind__in=Section.ECONOMY_TEXT_KINDS)}
    for kind, text in HV_TEXTS.items():
        _set_text(texts.get(kind), text)  # a text the year's template left out is not loaded


SN_AREAS = [
    (name, [])
    for name in [
        "Barn och ungdom",
        "Verksamhet för personer med funktionsnedsättning",
        "Hemlöshet och missbruk",
        "Jour- och rådgivande verksamhet",
        "Insatser mot våld i nära relationer",
        "Nyanlända",
        "Strategi och utveckling",
        "Ledning och administration",
        "Stöd till utomstående organisationer",
        "Omstrukturering",
    ]
]
SN_CATEGORIES = [
    "Parkinvesteringar",
    "Reinvesteringar",
    "Investeringar med nycklade medel",
    "Inventarier och maskiner",
    "Klimatinvesteringar",
    "Trygghetsinvesteringar",
]
# The city's kostnadsslag, as the import template lists them (one list for the demo and the import).
SN_COST_TYPES = STANDARD_COST_TYPES
# name: (Bokslut 2023, Budget 2024, Prognos prestationsförändringar, Prognos 2024), typed with two decimals as the
# ledger has them: the document prints them rounded and computes Avvikelse and the totals from the unrounded
# figures (Jour -27,9 and -2,9, Nämnden totalt 1 386,2 / 1 444,4 / -25,0 / 0,0). Each figure rounds to the printed.
SN_FIGURES = {
    "Barn och ungdom": ("109,96", "137,5", None, "139,16"),
    "Verksamhet för personer med funktionsnedsättning": ("167,91", "171,39", None, "167,02"),
    "Hemlöshet och missbruk": ("324,82", "346,33", None, "346,34"),
    "Jour- och rådgivande verksamhet": ("108,22", "88,16", "25,0", "116,04"),
    "Insatser mot våld i nära relationer": ("40,13", "44,42", None, "44,39"),
    "Nyanlända": ("107,24", "98,7", None, "98,48"),
    "Strategi och utveckling": ("146,7", "158,21", None, "157,44"),
    "Ledning och administration": ("68,11", "64,6", None, "65,4"),
    "Stöd till utomstående organisationer": ("304,1", "301,07", None, "301,08"),
    "Omstrukturering": ("9,01", "9,01", None, "9,02"),
}
# name: (budget april 2023, utfall april 2023, budget april 2024, utfall april 2024), with two decimals: every
# printed figure, förbrukning and sum (Netto 437,9, 30,8 %) comes out of them as the document prints it.
SN_COST_FIGURES = {
    "Avgifter": ("-65,88", "-31,02", "-78,78", "-24,53"),
    "Hyresintäkter mm": ("-36,37", "-14,97", "-38,18", "-14,67"),
    "Intäkter bidrag": ("-173,54", "-73,37", "-159,1", "-63,4"),
    "Försäljning": ("-230,31", "-75,47", "-217,08", "-79,43"),
    "Övriga intäkter": ("-9,81", "-1,07", "-4,59", "-0,74"),
    "Försäljn explo, reavinst": ("0,0", "-0,07", None, None),
    "Finansiella intäkter": (None, None, "0,0", "0,0"),
    "Personalkostnader": ("800,56", "243,77", "875,57", "264,71"),
    "Köp av verksamhet": ("210,28", "64,22", "146,79", "64,66"),
    "Lokalkostnader inkl hyror": ("252,66", "81,53", "254,98", "86,39"),
    "Bidrag": ("493,01", "149,93", "482,64", "136,52"),
    "Övriga kostnader": ("163,01", "52,62", "152,08", "66,7"),
    "Försäljomk explo, reaförl": ("0,0", "1,67", "0,0", "0,0"),
    "Kapitalkostnader": ("0,0", "0,0", "5,06", "1,67"),
    "Finansiella kostnader": (None, None, "0,0", "0,0"),
}


SN_TEXTS = {
    Section.Kind.ECONOMY_STATEMENT: "\n".join(
        [
            "Utfallet till och med april visar en förbrukning av nuvarande budget på 30,8 % vilket är lägre än "
            "riktvärdet 33,3 %.",
            "Nämndens intäkter för perioden är högre än budget delvis beroende på högre försäljningsintäkter till följd "
            "av hög beläggning på nämndens boenden. Bidragsintäkterna är också högre än budget då vissa bidrag för "
            "helåret inkommit under första kvartalet.",
            "Nämndens kostnader för perioden är totalt något lägre än budget främst beroende på att vissa kostnader "
            "infaller senare under året, exempelvis kostnader för LSS-kollo, löneavtal och semesterkostnader. "
            "Kostnaderna för köp av verksamhet är högre än budget då nämnden inte har budget för familjerådgivningen "
            "LOV. Dessa medel söker nämnden i samband med tertialrapport 2. Kostnaderna för bidrag är lägre än budget "
            "och beror främst på lägre kostnader för försörjningsstöd. Övriga kostnader är högre än budget och beror "
            "på att vissa kostnader preliminärt har bokförts som övrig kostnad men som sedan bokas om till annat "
            "kostnadsslag.",
        ]
    ),
    Section.Kind.ECONOMY_FORECAST: "\n".join(
        [
            "Nämnden prognostiserar totalt ett resultat, efter prognos prestationsförändringar, som är i balans med "
            "budget. Prognos prestationsförändringar avser familjerådgivningen LOV och beräknas till 25,0 mnkr.",
            "De flesta verksamheterna har en prognos i balans med budget. Underskott prognostiseras främst inom område "
            "barn och ungdom, jour- och rådgivande verksamhet samt ledning och administration. Underskotten täcks inom "
            "nämndens budgetram.",
            "Förklaring till de större avvikelserna mot budget redovisas per verksamhetsområde nedan.",
        ]
    ),
    Section.Kind.ECONOMY_UNITS: (
        "Nämnden har en resultatenhet, tillståndsenheten, som lämnar en prognos i balans med budget för 2024. "
        "Enhetens resultatfond uppgår vid ingången av 2024 till 4,1 mnkr."
    ),
    Section.Kind.ECONOMY_INVESTMENTS: (
        "Nämndens investeringsbudget 2024 för inventarier och maskiner uppgår till 2,0 mnkr. Prognosen är att dessa "
        "medel kommer att förbrukas."
    ),
    Section.Kind.ECONOMY_TURNOVER: (
        "Nämnden återkommer i samband med tertialrapport 2 med begäran om eventuella omslutningsförändringar."
    ),
    Section.Kind.ECONOMY_ADJUSTMENTS: "\n".join(
        [
            "Förvaltningen föreslår nämnden söka medel hos kommunstyrelsen med 3,0 mnkr till klimatinvesteringar för "
            "utbyte till LED-belysning i nämndens verksamheter enligt bilaga 3.",
            "I övrigt återkommer nämnden i samband med tertialrapport 2 med eventuell begäran om budgetjusteringar hos "
            "kommunstyrelsen.",
        ]
    ),
}
# The verksamhetsområden's texts under the per-area table, as the seed prints them (the heading with the deviation
# is computed).
SN_AREA_TEXTS = {
    "Barn och ungdom": "\n".join(
        [
            "Verksamhetsområdet prognostiserar totalt ett resultat som är ett underskott mot budget med 1,7 mnkr.",
            "Under 2024 är uppdraget och målsättningen att etablera två nya HVB för barn och unga. Verksamheten "
            "prognostiserar totalt ett underskott med 2,5 mnkr mot budget. Underskottet beror på uppstartskostnader "
            "samt lägre intäkter på grund av lägre avgift under uppstartsåret. Underskottet täcks inom nämndens "
            "budgetram.",
            "Framtid Stockholm och resursteamen barn och unga prognostiserar totalt ett överskott mot budget med 0,5 "
            "mnkr, vilket beror på lägre personalkostnader än budgeterat till följd av tillfälligt vakanta tjänster.",
            "Ungdomsjouren prognostiserar ett överskott på 0,3 mnkr beroende på lägre personalkostnader till följd av "
            "tillfälligt vakanta tjänster.",
        ]
    ),
    # The LSS-kollo paragraph stands after the per-area table in the seed, before Hemlöshet och missbruk.
    "Verksamhet för personer med funktionsnedsättning": "\n".join(
        [
            "Verksamhetsområdet prognostiserar totalt ett överskott mot budget med 4,4 mnkr.",
            "Antalet utomlänsplacerade funktionshindrade har minskat, vilket innebär ett överskott mot budget på 3,9 "
            "mnkr.",
            "LSS korttidshem prognostiserar ett överskott mot budget med 0,5 mnkr beroende på högre intäkter än "
            "budgeterat.",
            "Nämndens budget har inte full finansiering för verksamheten LSS-kollo. Den ökande andelen deltagare från "
            "Stockholm i LSS-kollo innebär att nämnden inte får in de intäkter från andra kommuner som förutsatts i "
            "nämndens budgetram. Kostnaderna bedöms överstiga budget med cirka 13,4 mnkr. Förvaltningen återkommer i "
            "samband med tertialrapport 2 om att eventuellt föreslå nämnden begära medel för LSS-kollo hos "
            "kommunstyrelsen.",
        ]
    ),
    "Hemlöshet och missbruk": "Verksamhetsområdet prognostiserar totalt ett resultat i balans med budget.",
    "Jour- och rådgivande verksamhet": "\n".join(
        [
            "Verksamhetsområdet prognostiserar totalt ett resultat, efter prestationsförändringar, som är ett "
            "underskott mot budget med 2,9 mnkr. Prognos prestationsförändringar avser familjerådgivningen LOV och "
            "beräknas till 25,0 mnkr.",
            "Familjerådgivningen i egen regi prognostiserar ett underskott med 2,6 mnkr mot budget. Underskottet "
            "beror på lägre antal rådgivningssamtal och därmed lägre intäkter än budgeterat.",
            "Socialjouren prognostiserar ett underskott mot budget med 0,3 mnkr, vilket beror på att kostnaderna "
            "kopplade till verksamhetens flytt till nya lokaler har blivit högre än budgeterat.",
        ]
    ),
    "Nyanlända": "\n".join(
        [
            "Prognosen för område Nyanlända är osäker och kostnadsutvecklingen beror på vad som händer i Sverige och "
            "omvärlden.",
            "Förslagen till den nya lagrådsremissen, förbättrade levnadsvillkor för utlänningar med tillfälligt "
            "skydd, innebär att Ukrainare som bott i Sverige kommer att kunna folkbokföra sig. Det kan innebära ökade "
            "kostnader för personal och försörjningsstöd för nämnden. Lagändringarna föreslås träda i kraft den 1 "
            "november 2024.",
            "Enheten för ensamkommande barn prognostiserar ett överskott på 0,2 mnkr på grund av högre intäkter än "
            "budgeterat.",
        ]
    ),
    "Strategi och utveckling": "Verksamhetsområdet prognostiserar totalt ett överskott mot budget med 0,8 mnkr. "
    "Överskottet beror på lägre personalkostnader än budgeterat till följd av tillfälligt vakanta tjänster.",
    "Ledning och administration": "\n".join(
        [
            "Verksamhetsområdet prognostiserar totalt ett underskott mot budget med 0,8 mnkr.",
            "Nämndens kostnader för dataskyddsombud är 0,5 mnkr högre än budgeterat då en förstärkning av det arbetet "
            "varit nödvändig och ligger i linje med revisionens rekommendationer.",
            "Även kostnader för IT-licenser och datakommunikation har blivit dyrare än beräknat och innebär ett "
            "underskott med 0,3 mnkr jämfört med budget.",
        ]
    ),
    "Stöd till utomstående organisationer": "Verksamhetsområdet prognostiserar totalt ett resultat i balans med "
    "budget.",
    "Omstrukturering": "\n".join(
        [
            "Nämndens budget för omstruktureringskostnader och oförutsedda kostnader uppgår till 9,0 mnkr.",
            "Medlen bedöms förbrukas och används främst för oförutsedda kostnader.",
            "Under året kommer kostnader för avskrivningar och ränta till följd av tidigare års klimatinvesteringar "
            "att täckas av reserven. Eventuellt kommer även kostnader kopplade till nya socialtjänstlagen att behöva "
            "finansieras av reserven.",
        ]
    ),
}


@transaction.atomic
def load_socialnamnden_2024(report):
    """Socialnämnden's T1 2024 economy: facknämnd catalogues, resultaträkning per kostnadsslag, areas, investments."""
    namnd, year = report.namnd, report.period.year
    load_catalogue(namnd, year, SN_AREAS, SN_CATEGORIES, SN_COST_TYPES)
    services.ensure_economy_rows(report=report)
    for row in AreaRow.objects.filter(report=report).select_related("area", "section"):
        previous, budget, change, forecast = SN_FIGURES[row.area.name]
        _set(row, previous_outcome=previous, budget=budget, change=change, forecast=forecast)
        if row.area.name in SN_AREA_TEXTS:
            _set_text(row.section, SN_AREA_TEXTS[row.area.name])
    for row in CostTypeRow.objects.filter(report=report).select_related("cost_type"):
        bp, op, b, o = SN_COST_FIGURES[row.cost_type.name]
        _set(row, budget_previous=bp, outcome_previous=op, budget=b, outcome=o)
    for row in InvestmentRow.objects.filter(report=report).select_related("category"):
        if row.category.name == "Inventarier och maskiner":
            _set(row, budget="2,0", forecast="2,0")
    if not BudgetAdjustment.objects.filter(report=report).exists():
        adjustment = BudgetAdjustment(
            kind="investering",
            amount=D("3,0"),
            purpose="klimatinvesteringar för utbyte till LED-belysning i nämndens verksamheter enligt bilaga 3",
            category=InvestmentCategory.objects.get(namnd=namnd, year=year, name="Klimatinvesteringar"),
        )
        services.save_adjustment(report=report, adjustment=adjustment)
    texts = {s.kind: s for s in Section.objects.filter(report=report, kind__in=Section.ECONOMY_TEXT_KINDS)}
    for kind, text in SN_TEXTS.items():
        _set_text(texts.get(kind), text)
    premises = texts[Section.Kind.ECONOMY_PREMISES]
    if not premises.not_applicable:
        premises.not_applicable = True
        premises.save()
    _set_text(texts[Section.Kind.ECONOMY_SALES], "Nämnden avser inte att sälja anläggningstillgångar under året.")
    _set_text(
        texts[Section.Kind.ECONOMY_PROJECTS],
        "Nämnden har beviljats 100 mnkr i utvecklingsmedel för sociala system för perioden 2023-2027. Under perioden "
        "januari-april 2024 har nämnden haft kostnader på 0,9 mnkr kopplat till detta. För perioden januari "
        "2023-april 2024 har nämnden totalt haft kostnader på 2,5 mnkr. Medel kvar i projektet är därmed 97,5 mnkr.",
    )


def _set(obj, **values):
    """Set typed figures and save only if something changed (idempotent, no empty history rows)."""
    changed = False
    for name, text in values.items():
        value = D(text)
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.save()


def _upsert(model, keys, **values):
    """Create the row, or change it only where it differs: a second run writes no history."""
    obj = model.objects.filter(**keys).first()
    if obj is None:
        return model.objects.create(**keys, **values)
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.save()
    return obj


def _set_text(section, text):
    text = richtext.clean(text)  # compared as it is stored
    if section is not None and section.analysis != text:
        section.analysis = text
        section.save()
