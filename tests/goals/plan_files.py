"""Plan files for the tests and the benchmark: the template's sheets, built in memory."""

import io

from openpyxl import Workbook

from goals.plan_import import ACTIVITY_COLUMNS, FOLLOWED_COLUMNS, GOAL_COLUMNS, INDICATOR_HEADERS

INDICATOR_ROW = dict.fromkeys(INDICATOR_HEADERS)


def indicator(code, name, goal, **cells):
    """A row of the Indikatorer sheet; `cells` by header (`Enhet="%"`, `Årsmål=2.5`)."""
    row = {**INDICATOR_ROW, "Kod": code, "Indikator": name, "Mål": goal}
    row.update({k.replace("_", " "): v for k, v in cells.items()})
    return [row[h] for h in INDICATOR_HEADERS]


def plan_bytes(*, followed, goals=(), indicators=(), activities=(), drop_sheet=None, headers=None):
    """`followed` KF goal numbers; `goals` (number, text[, description, expected, parent]); `activities`
    (goal, text, start, end). `headers` replaces one sheet's header row: {sheet: [..]}."""
    workbook = Workbook()
    workbook.active.title = "Anvisningar"
    sheets = {
        "KF-mål": ([c.header for c in FOLLOWED_COLUMNS], [[n, "", "Ja"] for n in followed]),
        "Nämndmål": ([c.header for c in GOAL_COLUMNS], [list(g) for g in goals]),
        "Indikatorer": (INDICATOR_HEADERS, [list(i) for i in indicators]),
        "Aktiviteter": ([c.header for c in ACTIVITY_COLUMNS], [list(a) for a in activities]),
    }
    for title, (header, rows) in sheets.items():
        if title == drop_sheet:
            continue
        sheet = workbook.create_sheet(title)
        sheet.append((headers or {}).get(title, header))
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def full_size_plan(goals=30, indicators=150, activities=250, followed=("1.1", "1.2", "2.1")):
    """A plan of the size of a large stadsdelsnämnd: nämndmål spread over the followed KF goals."""
    goal_rows = [
        (f"{followed[n % len(followed)]}.{n // len(followed) + 1}", f"Nämndmål {n}", f"Beskrivning {n}", "", "")
        for n in range(goals)
    ]
    numbers = [g[0] for g in goal_rows]
    indicator_rows = [
        indicator(f"N-{n}", f"Indikator {n}", numbers[n % goals], Enhet="%", Decimaler=1, Årsmål=n % 100 + 0.5)
        for n in range(indicators)
    ]
    activity_rows = [(numbers[n % goals], f"Aktivitet {n}", "2025-01-01", "2025-12-31") for n in range(activities)]
    return plan_bytes(followed=followed, goals=goal_rows, indicators=indicator_rows, activities=activity_rows)
