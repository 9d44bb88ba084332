"""What the exported files say about themselves: the document's date and author, and their file properties."""

from datetime import UTC

from django.utils import timezone

from ..models import Namnd
from ..textsafety import strip_unsafe


def document_date(report) -> str:
    """The tjänsteutlåtande's date, or a visible gap: never the day it happens to be exported."""
    return report.decision_date.isoformat() if report.decision_date else "Datum saknas"


def administration_name(namnd_name: str) -> str:
    """The förvaltning that writes for the nämnd: `Hässelby-Vällingby stadsdelsförvaltning`, `Socialförvaltningen`."""
    if namnd_name.endswith("stadsdelsnämnd"):
        return namnd_name.removesuffix("nämnd") + "förvaltning"
    if namnd_name.endswith("nämnden"):
        return namnd_name.removesuffix("nämnden") + "förvaltningen"
    return namnd_name


def set_document_properties(props, *, title: str, report) -> None:
    """Word's and PowerPoint's document properties from the report, none left from the template (dated 2013, by a
    stranger): title, nämnd, the förvaltning as author and last editor, created and modified now."""
    now = timezone.now().astimezone(UTC).replace(tzinfo=None, microsecond=0)
    author = strip_unsafe(administration_name(report.namnd.name))
    props.title = strip_unsafe(title)
    props.subject = strip_unsafe(f"{report.title}, {report.namnd.name}")
    props.keywords = strip_unsafe(report.namnd.name)
    props.category = "Tjänsteutlåtande" if report.namnd.kind == Namnd.Kind.STADSDELSNAMND else report.title
    props.comments = f"Status: {report.get_status_display()}. Datum: {document_date(report)}."
    props.author = author
    props.last_modified_by = author
    props.created = now
    props.modified = now
    props.revision = 1
    props.language = "sv-SE"


_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>{application}</Application><DocSecurity>0</DocSecurity></Properties>"
)


def replace_app_properties(package, application: str) -> None:
    """docProps/app.xml names the program that wrote the file: the template's says `Microsoft Macintosh Word`
    and counts its own one page; this one names Tertial and leaves the counts to the reader's program."""
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = _APP_XML.format(application=application).encode()
