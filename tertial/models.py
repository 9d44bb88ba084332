"""The report itself: nämnd, period, report, its sections, roles and workflow records."""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from . import sections
from .fields import RichTextField
from .sections import Chapter


class Namnd(models.Model):
    class Kind(models.TextChoices):
        STADSDELSNAMND = "stadsdelsnamnd", "Stadsdelsnämnd"
        FACKNAMND = "facknamnd", "Facknämnd"

    name = models.CharField("namn", max_length=200, unique=True)
    slug = models.SlugField("kortnamn", max_length=80, unique=True)
    kind = models.CharField("typ", max_length=20, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nämnd"
        verbose_name_plural = "nämnder"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def subject(self) -> str:
        """How the nämnd names itself in Förslag till beslut ("Stadsdelsnämnden ansöker …")."""
        return "Stadsdelsnämnden" if self.kind == self.Kind.STADSDELSNAMND else "Nämnden"


class Period(models.Model):
    class Kind(models.TextChoices):
        T1 = "T1", "Tertial 1"
        T2 = "T2", "Tertial 2"
        VB = "VB", "Verksamhetsberättelse"

    MONTHS = {Kind.T1: 4, Kind.T2: 8, Kind.VB: 12}

    year = models.PositiveSmallIntegerField("budgetår")
    kind = models.CharField("period", max_length=2, choices=Kind.choices)

    class Meta:
        verbose_name = "period"
        verbose_name_plural = "perioder"
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["year", "kind"], name="tertial_period_unique_year_kind"),
        ]

    def __str__(self):
        return self.code

    @property
    def code(self) -> str:
        """The period as used in URLs and commands: `2022-T2`."""
        return f"{self.year}-{self.kind}"

    @property
    def months(self) -> int:
        """How many months of the year the period covers (4, 8 or 12)."""
        return self.MONTHS[self.kind]

    @property
    def label(self) -> str:
        """`Tertial 2 2022`, `Verksamhetsberättelse 2022`."""
        return f"{self.get_kind_display()} {self.year}"

    @property
    def number(self) -> int | None:
        """The tertial number (1, 2), None for VB."""
        return {"T1": 1, "T2": 2}.get(self.kind)

    @classmethod
    def parse_code(cls, code: str) -> tuple[int, str]:
        """`2022-T2` -> (2022, "T2"); raises ValueError with a Swedish message."""
        try:
            year, kind = code.strip().upper().split("-")
            year_int = int(year)
        except ValueError:
            raise ValueError(f"Ogiltig period {code!r}: skriv till exempel 2022-T2.") from None
        if kind not in cls.Kind.values:
            raise ValueError(f"Ogiltig period {code!r}: perioden ska vara T1, T2 eller VB.")
        return year_int, kind


class ReportQuerySet(models.QuerySet):
    def for_user(self, user):
        """The reports a user may see: their nämnder's, or all for the city-wide role."""
        from .access import is_city_reader  # the roles, read once and cached on the user for the page

        if not user.is_authenticated:
            return self.none()
        if is_city_reader(user):
            return self
        return self.filter(namnd__memberships__user=user).distinct()


class Report(models.Model):
    class Status(models.TextChoices):
        UNDER_ARBETE = "under_arbete", "Under arbete"
        UNDER_GRANSKNING = "under_granskning", "Under granskning"
        FASTSTALLD = "faststalld", "Fastställd"

    namnd = models.ForeignKey(Namnd, on_delete=models.PROTECT, related_name="reports", verbose_name="nämnd")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="reports", verbose_name="period")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.UNDER_ARBETE)
    decision_date = models.DateField("datum för tjänsteutlåtandet", null=True, blank=True)
    # The tjänsteutlåtande's front matter, as its first page prints it.
    dnr = models.CharField("diarienummer", max_length=40, blank=True, help_text="Till exempel HVS 2022/123.")
    officer_name = models.CharField("handläggare", max_length=120, blank=True)
    officer_phone = models.CharField("handläggarens telefon", max_length=40, blank=True)
    recipient = models.CharField(
        "mottagare", max_length=200, blank=True, help_text="Lämnas tom för ”Till <nämndens namn>”."
    )
    director_name = models.CharField("förvaltningsdirektör", max_length=120, blank=True)
    department_head_name = models.CharField("avdelningschef", max_length=120, blank=True)
    # From the year's report template when the report was made (a report keeps the structure it was made with).
    inriktningsmal_assessment = models.BooleanField(
        "inriktningsmålen har en bedömning",
        default=True,
        help_text="Från årets rapportmall: av betyder att inriktningsmålen redovisas bara med text.",
    )
    table_of_contents = models.BooleanField(
        "innehållsförteckning",
        default=True,
        help_text="Word-dokumentet börjar med en innehållsförteckning över kapitel, mål och avsnitt.",
    )
    # The report this one was carried over from (roll-over, `tertial.rollover`): what "Ändrat sedan" compares with.
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name="kopierad från",
    )
    # When the writers' texts are due (`tertial.deadlines`); a section's own deadline overrides it.
    deadline = models.DateField("sista dag", null=True, blank=True, help_text="Sista dag för skribenternas texter.")
    # The nämnd's presentationsmall (its storage name) when the report was fastställd, "" for the city's look: the
    # fastställd report's slides keep it when the nämnd's template is replaced (`tertial.exports.slide_templates`).
    slide_template_file = models.CharField(
        "presentationsmall vid fastställandet", max_length=300, blank=True, editable=False
    )
    history = HistoricalRecords()

    objects = ReportQuerySet.as_manager()

    FRONT_MATTER_FIELDS = [
        "dnr",
        "decision_date",
        "officer_name",
        "officer_phone",
        "recipient",
        "director_name",
        "department_head_name",
        "table_of_contents",
    ]

    class Meta:
        verbose_name = "rapport"
        verbose_name_plural = "rapporter"
        ordering = ["-period__year", "-period__kind", "namnd__name"]
        constraints = [
            models.UniqueConstraint(fields=["namnd", "period"], name="tertial_report_unique_per_namnd_period"),
        ]

    def __str__(self):
        return f"{self.title} {self.namnd}"

    @property
    def title(self) -> str:
        """`Tertialrapport 2 2022` or `Verksamhetsberättelse 2022`."""
        if self.period.kind == Period.Kind.VB:
            return f"Verksamhetsberättelse {self.period.year}"
        return f"Tertialrapport {self.period.number} {self.period.year}"

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.FASTSTALLD

    def assesses(self, goal) -> bool:
        """Whether `goal` has a bedömning in this report: every KF goal and nämndmål; the inriktningsmål where the
        year's template gives them one (the 2019–2022 reports give them prose only)."""
        return goal.level != 1 or self.inriktningsmal_assessment

    @property
    def recipient_line(self) -> str:
        """`Till Hässelby-Vällingby stadsdelsnämnd`, as the first page addresses the decision."""
        return f"Till {self.recipient.strip() or self.namnd.name}"


def attachment_path(instance, filename: str) -> str:
    """A storage name (not a path of one machine): the storage backend decides where it lives."""
    return f"bilagor/{instance.report_id}/{filename}"


class Attachment(models.Model):
    """A bilaga to the tjänsteutlåtande: listed, numbered, in the document and delivered with it (zip)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments", verbose_name="rapport")
    number = models.PositiveSmallIntegerField("nummer")
    title = models.CharField("rubrik", max_length=200)
    file = models.FileField("fil", upload_to=attachment_path, max_length=300)
    original_name = models.CharField("filnamn", max_length=200)
    size = models.PositiveIntegerField("storlek (byte)")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="uppladdad av", related_name="+"
    )
    uploaded_at = models.DateTimeField("uppladdad", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "bilaga"
        verbose_name_plural = "bilagor"
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="tertial_attachment_unique_number"),
        ]

    def __str__(self):
        return f"Bilaga {self.number}: {self.title}"


class Membership(models.Model):
    """A user's role in a nämnd. The city-wide read-only role has no nämnd."""

    class Role(models.TextChoices):
        SKRIBENT = "skribent", "Skribent"
        CONTROLLER = "controller", "Controller"
        SEKRETERARE = "namndsekreterare", "Nämndsekreterare"
        CITY = "stadsovergripande", "Stadsövergripande läsare"
        # The stadsledningskontoret's administrators: the year's KF structure and report template, reads all.
        CITY_ADMIN = "stadsadministrator", "Stadsövergripande administratör"

    CITY_ROLES = [Role.CITY, Role.CITY_ADMIN]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name="användare"
    )
    namnd = models.ForeignKey(
        Namnd, on_delete=models.CASCADE, related_name="memberships", verbose_name="nämnd", null=True, blank=True
    )
    role = models.CharField("roll", max_length=20, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "roll"
        verbose_name_plural = "roller"
        constraints = [
            models.UniqueConstraint(fields=["user", "namnd", "role"], name="tertial_membership_unique"),
            models.CheckConstraint(
                condition=Q(role__in=["stadsovergripande", "stadsadministrator"], namnd__isnull=True)
                | (~Q(role__in=["stadsovergripande", "stadsadministrator"]) & Q(namnd__isnull=False)),
                name="tertial_membership_namnd_matches_role",
            ),
        ]

    def __str__(self):
        where = self.namnd or "hela staden"
        return f"{self.user} – {self.get_role_display()} ({where})"


class Assessment(models.TextChoices):
    """A goal's bedömning. Empty string = not assessed."""

    HELT = "helt", "Uppfylls helt"
    DELVIS = "delvis", "Uppfylls delvis"
    INTE = "inte", "Uppfylls inte"


class Section(models.Model):
    """One piece of the report that somebody writes and a controller reviews.

    A goal's bedömning and Analys (with its indicator and activity follow-up), or a report-level text
    (Sammanfattande analys, Intern kontroll, …), or an economy narrative. The text is stored in the
    constrained markup of `tertial.richtext`; `version` guards against concurrent saves.
    """

    class Kind(models.TextChoices):
        GOAL = "goal", "Mål"
        SUMMARY = "sammanfattande_analys", "Sammanfattande analys"
        INTERNAL_CONTROL = "intern_kontroll", "Intern kontroll"
        SPECIAL_REPORTS = "sarskilda_redovisningar", "Särskilda redovisningar"
        OTHER = "ovrigt", "Övrigt"
        ECONOMY_AREA = "ekonomi_verksamhetsomrade", "Verksamhetsområde (ekonomi)"
        ECONOMY_STATEMENT = "ekonomi_tertialbokslut", "Tertialbokslut"
        ECONOMY_DRIFT = "ekonomi_driftbudget", "Uppföljning av driftbudget"
        ECONOMY_FORECAST = "ekonomi_prognos", "Prognos"
        ECONOMY_DRIFT_NOTE = "ekonomi_driftbudget_fotnot", "Driftbudgetens fotnot"
        ECONOMY_UNITS = "ekonomi_resultatenheter", "Resultatenheter"
        ECONOMY_INVESTMENTS = "ekonomi_investeringar", "Investeringar"
        ECONOMY_INVESTMENT = "ekonomi_investeringskategori", "Investeringskategorins text"
        ECONOMY_CAPITAL = "ekonomi_kapitalkostnader", "Kapitalkostnader"
        ECONOMY_TURNOVER = "ekonomi_omslutning", "Omslutningsförändringar"
        ECONOMY_ADJUSTMENTS = "ekonomi_budgetjusteringar", "Budgetjusteringar"
        ECONOMY_ADJUSTMENT = "ekonomi_budgetjustering", "Budgetjusteringens motivering"
        ECONOMY_SALES = "forsaljningar", "Försäljningar av anläggningstillgångar"
        ECONOMY_PROJECTS = "verksamhetsprojekt", "Verksamhetsprojekt (driftprojekt)"
        ECONOMY_PREMISES = "medel_lokalandamal", "Medel för lokaländamål"
        ECONOMY_BALANCE = "analys_balansrakning", "Analys av balansräkning"
        FREE = "fri", "Eget avsnitt"

    REPORT_LEVEL_KINDS = [Kind.SUMMARY, Kind.INTERNAL_CONTROL, Kind.SPECIAL_REPORTS, Kind.OTHER]
    ECONOMY_TEXT_KINDS = [
        Kind.ECONOMY_STATEMENT,
        Kind.ECONOMY_DRIFT,
        Kind.ECONOMY_FORECAST,
        Kind.ECONOMY_DRIFT_NOTE,
        Kind.ECONOMY_UNITS,
        Kind.ECONOMY_INVESTMENTS,
        Kind.ECONOMY_CAPITAL,
        Kind.ECONOMY_SALES,
        Kind.ECONOMY_PROJECTS,
        Kind.ECONOMY_TURNOVER,
        Kind.ECONOMY_ADJUSTMENTS,
        Kind.ECONOMY_PREMISES,
        Kind.ECONOMY_BALANCE,
    ]

    class State(models.TextChoices):
        UTKAST = "utkast", "Utkast"
        KLAR = "klar", "Klar för granskning"
        GODKAND = "godkand", "Godkänd"
        ATERREMITTERAD = "aterremitterad", "Återremitterad"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections", verbose_name="rapport")
    kind = models.CharField("typ", max_length=40, choices=Kind.choices)
    goal = models.ForeignKey(
        "goals.Goal", on_delete=models.PROTECT, related_name="sections", null=True, blank=True, verbose_name="mål"
    )
    assessment = models.CharField("bedömning", max_length=10, choices=Assessment.choices, blank=True)
    analysis = RichTextField("analys", blank=True)
    presentation_summary = RichTextField("sammanfattning för presentation", blank=True)
    not_applicable = models.BooleanField("inte aktuellt", default=False)
    state = models.CharField("granskningsstatus", max_length=20, choices=State.choices, default=State.UTKAST)
    return_reason = models.TextField("skäl till återremiss", blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_sections",
        verbose_name="ansvarig",
    )
    version = models.PositiveIntegerField("version", default=1)
    position = models.PositiveIntegerField("ordning", default=0)
    # From the year's template when the report was made (or the controller's own section): a report keeps the
    # structure it was created with, whatever the template says later.
    template_entry = models.ForeignKey(
        "tertial.TemplateSection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sections",
        verbose_name="avsnitt i rapportmallen",
    )
    heading_text = models.CharField("rubrik", max_length=200, blank=True)
    chapter = models.CharField("kapitel", max_length=20, choices=Chapter.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="underavsnitt till",
    )
    required = models.BooleanField("obligatoriskt", default=False)
    may_be_not_applicable = models.BooleanField("får markeras Inte aktuellt", default=True)
    on_slides = models.BooleanField("med i presentationen", default=False)
    # Set by the roll-over when the section's content was copied from the previous period's report; cleared by the
    # first save through `tertial.editing.save_section` ("Från Tertial 1 – ej uppdaterad" until then).
    carried_unchanged = models.BooleanField("kopierad, ej uppdaterad", default=False)
    # The section's own deadline (`tertial.deadlines`): empty means the report's.
    deadline = models.DateField("sista dag", null=True, blank=True, help_text="Lämnas tom för rapportens sista dag.")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "avsnitt"
        verbose_name_plural = "avsnitt"
        ordering = ["report", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "goal"],
                condition=Q(goal__isnull=False),
                name="tertial_section_unique_goal_per_report",
            ),
            models.CheckConstraint(
                condition=(Q(kind="goal") & Q(goal__isnull=False)) | (~Q(kind="goal") & Q(goal__isnull=True)),
                name="tertial_section_goal_iff_goal_kind",
            ),
        ]
        indexes = [models.Index(fields=["report", "kind"], name="tertial_section_report_kind")]

    def __str__(self):
        if self.goal_id:
            return f"{self.goal} ({self.report})"
        return f"{self.get_kind_display()} ({self.report})"

    @property
    def title(self) -> str:
        """The section's heading as the document prints it: an economy area's narrative by the area's name.

        Lists of sections join `economy_area_row__area` (select_related) so that this costs no query per row."""
        if self.goal_id:
            return self.goal.heading
        if self.kind == self.Kind.ECONOMY_AREA:
            try:
                return self.economy_area_row.area.name
            except ObjectDoesNotExist:  # a section not (or no longer) tied to an area row
                pass
        return self.heading_text or self.get_kind_display()

    @property
    def shows_assessment(self) -> bool:
        """A goal with a bedömning in its report (`Report.assesses`); reads `report` and `goal` (joined by the
        section page's access helper)."""
        return bool(self.goal_id) and self.report.assesses(self.goal)

    @property
    def has_slide(self) -> bool:
        """Whether the deck gives the section a slide from its presentation summary: an inriktningsmål, a KF goal
        (optional: with a summary), a text section the year's template puts on the slides (`on_slides`); never a
        nämndmål. Without one, the summary is not edited, searched, checked or printed on a slide. Reads `goal`."""
        return self.on_slides or (bool(self.goal_id) and self.goal.level != self.goal.Level.NAMNDMAL)

    @property
    def offers_not_applicable(self) -> bool:
        """A text section the year's template lets be marked Inte aktuellt (a goal is assessed instead)."""
        return not self.goal_id and self.may_be_not_applicable

    @property
    def kind_info(self):
        """This section's entry in the registry of section kinds (`tertial.sections`)."""
        return sections.kind(self.kind)

    @property
    def chapter_key(self) -> str:
        """The chapter the report prints the section in: its own (free sections) or its kind's."""
        return self.chapter or self.kind_info.chapter

    @property
    def is_own(self) -> bool:
        """A section the nämnd's controller added to this report (not from the year's template)."""
        return self.kind == self.Kind.FREE and self.template_entry_id is None and not self.required


class SectionTransition(models.Model):
    """A review-state change of a section: who, when, from and to, and why."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="transitions", verbose_name="avsnitt")
    from_state = models.CharField("från", max_length=20, choices=Section.State.choices)
    to_state = models.CharField("till", max_length=20, choices=Section.State.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="användare")
    reason = models.TextField("motivering", blank=True)
    created_at = models.DateTimeField("tidpunkt", auto_now_add=True)

    class Meta:
        verbose_name = "statusändring för avsnitt"
        verbose_name_plural = "statusändringar för avsnitt"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.section}: {self.get_from_state_display()} → {self.get_to_state_display()}"


class ReportTransition(models.Model):
    """A status change of a whole report (Under arbete → Under granskning → Fastställd, and reopening)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="transitions", verbose_name="rapport")
    from_status = models.CharField("från", max_length=20, choices=Report.Status.choices)
    to_status = models.CharField("till", max_length=20, choices=Report.Status.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="användare")
    reason = models.TextField("motivering", blank=True)
    created_at = models.DateTimeField("tidpunkt", auto_now_add=True)

    class Meta:
        verbose_name = "statusändring för rapport"
        verbose_name_plural = "statusändringar för rapporter"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.report}: {self.get_from_status_display()} → {self.get_to_status_display()}"


class Comment(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="comments", verbose_name="avsnitt")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="författare")
    text = models.TextField("kommentar")
    created_at = models.DateTimeField("skriven", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kommentar"
        verbose_name_plural = "kommentarer"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.author}: {self.text[:40]}"


class Draft(models.Model):
    """Text a writer typed but could not save (expired session, lost network, conflict): kept to restore."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="drafts", verbose_name="avsnitt")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name="användare")
    data = models.JSONField("innehåll")
    base_version = models.PositiveIntegerField("utgick från version")
    created_at = models.DateTimeField("sparat", auto_now=True)

    class Meta:
        verbose_name = "sparat utkast"
        verbose_name_plural = "sparade utkast"
        constraints = [
            models.UniqueConstraint(fields=["section", "user"], name="tertial_draft_unique_per_section_user"),
        ]

    def __str__(self):
        return f"Utkast av {self.user} för {self.section}"


class ExportLog(models.Model):
    class Format(models.TextChoices):
        DOCX = "docx", "Word"
        XLSX = "xlsx", "Excel"
        PPTX = "pptx", "PowerPoint"
        PDF = "pdf", "PDF"
        ZIP = "zip", "Tjänsteutlåtande med bilagor (zip)"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="exports", verbose_name="rapport")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="användare"
    )
    format = models.CharField("format", max_length=10, choices=Format.choices)
    report_status = models.CharField("rapportens status", max_length=20, choices=Report.Status.choices)
    report_version = models.CharField("rapportens version", max_length=64)
    created_at = models.DateTimeField("tidpunkt", auto_now_add=True)

    class Meta:
        verbose_name = "export"
        verbose_name_plural = "exporter"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_format_display()} av {self.report} ({self.created_at:%Y-%m-%d %H:%M})"


class FindingAcknowledgement(models.Model):
    """A controller's acknowledgement of a publication-check warning (Varning), with a comment."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="acknowledgements", verbose_name="rapport"
    )
    key = models.CharField("kontrollens nyckel", max_length=255)
    message = models.TextField("meddelande")
    comment = models.TextField("kommentar")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="kvitterad av")
    created_at = models.DateTimeField("kvitterad", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kvitterad varning"
        verbose_name_plural = "kvitterade varningar"
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="tertial_ack_unique_per_report_key"),
        ]

    def __str__(self):
        return f"{self.key} ({self.report})"


class ImportLog(models.Model):
    """Every import run, trial runs (previews, --dry-run) included: who, when, which file, what it did."""

    class Kind(models.TextChoices):
        KF_STRUCTURE = "kf_struktur", "KF-struktur"
        PLAN = "plan", "Nämndens plan"
        ECONOMY = "ekonomi", "Ekonomi"

    kind = models.CharField("typ", max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="användare"
    )
    namnd = models.ForeignKey(
        Namnd, on_delete=models.CASCADE, null=True, blank=True, related_name="import_logs", verbose_name="nämnd"
    )
    year = models.PositiveSmallIntegerField("budgetår")
    file_name = models.CharField("fil", max_length=255)
    dry_run = models.BooleanField("provkörning", default=False)
    created = models.PositiveIntegerField("skapade", default=0)
    changed = models.PositiveIntegerField("ändrade", default=0)
    removed = models.PositiveIntegerField("borttagna", default=0)
    summary = models.TextField("sammanfattning", blank=True)
    created_at = models.DateTimeField("tidpunkt", auto_now_add=True)

    class Meta:
        verbose_name = "import"
        verbose_name_plural = "importer"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        where = f"{self.namnd} " if self.namnd_id else ""
        return f"{self.get_kind_display()} {where}{self.year}: {self.file_name}"


class PendingImport(models.Model):
    """An uploaded file between an import's preview and its confirmation: stored here, never on a disk path.

    Only the user who uploaded it can confirm it; confirming (or a new upload of the same kind) deletes it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name="användare")
    kind = models.CharField("typ", max_length=20, choices=ImportLog.Kind.choices)
    namnd = models.ForeignKey(Namnd, on_delete=models.CASCADE, null=True, blank=True, verbose_name="nämnd")
    year = models.PositiveSmallIntegerField("budgetår")
    file_name = models.CharField("fil", max_length=255)
    data = models.BinaryField("innehåll")
    created_at = models.DateTimeField("uppladdad", auto_now_add=True)

    class Meta:
        verbose_name = "import som väntar på bekräftelse"
        verbose_name_plural = "importer som väntar på bekräftelse"

    def __str__(self):
        return f"{self.file_name} ({self.user})"


from .audit_models import AuditEvent  # noqa: E402  (models of this app, in their modules)
from .export_models import ExportFile, SlideTemplate  # noqa: E402
from .reminder_models import ReminderLog  # noqa: E402
from .rollover_models import RolloverLog  # noqa: E402
from .template_models import ReportTemplate, TemplateSection  # noqa: E402

__all__ = [
    "Assessment",
    "AuditEvent",
    "Comment",
    "Draft",
    "ExportFile",
    "ExportLog",
    "FindingAcknowledgement",
    "ImportLog",
    "Membership",
    "Namnd",
    "PendingImport",
    "Period",
    "Report",
    "ReminderLog",
    "ReportTemplate",
    "ReportTransition",
    "RolloverLog",
    "Section",
    "SectionTransition",
    "SlideTemplate",
    "TemplateSection",
]
