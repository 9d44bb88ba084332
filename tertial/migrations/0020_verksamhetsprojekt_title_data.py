"""The economy text the reports print as "Verksamhetsprojekt (driftprojekt)" (0018 gave the kind that label): a
template made before it, and the reports made from one, still carry the old default title "Verksamhetsprojekt".
Those are renamed, each with a history row; a title the city chose itself stays, and so does a fastställd report's."""

from django.db import migrations
from django.utils import timezone

KIND = "verksamhetsprojekt"
OLD, NEW = "Verksamhetsprojekt", "Verksamhetsprojekt (driftprojekt)"
REASON = "Rubriken som i stadens rapporter"


def _rename(apps, model_name, field, rows, old, new):
    model = apps.get_model("tertial", model_name)
    history = apps.get_model("tertial", f"Historical{model_name}")
    now = timezone.now()
    for row in model.objects.filter(pk__in=rows).filter(**{field: old}):
        # update() and the history row by hand: the same one row whether simple-history's signals run or not
        model.objects.filter(pk=row.pk).update(**{field: new})
        setattr(row, field, new)
        values = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}
        history.objects.create(**values, history_date=now, history_type="~", history_change_reason=REASON)


def _titles(apps, old, new):
    TemplateSection = apps.get_model("tertial", "TemplateSection")
    Section = apps.get_model("tertial", "Section")
    entries = TemplateSection.objects.filter(kind=KIND, title=old).values_list("pk", flat=True)
    _rename(apps, "TemplateSection", "title", list(entries), old, new)
    sections = (
        Section.objects.filter(kind=KIND, heading_text=old)
        .exclude(report__status="faststalld")
        .values_list("pk", flat=True)
    )
    _rename(apps, "Section", "heading_text", list(sections), old, new)


def forwards(apps, schema_editor):
    _titles(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _titles(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [("tertial", "0019_report_slide_template_file")]

    operations = [migrations.RunPython(forwards, backwards)]
