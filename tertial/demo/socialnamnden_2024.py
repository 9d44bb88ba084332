"""Socialnämnden, tertialrapport 1 2024: the goal structure of the 2023–2026 mandate period with its bedömningar.

Transcribed from `socialnamnden-T1-2024-tertialrapport.txt`. Every goal is printed `Uppfylls helt`. The print numbers
nämndmål both `1.2.1.` and `3.1.2`; numbers are stored without the trailing point.
"""

from . import seed_socialnamnden_2024 as seed

NAMND = {"slug": "socialnamnden", "name": "Socialnämnden", "kind": "facknamnd"}
PERIOD = (2024, "T1")
# From 2023 the inriktningsmål are assessed like the goals below them (`Uppfylls helt`, then `Analys`).
INRIKTNINGSMAL_ASSESSMENT = True

GOALS = [
    ("1", "Ett Stockholm som håller samman med en stark och jämlik välfärd i hela staden", "helt", "", ""),
    (
        "1.1",
        "Alla barn och ungdomar ska ges möjlighet till jämlika uppväxtvillkor och trygghet samt en rik fritid",
        "helt",
        "",
        "",
    ),
    ("1.1.1", "Barn och ungdomar ges möjlighet till en meningsfull och rik fritid", "helt", "", ""),
    (
        "1.2",
        "Alla barn ska ges likvärdig möjlighet till utveckling och lärande i förskolan och skolan",
        "helt",
        "",
        "",
    ),
    ("1.2.1", "Barn och unga utvecklas och når målen för sin utbildning", "helt", "", ""),
    ("1.3", "Stockholms stad ska ge stöd och omsorg där behoven är som störst", "helt", "", ""),
    ("1.3.1", "Barn och unga växer upp under trygga förhållanden", "helt", "", ""),
    (
        "1.3.2",
        "Stockholmare med funktionsnedsättning lever ett tryggt och självständigt liv och kan på lika villkor "
        "delta i samhället",
        "helt",
        "",
        "",
    ),
    ("1.3.3", "Vuxna lever ett tryggt och självständigt liv utifrån sina förutsättningar", "helt", "", ""),
    (
        "1.3.4",
        "Stockholmare får en likvärdig, samordnad och rättssäker socialtjänst med hög kvalitet oavsett var i "
        "staden de bor.",
        "helt",
        "",
        "",
    ),
    ("1.4", "Stockholm ska vara en bra stad att åldras i - med god omsorg och stor trygghet", "helt", "", ""),
    (
        "1.4.1",
        "Äldre personer med funktionsnedsättning har insatser av god kvalitet som är behovsanpassade och tillgängliga",
        "helt",
        "",
        "",
    ),
    ("1.5", "Alla stockholmare ska ha tillgång till ett rikt kultur-, idrotts- och föreningsliv", "helt", "", ""),
    (
        "1.5.1",
        "Nämnden bidrar till att stockholmare får tillgång till föreningsverksamhet som kompletterar "
        "socialtjänstens insatser",
        "helt",
        "",
        "",
    ),
    ("2", "Ett grönt och fossilfritt Stockholm som leder en rättvis klimatomställning", "helt", "", ""),
    (
        "2.1",
        "Stockholm ska bli klimatpositivt – genom minskade utsläpp och ökad koldioxidlagring",
        "helt",
        "",
        "",
    ),
    ("2.1.1", "Nämndens verksamheter är klimatpositiva", "helt", "", ""),
    ("2.2", "Stockholm ska vara en stad där den biologiska mångfalden ökar", "helt", "", ""),
    (
        "2.2.1",
        "Nämnden bidrar till att Stockholm ska vara en stad där den biologiska mångfalden ökar",
        "helt",
        "",
        "",
    ),
    ("2.3", "Stockholm ska vara en stad där framkomligheten ökar och utsläppen minskar", "helt", "", ""),
    ("2.3.1", "Nämndens verksamheters resor och transporter är miljöanpassade", "helt", "", ""),
    (
        "3",
        "Ett Stockholm med en stabil och hållbar ekonomi med utbildning, jobb och bostäder för alla",
        "helt",
        "",
        "",
    ),
    ("3.1", "Stockholms ekonomi är stark, hållbar och lägger grunden för en jämlik välfärd", "helt", "", ""),
    ("3.1.1", "Nämndens verksamheter är kostnadseffektiva", "helt", "", ""),
    (
        "3.1.2",
        "Innovationer och digitala arbetssätt leder till effektivitet och ökad kvalitet i socialnämndens och "
        "stadsdelsnämndernas verksamheter",
        "helt",
        "",
        "",
    ),
    ("3.2", "I Stockholm ska alla ges möjlighet till ett eget jobb", "helt", "", ""),
    ("3.2.1", "Stockholmare arbetar och är självförsörjande", "helt", "", ""),
    ("3.2.2", "Företagare och verksamhetsutövare är nöjda med service och handläggning", "helt", "", ""),
    ("3.3", "I Stockholm ska alla ha rätt till ett bra boende som de har råd med", "helt", "", ""),
    ("3.3.1", "Stockholmares behov av bostäder i olika boendeformer är tillgodosedda", "helt", "", ""),
    ("3.3.2", "Antal personer som lever i hemlöshet minskar", "helt", "", ""),
    ("3.4", "Medarbetare i Stockholm ska ges goda förutsättningar att göra ett bra jobb", "helt", "", ""),
    ("3.4.1", "Chefer och medarbetare har bra arbetsförhållanden och utvecklingsmöjligheter", "helt", "", ""),
    ("3.4.2", "Administrationen stödjer verksamheterna att uppnå fastställda mål", "helt", "", ""),
    ("3.5", "Hög beredskap och stark rådighet ska råda i alla verksamhetsområden", "helt", "", ""),
    (
        "3.5.1",
        "Nämnden har en hög krishanteringsförmåga och bidrar till stadens civila beredskap",
        "helt",
        "",
        "",
    ),
    (
        "3.5.2",
        "Nämnden bidrar till att stadens upphandlingar och inköp främjar kvalitet, kostnadseffektivitet och hållbarhet",
        "helt",
        "",
        "",
    ),
    ("3.6", "Tryggheten ska öka genom förebyggande insatser", "helt", "", ""),
    ("3.6.1", "Stockholmare är trygga och säkra i staden", "helt", "", ""),
    (
        "3.7",
        "Stockholm ska vara en öppen, jämställd och demokratisk stad som samarbetar internationellt",
        "helt",
        "",
        "",
    ),
    (
        "3.7.1",
        "Nämndens verksamheter bidrar till en öppen, jämställd och demokratisk stad som samarbetar internationellt",
        "helt",
        "",
        "",
    ),
]

# The printed goals carry their Beskrivning and Förväntat resultat from the seed's transcription.
GOALS = [(n, text, a, *seed.GOAL_TEXTS.get(n, (description, expected))) for n, text, a, description, expected in GOALS]

REPORT_TEXTS = {"sammanfattande_analys": seed.SUMMARY, **seed.REPORT_TEXTS}
GOAL_ANALYSES = seed.GOAL_ANALYSES
INDICATORS = seed.INDICATORS
ACTIVITIES = seed.ACTIVITIES

# Slide bullets per inriktningsmål: the Sammanfattande analys's own sentences, word for word.
PRESENTATION_SUMMARIES = {
    "1": "- Nämnden bedömer att inriktningsmålet kommer att uppfyllas under året.\n"
    "- Bedömningen grundas på att samtliga fem mål för verksamhetsområdet som är kopplade till inriktningsmålet "
    "bedöms uppfyllas helt.",
    "2": "- Nämnden bedömer att inriktningsmålet kommer att uppfyllas helt under året.\n"
    "- Bedömningen grundas på att samtliga tre mål för verksamhetsområdet som är kopplat till inriktningsmålet "
    "bedöms uppfyllas helt.",
    "3": "- Nämnden bedömer att inriktningsmålet kommer att uppfyllas helt under året.\n"
    "- Bedömningen grundas på att de sju målen för verksamhetsområdet som är kopplade till inriktningsmålet "
    "bedöms uppfyllas helt.",
}
