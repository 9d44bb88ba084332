"""import_plan and import_kf_structure: the same services as the pages, output in Swedish, non-zero on a bad file."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from goals.models import Goal
from indicators.models import KfIndicator

from .plan_files import indicator, plan_bytes
from .test_kf_import import kf_bytes


@pytest.fixture
def files(tmp_path):
    def write(name, data):
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    return write


def test_kf_structure_then_plan_with_dry_run_first(db, namnd, files):
    kf = files("kf.xlsx", kf_bytes())
    out = StringIO()
    call_command("import_kf_structure", "2025", kf, "--dry-run", stdout=out)
    assert "Provkörning, inget sparat: 7 nya, 0 ändrade" in out.getvalue()
    assert not Goal.objects.exists()
    call_command("import_kf_structure", "2025", kf, stdout=out)
    assert KfIndicator.objects.filter(year=2025).count() == 2

    plan = files(
        "plan.xlsx",
        plan_bytes(followed=["1.1"], goals=[("1.1.1", "Eget mål")], indicators=[indicator("N-1", "Egen", "1.1.1")]),
    )
    out = StringIO()
    call_command("import_plan", namnd.slug, "2025", plan, stdout=out)
    text = out.getvalue()
    assert "Nytt nämndmål: 1.1.1 Eget mål" in text
    assert "KF-indikatorn ”Andel med arbete” (KF-1) läggs till från stadens struktur." in text
    assert text.strip().endswith("5 nya, 0 ändrade, 0 oförändrade, 0 saknas i filen, 0 borttagna.")


def test_bad_file_exits_non_zero_with_the_rows_named(db, namnd, files):
    call_command("import_kf_structure", "2025", files("kf.xlsx", kf_bytes()), stdout=StringIO())
    bad = files("plan.xlsx", plan_bytes(followed=["1.1"], goals=[("1.1.1", "A"), ("1.1.1", "B")]))
    with pytest.raises(CommandError) as error:
        call_command("import_plan", namnd.slug, "2025", bad, stdout=StringIO())
    assert error.value.returncode == 1
    assert "Nämndmål, rad 3, kolumn A (Nummer): Nämndmålet 1.1.1 står mer än en gång." in str(error.value)
    assert not Goal.objects.filter(namnd=namnd).exists()


def test_unknown_namnd_and_missing_file(db, files):
    with pytest.raises(CommandError, match="Det finns ingen nämnd med kortnamnet okänd."):
        call_command("import_plan", "okänd", "2025", files("p.xlsx", b"x"))
    with pytest.raises(CommandError, match="Filen /finns/inte.xlsx finns inte."):
        call_command("import_kf_structure", "2025", "/finns/inte.xlsx")
