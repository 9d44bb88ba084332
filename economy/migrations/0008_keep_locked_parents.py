"""A fastställd report prints what it printed when it was decided: where a parent row typed in such a report differs
from the sum of its varav rows (by less than 0,1, or it could not have been fastställd: 282,2 typed against 282,14,
which would now print 282,1), the area's varav rows are marked a partial breakdown, so the typed figure stays."""

from django.db import migrations

FIELDS = ["previous_outcome", "budget", "change", "forecast", "outcome"]


def keep_locked_parents(apps, schema_editor):
    Area = apps.get_model("economy", "Area")
    AreaRow = apps.get_model("economy", "AreaRow")
    TurnoverChange = apps.get_model("economy", "TurnoverChange")
    children = {}
    for child_id, parent_id in Area.objects.filter(parent__isnull=False, parent__partial_breakdown=False).values_list(
        "id", "parent_id"
    ):
        children.setdefault(parent_id, set()).add(child_id)
    if not children:
        return
    ids = set(children) | {c for kids in children.values() for c in kids}
    locked = {"report__status": "faststalld", "area_id__in": ids}
    rows = {(r["report_id"], r["area_id"]): r for r in AreaRow.objects.filter(**locked).values()}
    turnover = {(t["report_id"], t["area_id"]): t for t in TurnoverChange.objects.filter(**locked).values()}
    differs = set()
    for table, fields in ((rows, FIELDS), (turnover, ["costs", "income"])):
        for (report_id, area_id), row in table.items():
            if area_id not in children:
                continue
            kids = [table.get((report_id, c)) for c in children[area_id]]
            for name in fields:
                values = [k[name] for k in kids if k is not None and k[name] is not None]
                if row[name] is not None and values and sum(values) != row[name]:
                    differs.add(area_id)
    Area.objects.filter(id__in=differs).update(partial_breakdown=True)


class Migration(migrations.Migration):
    dependencies = [("economy", "0007_investment_texts")]

    operations = [migrations.RunPython(keep_locked_parents, migrations.RunPython.noop)]
