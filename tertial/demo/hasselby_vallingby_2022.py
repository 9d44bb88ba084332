"""Hässelby-Vällingby stadsdelsnämnd, tertialrapport 2 2022, as published in its tjänsteutlåtande (96 pages).

Transcribed from `hasselby-vallingby-T2-2022-tjansteutlatande.txt`: lines rejoined into paragraphs, subheadings as
`## ` lines and lists as `- ` lines (the `tertial.richtext` format). Everything else is as printed, including the
internal notes the published report still contains (`//Johanna`, `kartlägga (?)`): the publication checks must find
them. Goals are (number, text, bedömning, beskrivning, förväntat resultat); "" = not assessed / not printed.
"""

from . import seed_hasselby_vallingby_2022 as seed

NAMND = {"slug": "hasselby-vallingby", "name": "Hässelby-Vällingby stadsdelsnämnd", "kind": "stadsdelsnamnd"}
PERIOD = (2022, "T2")
# The 2022 report gives its inriktningsmål no bedömning line and no Analys heading, only prose (the year's template).
INRIKTNINGSMAL_ASSESSMENT = False

# The inriktningsmål print no bedömning line of their own; their text opens with the förvaltning's bedömning
# ("… bidra till att inriktningsmålet uppfylls helt"), which is what is stored.
GOALS = [
    ("1", "En modern storstad med möjligheter och valfrihet för alla", "helt", "", ""),
    (
        "1.1",
        "I Stockholm är människor självförsörjande och vägen till arbete och svenskkunskaper är kort",
        "helt",
        "",
        "",
    ),
    (
        "1.1.1",
        "Kvinnor och män försörjer sig själva och är etablerade",
        "helt",
        "Med att försörja sig själv menas att kvinnor och män har ett lönearbete eller har en långsiktig lösning på "
        "sin försörjning genom det samlade socialförsäkringssystemet, arbetslöshetförsäkringssystemet eller genom "
        "centrala studiestödsnämnden vid studier.\n"
        "Med att vara etablerad menas att nyanlända, enskilda individer och familjer har en stadigvarande "
        "boendelösning och en egen försörjning efter etableringsperioden.",
        "- Unga vuxna 18-24 år har egen försörjning genom arbete eller studier\n"
        "- Kvinnor och män som står långt från arbetsmarknaden har arbetsförberedande insatser för att öka "
        "anställningsbarheten\n"
        "- Nyanlända har fått individuell bostadsvägledning och praktiskt stöd i grupp för att bli mer självgående "
        "i att söka egen bostad",
    ),
    ("1.2", "Stockholm är en trygg, säker och välskött stad att bo och vistas i", "delvis", "", ""),
    (
        "1.2.1",
        "Hässelby-Vällingby är välskött, tillgängligt och tryggt.",
        "helt",
        "Med välskött menas att park- och naturområden har höga rekreationsvärden med god renhållning. Ett "
        "tillgängligt och tryggt stadsdelsområde innebär att säkerställandet av olika trygg- och "
        "tillgänglighetsbehov hos invånarna tillgodoses. Genom fördjupad samverkan med berörda aktörer som "
        "polismyndighet, fastighetsägare, näringsliv samt trafikkontoret om såväl den fysiska miljön som "
        "verksamhetsområden, skapas förutsättningar för ett välskött, tillgängligt och tryggt stadsdelsområde.",
        "- Förvaltningen har etablerat samarbete kring trygghets- och trivselfrågor på fler platser i "
        "stadsdelsområdet.\n"
        "- Andelen invånare som upplever trygghet i stadsdelsområdet ökar.\n"
        "- Andelen invånare som är nöjda med skötsel och städning av park- och naturområden ökar.",
    ),
    (
        "1.2.2",
        "Invånare har förtroende för stadsdelsförvaltningen",
        "helt",
        "Med invånare menas personer som bor i Hässelby- Vällingby stadsdelsområde och som på olika sätt kommer i "
        "kontakt med förvaltningens olika verksamheter. Med förtroende menas att förvaltningens kontakter med "
        "invånare präglas av hög tillgänglighet, ett gott bemötande och tydlig kommunikation.",
        "Invånarnas förtroende för stadsdelsförvaltningen ökar.",
    ),
    (
        "1.3",
        "I Stockholm når barn sin fulla potential då Stockholms skolor och förskolor är de bästa i Sverige",
        "helt",
        "",
        "",
    ),
    (
        "1.3.1",
        "Flickor och pojkar utvecklas och lär i en trygg förskola.",
        "helt",
        "I syfte att utvecklas och lära i förskolan erbjuds alla barn som deltar i förskolan en pedagogiskt "
        "stimulerande, utmanande och trygg verksamhet utifrån Skollag, Läroplan för förskolan och "
        "Barnkonventionen. Med en trygg förskola menas att säkerställa en god samverkan med hemmet och att barnen "
        "uppnår en känsla av välmående i förskolans verksamhet.",
        "- Barnen är trygga och har en framtidstro\n"
        "- Barnen utvecklar ett rikt språk\n"
        "- Barnen möter förskollärarledd undervisning i alla grupper\n"
        "- Förskolorna når minst grundläggande nivå inom kvalitetsindikatorn/självvärderingens områden språk och "
        "kommunikation samt naturvetenskap och matematik,\n"
        '- Förskoleundersökningens resultat avseende indexområden "Samverkan med hemmet" och "Utveckling och '
        'lärande" ökar.\n'
        "- Inskrivningsgraden ökar",
    ),
    (
        "1.4",
        "I Stockholm får människor i behov av stöd insatser i tid präglade av hög kvalitet, evidens och rättssäkerhet",
        "delvis",
        "",
        "",
    ),
    (
        "1.4.1",
        "Flickor, pojkar, kvinnor och män har jämlika uppväxt- och livsvillkor",
        # Printed as "Ingen": the one nämndmål the published report leaves without a bedömning.
        "",
        "Med jämlika uppväxtvillkor menas att alla barn är lika mycket värda och har samma rättigheter till god "
        "hälsa, utveckling och utbildning. Ett barns uppväxtvillkor påverkas bland annat av barnets "
        "skolsituation, bostadssituation, ekonomiska villkor, möjlighet till fritidsaktiviteter och den miljö "
        "barnet växer upp i. Med jämlika livsvillkor menas att enskilda vuxna och familjer har samma rättigheter "
        "till god hälsa, en stadigvarande boendelösning, arbete, sysselsättning eller studier, ett liv utan "
        "kriminalitet och våld, social gemenskap och en möjlighet att vara delaktiga och kunna påverka.",
        "- Familjehemsplacerade barn får bättre skolresultat genom det förebyggande arbetet med fokus på "
        "skolnärvaro.\n"
        "- En högre andel av familjerna ansöker själva om stöd istället för att aktualiseras genom orosanmälningar "
        "genom att de får tidigt socialt stöd.\n"
        "- Barn och unga är delaktighet och har inflytande genom att fler barnsamtal genomförs.\n"
        "- Barn och unga är delaktighet och har inflytande genom att fler samordnade individuella planer (SIP) "
        "upprättas.\n"
        "- Barn och ungas trygghet stiger genom att fler vårdnadshavare samtycker till en ökad samverkan mellan "
        "olika aktörer.\n"
        "- Vuxna är motiverade till att lämna ett liv med kriminalitet och gå vidare till arbete eller studier\n"
        "- Vuxna är motiverade till att lämna ett liv med våld i nära relation, hedersrelaterat våld och förtryck, "
        "prostitution och människohandel\n"
        "- Vuxna med funktionsnedsättning får stöd till arbetslivsinriktade insatser\n"
        "- Barn, unga och vuxna är delaktiga i beslut och har inflytande över insatser som rör dem\n"
        "- Barn, unga och vuxna har ett stadigvarande boende\n"
        "- Anhöriga till vuxna med social problematik får stöd",
    ),
    (
        "1.5",
        "I Stockholm har äldre en tillvaro som präglas av hög kvalitet, trygghet och självbestämmande",
        "helt",
        "",
        "",
    ),
    (
        "1.5.1",
        "Äldre kvinnor och män har tillgång till tidigt förebyggande stöd",
        "helt",
        "Med ett förebyggande stöd menas att förvaltningens aktivitetscenter erbjuder stöd i form av fysiska, "
        "kulturella och sociala aktiviteter i syfte att motverka ensamhet och ohälsa hos äldre. Med förebyggande "
        "stöd menas även att verksamheten arbetar uppsökande för att nå äldre och anhöriga så de får möjlighet att "
        "söka stöd i tid samt att de samverkar med andra verksamheter för att nå ut till en bred målgrupp. Stödet "
        "som erbjuds är inte biståndsbedömt vilket gör det tillgängligt för alla äldre.",
        "- Aktivitetscentrens besökare upplever att de är trygga och nöjda med de aktiviteter som erbjuds\n"
        "- Anhöriga är nöjda med stödet\n"
        "- Fler äldre får information om ett vilket stöd som finns\n"
        "- Fler äldre får tillgång till tidigt förebyggande stöd",
    ),
    (
        "1.5.2",
        "Äldre kvinnor och män är trygga med sina insatser som är av hög kvalitet",
        "helt",
        "Med trygghet menas att den äldre ska mötas av en verksamhet där medarbetare har hög kompetens och "
        "insatserna bedrivs med en hög personalkontinuitet. Med hög kvalitet menas att den äldre får insatser som "
        "utförs av omvårdnadspersonal med goda kunskaper i bland annat basala hygienrutiner, demenssjukdomar och "
        "svenska språket. Med hög kvalitet menas även att de äldre inkluderas i utvecklingsarbetet och att deras "
        "synpunkter tillvaratas. Verksamheterna samverkar med region Stockholm och andra aktörer för att "
        "säkerställa att de äldre får en god och säker vård och omsorg.",
        "- Andelen äldre som känner sig trygga med sitt stöd ökar.\n"
        "- Andelen äldre som är nöjda med sitt stöd ökar.\n"
        "- Den äldre är delaktig och känner sig trygg i hur insatsen utförs.\n"
        "- Kvinnor och män på särskilda boenden har en trevlig måltidssituation.\n"
        "- Andelen tillsvidareanställda ökar, därmed minskar andelen timanställda.\n"
        "- Personalkontinuiteten inom hemtjänst ökar.",
    ),
    ("2", "En hållbart växande och dynamisk storstad med hög tillväxt", "helt", "", ""),
    (
        "2.1",
        "Stockholm har Sveriges bästa företagsklimat och ett internationellt konkurrenskraftigt näringsliv",
        "helt",
        "",
        "",
    ),
    (
        "2.1.1",
        "Näringslivet i Hässelby-Vällingby stadsdelsområde är aktivt och bidrar till ett tryggt stadsdelsområde",
        "helt",
        "Med ett aktivt näringsliv menas här att näringslivet är deltar i arbetet med att göra Hässelby-Vällingby "
        "stadsdelsområde till en trygg, säker och välskött plats. Förvaltningen får till stånd samarbeten där såväl "
        "näringsliv som civilsamhället ingår. Förvaltningen arbetar aktivt för att fler företag ansluter sig till "
        "integrationspakten. I samverkan med näringslivet skapas möjligheter för fler kvinnor att komma i kontakt "
        "med näringslivet.",
        "Förvaltningen får till stånd samverkan kring trygghet och trivsel med näringslivet i fler områden i "
        "stadsdelsområdet och antalet företag som förvaltningen samverkar med ökar.",
    ),
    (
        "2.2",
        "Stockholm byggs attraktivt, tätt och funktionsblandat utifrån människors och verksamheters skiftande behov",
        "helt",
        "",
        "",
    ),
    (
        "2.2.1",
        "Förvaltningens lokaler motsvarar verksamheternas skiftande behov",
        "helt",
        "Olika typer av lokaler anpassas till verksamheternas specifika behov.",
        "Förvaltningen har ändamålsenliga lokaler utifrån verksamheternas behov.",
    ),
    (
        "2.3",
        "Stockholms infrastruktur främjar effektiva och hållbara transporter samt god framkomlighet",
        "helt",
        "",
        "",
    ),
    (
        "2.3.1",
        "Fossilfria resor och transporter prioriteras.",
        "helt",
        "Med prioritering av fossilfria resor och transporter menas att förvaltningen arbetar för en fossilfri "
        "organisation 2030 genom att fasa ut fossila bränslen i den egna fordonsflottan samt genom kravställan vid "
        "upphandling av verksamhet där transporter ingår. Med fossilfria resor menas även att gång, cykel och "
        "kollektivtrafik samt att resfria digitala möten prioriteras.",
        "Krav på fossilfria drivmedel ställs vid resor och transporter i förvaltningens regi, när nya avtal "
        "tecknas för leasing av fordon samt vid upphandling av tjänster där fordon ingår.",
    ),
    ("2.4", "Stockholm är en modern kultur- och evenemangsstad med en stark besöksnäring", "helt", "", ""),
    (
        "2.4.1",
        "Förvaltningen erbjuder ett mångsidigt och tillgängligt kulturutbud med aktiviteter och evenemang för alla.",
        "helt",
        "Målgrupp: brukare i förvaltningens alla verksamheter, äldre, barn och unga, invånare i stadsdelsområdet.\n"
        "Med mångsidigt och tillgängligt menas att aktiviteter och evenemang är öppna för de som vill delta utifrån "
        "sina förutsättningar, och att kultur genomsyrar alla förvaltningens verksamheter. Flickor, barn och "
        "nyanlända prioriteras särskilt.",
        "- Människor i alla åldrar har tillgång till aktiviteter och evenemang.\n"
        "- Föreningar anordnar aktiviteter på arenor där barn och unga vistas.\n"
        "- Kulturombud skapar förutsättningar för kulturupplevelser i förvaltningens verksamheter.\n"
        "- Barn och unga får möta professionella kulturaktörer på sina egna arenor.",
    ),
    ("2.5", "Stockholm är en hållbar stad med en god livsmiljö", "helt", "", ""),
    (
        "2.5.1",
        "Förvaltningens verksamheter är energi- och resurseffektiva.",
        "helt",
        "Vid energieffektivisering minskar energianvändningen med bibehållen verkningsgrad. Detta innebär minskade "
        "utsläpp av växthusgaser, minskat uttag av naturresurser samt i de flesta fall också minskade "
        "driftskostnader. Med resurseffektiv verksamhet menas minskad resursanvändning och klokare konsumtion "
        "genom att välja produkter och varor som kan recirkuleras och som inte innehåller skadliga ämnen eller är "
        "svåra att återvinna.",
        "- Obligatorisk utsortering av matavfall till biologisk behandling för verksamheter som serverar 25 "
        "portioner eller mer per dag.\n"
        "- Andelen inköp av ekologiska livsmedel och kostentreprenader uppgår till minst 65 procent av totalt "
        "inköpta livsmedel.\n"
        "- Chemsoft kemikaliehanteringssystem används av berörda enheter.",
    ),
    (
        "2.5.2",
        "Utveckling och skötsel av park- och naturområden främjar biologisk mångfald och ekosystemtjänster.",
        "helt",
        "En skötsel som främjar biologisk mångfald innebär att en variation av gener, arter, naturtyper och "
        "ekologiska funktioner i stadsdelsområdets park- och naturområden upprätthålls. Genom att stärka den "
        "biologiska mångfalden tillvaratas också de reglerande ekosystemtjänsterna som luft- och vattenrening, "
        "vattenreglering, kolbindning, pollinering samt temperaturreglering och ljudabsorption.",
        "- Verksamheten deltar i projektgruppen för stadsdelsvisa åtgärdsprogram för biologisk mångfald (SÅP).\n"
        "- Samtliga parkinvesteringsprojekt inkluderar åtgärder för klimatanpassning.",
    ),
    ("3", "En ekonomiskt hållbar och innovativ storstad för framtiden", "helt", "", ""),
    ("3.1", "Stockholm har en budget i balans och långsiktigt hållbara finanser", "helt", "", ""),
    (
        "3.1.1",
        "Nämndens verksamheter drivs inom givna ramar och har en budget i balans",
        "helt",
        "Med en budget i balans menas att stadens verksamheter är kostnadsmedvetna och tar ansvar för sin "
        "budgethållning. Verksamheterna och bemanning ses över kontinuerligt och anpassningar genomförs för att "
        "uppnå en långsiktigt hållbar ekonomi inom given budgetram.\n"
        "Chefer får utbildning/ information och ett kontinuerligt stöd vilket ger förutsättningar för att bedriva "
        "verksamheten inom de uppsatta ekonomiska ramarna.",
        "- God ekonomisk hushållning\n- Budget i balans\n- Utbildningsinsatser inom redovisning, ekonomi och inköp",
    ),
    ("3.2", "Stockholm använder skattemedlen effektivt till största nytta för stockholmarna", "helt", "", ""),
    (
        "3.2.1",
        "Chefer har rätt förutsättningar för att leda i en komplex och föränderlig omvärld",
        "helt",
        "Med rätt förutsättningar för att leda i en komplex och föränderlig omvärld menar vi tillgång till "
        "ändamålsenlig kompetensförsörjning, rutiner och stöd i personalfrågor.",
        "Aktivt medarbetarindex för ledarskap ökar under 2022, resultatet förväntas återspeglas i den "
        "medarbetarenkät som genomförs våren 2023. Chefer som deltagit i kompetenshöjande aktiviteter bedömer att "
        "deras kompetens inom HR-området har ökat under året.",
    ),
    (
        "3.2.2",
        "Medarbetare bidrar till utveckling genom delaktighet och ansvarstagande",
        "helt",
        "Med bidrag till utveckling genom delaktighet och ansvarstagande menar vi att det är medarbetarnas eget "
        "ansvar att hitta sin inre motivation, sitt engagemang att utvecklas. Ansvarig chef behöver skapa "
        "förutsättningar så att medarbetarna kan upprätthålla det engagemang och den höga graden av "
        "meningsfullhet som arbetet innebär.",
        "Medarbetarindex för motivation och styrning ökar under 2022, resultatet förväntas återspeglas i den "
        "medarbetarenkät som genomförs våren 2023.",
    ),
    (
        "3.2.3",
        "Förvaltningens verksamheter främjar innovativa lösningar",
        "helt",
        "I staden definieras innovation som en förändring som betraktas som ny, skapar värde (nytta) och är tagen i "
        "bruk (nyttiggjord). Det kan handla om att ta fram nya eller förbättrade tjänster, arbetssätt, processer "
        "eller att organisera sig på nya sätt för att nå ökad kvalitet och resurseffektivitet.\n"
        "Att främja innovativa lösningar innebär att chefer skapar en tillåtande kultur där medarbetarna är "
        "involverade och delaktiga i utvecklingen. Där nya lösningar och nya idéer välkomnas och prioriteras.\n"
        "Kvalitetsprogrammet som omfattar ständiga förbättringar, innovation och digitalisering, ställer krav på "
        "att förvaltningen har ett grundläggande och systematisk informationssäkerhetsarbete i alla verksamheter. "
        "Det innebär att rätt information ska finnas tillgänglig för rätt mottagare vid rätt tillfälle.",
        "- Chefer och medarbetare arbetar för att identifiera utmaningar som kräver nya innovativa lösningar.\n"
        "- Chefer och medarbetare nyttjar fler och nya digitala verktyg för sitt uppdrag.\n"
        "- Förvaltningen samarbetar med akademi och näringsliv.",
    ),
    (
        "3.2.4",
        "Förvaltningens lokalanvändning är kostnadseffektiv",
        "helt",
        "Goda och ändamålsenliga lokaler bidrar till att skapa en god arbetsmiljö. Det är prioriterat att "
        "säkerställa ett optimalt nyttjande av förvaltningens lokaler. Förvaltningen bevakar och vidtar åtgärder "
        "utifrån uppsägningstider, flytt eller avveckling/utveckling vid förändringar av verksamheten. "
        "Förvaltningen ser över samlokalisering av verksamheter för att få en effektivare användning av lokaler.",
        "Förvaltningens lokalbestånd ska motsvara verksamhetens volym och översyn görs av befintliga lokaler för att "
        "uppnå en effektiv resursanvändning.",
    ),
]

# The report-level texts, the goals' analyses, all 89 indicators and 151 activities, transcribed from the seed by
# `tertial.demo.transcribe` (generated: `seed_hasselby_vallingby_2022.py`).
REPORT_TEXTS = {"sammanfattande_analys": seed.SUMMARY, **seed.REPORT_TEXTS}
GOAL_ANALYSES = seed.GOAL_ANALYSES
INDICATORS = seed.INDICATORS
ACTIVITIES = seed.ACTIVITIES

# The slide bullets per inriktningsmål (Section.presentation_summary), as a förvaltning writes them for the nämnd's
# meeting (see the Östermalm and Skarpnäck decks among the seeds): sentences of the report's own Sammanfattande
# analys, word for word, nothing added.
PRESENTATION_SUMMARIES = {
    "1": "- Andelen hushåll som uppbär ekonomiskt bistånd minskar, och insatser för prioriterade målgrupper ger "
    "effekt.\n"
    "- Integrationssatsningen har fortsatt med goda resultat i samverkan med civilsamhället, exempelvis att fler "
    "nyanlända personer får kontakter med föreningslivet och att fler nyanlända som går ut etablering har fast "
    "boende.\n"
    "- Inom förvaltningens socialtjänst för barn och unga visar hembesöksprogrammet på goda resultat där insatsen når "
    "många nya föräldrar.\n"
    "- Inom äldreomsorgen har arbetet med Effektiv hemtjänst fortsatt och bland annat medfört en högre "
    "planeringsgrad vilket ger mer kvalitativa insatser till brukare.\n"
    "- En annan utmaning är att stärka upplevelsen av trygghet i stadsdelsområdet.",
    "2": "- Under perioden har Sommartorg genomförts, som är ett evenemang i samverkan med näringslivet och syftar "
    "till att ge ungdomar feriejobb och en inblick i hur företag fungerar.\n"
    "- Förvaltningen ser utmaningar kopplat till nedskräpning och olovliga bosättningar som påverkar stadsmiljön "
    "och förutsättningarna för det lokala näringslivet.",
    "3": "- Under perioden har förvaltningen implementerat ett nytt arbetssätt kring kompetensförsörjningsplanen, i "
    "syfte att stärka arbetet över hela förvaltningen.\n"
    "- Under perioden har förvaltningen påbörjat ett arbete med att implementera kvalitetsprogrammet.\n"
    "- Förvaltningen ser fortsatta utmaningar kopplat till personal – och kompetensförsörjning inom socialtjänsten "
    "för barn och unga och inom äldreomsorgen.",
}
