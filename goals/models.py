"""The goal structure of a budget year: KF:s inriktningsmål, KF:s mål för verksamhetsområdet, nämndmål."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from tertial.fields import RichTextField


class GoalQuerySet(models.QuerySet):
    def for_namnd(self, namnd, year):
        """The goal tree one nämnd reports on in a year: all inriktningsmål, its KF goals, its own nämndmål."""
        return self.filter(year=year).filter(
            Q(level=Goal.Level.INRIKTNINGSMAL)
            | Q(level=Goal.Level.KF_MAL, reported_by__namnd=namnd)
            | Q(level=Goal.Level.NAMNDMAL, namnd=namnd)
        )


class Goal(models.Model):
    class Level(models.IntegerChoices):
        INRIKTNINGSMAL = 1, "KF:s inriktningsmål"
        KF_MAL = 2, "KF:s mål för verksamhetsområdet"
        NAMNDMAL = 3, "Nämndmål"

    year = models.PositiveSmallIntegerField("budgetår")
    level = models.PositiveSmallIntegerField("nivå", choices=Level.choices)
    number = models.CharField("nummer", max_length=20, help_text="Till exempel 1, 1.2 eller 1.2.3.")
    text = models.TextField("mål")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="överordnat mål"
    )
    namnd = models.ForeignKey(
        "tertial.Namnd",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name="nämnd",
        help_text="Endast för nämndmål.",
    )
    description = RichTextField("beskrivning", blank=True)
    expected_result = RichTextField("förväntat resultat", blank=True)
    sort_key = models.CharField("sorteringsnyckel", max_length=40, editable=False, db_index=True)
    history = HistoricalRecords()

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = "mål"
        verbose_name_plural = "mål"
        ordering = ["year", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "number"], condition=Q(namnd__isnull=True), name="goals_goal_unique_kf_number_per_year"
            ),
            models.UniqueConstraint(
                fields=["year", "namnd", "number"],
                condition=Q(namnd__isnull=False),
                name="goals_goal_unique_namndmal_number_per_year",
            ),
            models.CheckConstraint(
                condition=(Q(level=3) & Q(namnd__isnull=False)) | (Q(level__lt=3) & Q(namnd__isnull=True)),
                name="goals_goal_namnd_only_for_namndmal",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.text}"

    def save(self, *args, **kwargs):
        # The sort key is derived from the number (not typed), so it is kept in step here.
        self.number = self.number.strip().rstrip(".")
        self.sort_key = self.make_sort_key(self.number)
        super().save(*args, **kwargs)

    def clean(self):
        self.number = self.number.strip().rstrip(".")
        parts = self.number.split(".")
        if not all(p.isdigit() for p in parts):
            raise ValidationError({"number": "Numret ska bestå av siffror med punkt emellan, till exempel 1.2.3."})
        if len(parts) != self.level:
            raise ValidationError(
                {"number": f"Ett mål på nivån {self.get_level_display()} har {self.level} led i numret."}
            )
        if self.level == self.Level.INRIKTNINGSMAL:
            if self.parent_id:
                raise ValidationError({"parent": "Ett inriktningsmål har inget överordnat mål."})
        else:
            if not self.parent_id:
                raise ValidationError({"parent": "Välj det överordnade målet."})
            if self.parent.level != self.level - 1 or self.parent.year != self.year:
                raise ValidationError({"parent": "Det överordnade målet ska ligga en nivå upp samma budgetår."})
            if not self.number.startswith(self.parent.number + "."):
                raise ValidationError(
                    {"number": f"Numret ska börja med det överordnade målets nummer {self.parent.number}."}
                )

    @staticmethod
    def make_sort_key(number: str) -> str:
        """`1.10.2` -> `001.010.002`, so that goals sort in document order."""
        return ".".join(part.zfill(3) for part in number.strip(".").split("."))

    @property
    def heading(self) -> str:
        """The heading as the documents print it: `KF:s mål för verksamhetsområdet: 1.1 …`."""
        return (
            f"{self.get_level_display()}: {self.number}. {self.text}"
            if self.level == 1
            else (f"{self.get_level_display()}: {self.number} {self.text}")
        )


class ReportedGoal(models.Model):
    """Which KF:s mål för verksamhetsområdet a nämnd reports on."""

    namnd = models.ForeignKey(
        "tertial.Namnd", on_delete=models.CASCADE, related_name="reported_goals", verbose_name="nämnd"
    )
    goal = models.ForeignKey(
        Goal,
        on_delete=models.CASCADE,
        related_name="reported_by",
        verbose_name="mål",
        limit_choices_to={"level": Goal.Level.KF_MAL},
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "mål som nämnden följer upp"
        verbose_name_plural = "mål som nämnden följer upp"
        constraints = [
            models.UniqueConstraint(fields=["namnd", "goal"], name="goals_reportedgoal_unique"),
        ]

    def __str__(self):
        return f"{self.namnd}: {self.goal.number}"
