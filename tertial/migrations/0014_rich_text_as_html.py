"""The rich texts, written in the earlier line markup (`## Rubrik`, `- punkt`, `**fet**`), as the editor's HTML
(tertial.richtext). Reversible: back to the markup, as far as it can say it (tables as ` | ` lines, italics plain).
History rows stay as they were: `richtext.parse` reads both formats, so diffs and Ändrat sedan compare words."""

from django.db import migrations

from tertial import richtext

FIELDS = {
    ("tertial", "Section"): ["analysis", "presentation_summary"],
    ("tertial", "ReportTemplate"): ["instructions_inriktningsmal", "instructions_kf_mal", "instructions_namndmal"],
    ("tertial", "TemplateSection"): ["instructions"],
    ("indicators", "IndicatorResult"): ["analysis"],
    ("indicators", "ActivityResult"): ["analysis"],
    ("goals", "Goal"): ["description", "expected_result"],
}


def _convert(apps, convert, wanted):
    for (app, model_name), fields in FIELDS.items():
        model = apps.get_model(app, model_name)
        changed = []
        for row in model.objects.only("pk", *fields).iterator(chunk_size=500):
            dirty = False
            for name in fields:
                value = getattr(row, name) or ""
                if value.strip() and richtext.looks_like_html(value) != wanted:
                    setattr(row, name, convert(value))
                    dirty = True
            if dirty:
                changed.append(row)
        model.objects.bulk_update(changed, fields, batch_size=500)


def to_html(apps, schema_editor):
    _convert(apps, richtext.from_markup, wanted=True)


def to_markup(apps, schema_editor):
    _convert(apps, richtext.to_markup, wanted=False)


class Migration(migrations.Migration):
    dependencies = [
        ("tertial", "0013_audit_log"),
        ("goals", "0002_initial"),
        ("indicators", "0002_kf_indicator_and_activity_catalogue"),
    ]

    operations = [migrations.RunPython(to_html, to_markup)]
