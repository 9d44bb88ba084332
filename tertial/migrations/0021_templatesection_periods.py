"""A template entry says which periods' reports get its section (`TemplateSection.periods`, "T1,T2,VB" by default).

The analysis of the balance sheet belongs to Tertial 2 and the verksamhetsberättelse: every year's template entry
for it now applies to those two, each with a history row. A report keeps the structure it was made with, with one
exception: a Tertial 1 report that is not fastställd and got the balance analysis only because the template could
not say otherwise loses that section when nobody has touched it (no text, bedömning, summary or Inte aktuellt, no
comment, draft or subsection, and no balance sheet typed into the report). It was required, so it blocked the
fastställande with a Fel for a text the period does not have. The section's last state stays in its history."""

from django.db import migrations, models
from django.utils import timezone

BALANCE = "analys_balansrakning"
BALANCE_PERIODS = "T2,VB"
REASON = "Analysen av balansräkningen hör till Tertial 2 och verksamhetsberättelsen"


def _history_row(apps, model_name, row, history_type, now):
    model = apps.get_model("tertial", model_name)
    history = apps.get_model("tertial", f"Historical{model_name}")
    values = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}
    history.objects.create(**values, history_date=now, history_type=history_type, history_change_reason=REASON)


def forwards(apps, schema_editor):
    TemplateSection = apps.get_model("tertial", "TemplateSection")
    Section = apps.get_model("tertial", "Section")
    BalanceItem = apps.get_model("economy", "BalanceItem")
    now = timezone.now()
    for entry in TemplateSection.objects.filter(kind=BALANCE).exclude(periods=BALANCE_PERIODS):
        # update() and the history row by hand: the same one row whether simple-history's signals run or not
        TemplateSection.objects.filter(pk=entry.pk).update(periods=BALANCE_PERIODS)
        entry.periods = BALANCE_PERIODS
        _history_row(apps, "TemplateSection", entry, "~", now)

    untouched = (
        Section.objects.filter(kind=BALANCE, required=True, report__period__kind="T1")
        .exclude(report__status="faststalld")
        .exclude(report__in=BalanceItem.objects.values("report"))
        .filter(analysis="", assessment="", presentation_summary="", not_applicable=False)
        .filter(children__isnull=True, comments__isnull=True, drafts__isnull=True)
        .distinct()
    )
    signals_write_history = hasattr(Section, "history")  # the app's own model (a test), not the migration's
    for section in untouched:
        if not signals_write_history:
            _history_row(apps, "Section", section, "-", now)
        Section.objects.get(pk=section.pk).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tertial", "0020_verksamhetsprojekt_title_data"),
        ("economy", "0008_keep_locked_parents"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name=model_name,
                name="periods",
                field=models.CharField(
                    default="T1,T2,VB",
                    help_text="De perioder vars rapporter får avsnittet. Rapporter som redan finns behåller sina "
                    "avsnitt.",
                    max_length=20,
                    verbose_name="gäller i",
                ),
            )
            for model_name in ("historicaltemplatesection", "templatesection")
        ),
        # Nothing to undo on the way back: the periods field goes, and a removed section stays in its history.
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
