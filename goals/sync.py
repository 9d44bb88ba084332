"""What an import will do to one kind of row: compare the rows a file describes with the rows in the database by
their natural key, and apply the difference in bulk with history. Shared by the KF-structure and plan imports."""

import hashlib
from dataclasses import dataclass, field

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from tertial.checks.background import note_saved

REASON = "Import från Excel"


@dataclass
class Diff:
    """One model's share of an import: rows to create, rows to change (with the changed fields), rows that exist
    but are missing from the file, and how many are already as the file says."""

    label: str
    create: list = field(default_factory=list)  # (key, values)
    change: list = field(default_factory=list)  # (key, obj, values, changed field names)
    missing: list = field(default_factory=list)  # existing objects
    unchanged: int = 0


def compare(label: str, existing: dict, wanted: dict, current) -> Diff:
    """`existing` {key: obj}, `wanted` {key: values}; `current(obj, name)` reads a field the way `values` holds
    it (a goal as its number, say), so that an unchanged file gives no change."""
    diff = Diff(label)
    for key, values in wanted.items():
        obj = existing.get(key)
        if obj is None:
            diff.create.append((key, values))
            continue
        changed = [name for name, value in values.items() if current(obj, name) != value]
        if changed:
            diff.change.append((key, obj, values, changed))
        else:
            diff.unchanged += 1
    diff.missing = [obj for key, obj in existing.items() if key not in wanted]
    return diff


def create(model, objects, user):
    """Bulk insert with a history row each; returns the objects with their ids."""
    if not objects:
        return []
    made = bulk_create_with_history(objects, model, batch_size=500, default_user=user, default_change_reason=REASON)
    note_saved(made)  # bulk history sends no signal: the checks of the year's reports are ordered here
    return made


def update(model, objects, fields, user):
    if objects:
        bulk_update_with_history(
            objects, model, fields, batch_size=500, default_user=user, default_change_reason=REASON
        )
        note_saved(objects)


def delete(queryset):
    """Delete row by row through the ORM, so that each deleted row (and what cascades) gets its history row."""
    for obj in queryset:
        obj.delete()


def short(text: str, length: int = 80) -> str:
    """A long goal or activity text cut for a preview line, visibly."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def field_label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


@dataclass
class Preview:
    """What an import does (or did), in the lines the preview page and the command print."""

    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # in the database, not in the file: removed only on request
    blocked: list[str] = field(default_factory=list)  # missing, and used by a fastställd report: never removed
    notes: list[str] = field(default_factory=list)  # left out of the file or taken from the city's structure
    unchanged: int = 0
    removed: int = 0  # rows actually removed (0 in a trial run)

    def add(self, diff: Diff, model, describe):
        """Lines for the created and changed rows; `describe(key, values)` names a row as users know it."""
        neuter = diff.label.endswith("mål")  # ett (nämnd)mål: Nytt, Ändrat
        new, changed_word = ("Nytt", "Ändrat") if neuter else ("Ny", "Ändrad")
        for key, values in diff.create:
            self.created.append(f"{new} {diff.label}: {describe(key, values)}")
        for key, _obj, values, changed in diff.change:
            names = ", ".join(field_label(model, n) for n in changed)
            self.changed.append(f"{changed_word} {diff.label}: {describe(key, values)} ({names})")
        self.unchanged += diff.unchanged

    @property
    def digest(self) -> str:
        """Fingerprint of what the preview showed: confirming checks that the import would still do the same."""
        text = "\n".join([*self.created, "|", *self.changed, "|", *self.missing, "|", *self.blocked])
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @property
    def counts(self) -> str:
        return (
            f"{len(self.created)} nya, {len(self.changed)} ändrade, {self.unchanged} oförändrade, "
            f"{len(self.missing) + len(self.blocked)} saknas i filen, {self.removed} borttagna"
        )
