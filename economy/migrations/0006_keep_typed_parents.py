"""Parent rows whose varav rows are a full breakdown are computed from them from now on. Where that would lose a
figure that was typed for the parent (the varav rows of that column or table were left empty in a report), the
area's varav rows are marked as a partial breakdown instead, so every printed figure stays as it was."""

from django.db import migrations

FIELDS = ["previous_outcome", "budget", "change", "forecast", "outcome"]


def keep_typed_parents(apps, schema_editor):
    Area = apps.get_model("economy", "Area")
    AreaRow = apps.get_model("economy", "AreaRow")
    TurnoverChange = apps.get_model("economy", "TurnoverChange")
    children = {}
    for child_id, parent_id in Area.objects.filter(parent__isnull=False).values_list("id", "parent_id"):
        children.setdefault(parent_id, set()).add(child_id)
    if not children:
        return
    parents = set(Area.objects.filter(id__in=children, partial_breakdown=False).values_list("id", flat=True))
    ids = parents | {c for p in parents for c in children[p]}
    rows = {(r["report_id"], r["area_id"]): r for r in AreaRow.objects.filter(area_id__in=ids).values()}
    turnover = set(TurnoverChange.objects.filter(area_id__in=ids).values_list("report_id", "area_id"))
    lossy = set()
    for (report_id, area_id), row in rows.items():
        if area_id not in parents:
            continue
        kids = [rows.get((report_id, c)) for c in children[area_id]]
        for name in FIELDS:
            if row[name] is not None and all(k is None or k[name] is None for k in kids):
                lossy.add(area_id)
    for report_id, area_id in turnover:
        if area_id in parents and not any((report_id, c) in turnover for c in children[area_id]):
            lossy.add(area_id)
    Area.objects.filter(id__in=lossy).update(partial_breakdown=True)


class Migration(migrations.Migration):
    dependencies = [("economy", "0005_adjustment_section")]

    operations = [migrations.RunPython(keep_typed_parents, migrations.RunPython.noop)]
