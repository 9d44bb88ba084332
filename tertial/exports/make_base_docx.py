"""Builds tertial/exports/base.docx, the committed Word template every export starts from.

Run `python -m tertial.exports.make_base_docx` after changing it and commit the result. Keeping the styles in a
file (instead of styling each paragraph) makes the export fast and gives the reader real Heading styles, a List
Bullet style, a table style, A4 pages and Swedish (sv-SE) as the document language for spelling and hyphenation.
"""

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

BASE_DOCX = Path(__file__).with_name("base.docx")
TABLE_STYLE = "Tertial tabell"
ASSESSMENT_STYLE = "Bedömning"
LABEL_STYLE = "Etikett"
CELL_STYLE = "Tabelltext"
DENSE_CELL_STYLE = "Tabelltext tät"  # the indicator table's nine columns, and a wide table that fits no other way
CELL_PT, DENSE_CELL_PT = 10, 8.5
FONT = "Arial"
LANGUAGE = "sv-SE"


def _set_language(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), LANGUAGE)


def _plain_fonts(style) -> None:
    """Arial instead of the template's theme fonts (Calibri Light), which the city's documents do not use."""
    fonts = style.element.get_or_add_rPr().find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme_attr), None)


def _table_style(doc) -> None:
    style = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    style.font.size = Pt(9)
    style.paragraph_format.space_after = Pt(0)
    tbl_pr = OxmlElement("w:tblPr")
    style.element.append(tbl_pr)  # after pPr/rPr, as the schema orders a style's children
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "A6A6A6")
        borders.append(element)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "70")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)
    # The header row: bold on a light grey background, as the city's documents print it.
    first = OxmlElement("w:tblStylePr")
    first.set(qn("w:type"), "firstRow")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:b"))
    first.append(rpr)
    tcpr = OxmlElement("w:tcPr")
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), "E7E6E6")
    tcpr.append(shd)
    first.append(tcpr)
    style.element.append(first)


# What python-docx's default template brings that no export uses: its 100-odd built-in table styles (Light
# Grid – Accent 1 …, 5 kB each: nine tenths of styles.xml, which every export parses, writes and compresses;
# Word offers them anyway), Word 2010's copy of the styles, the template's thumbnail and its empty bibliography.
KEPT_TABLE_STYLES = {"Normal Table", "Table Grid", TABLE_STYLE}
DROPPED_PARTS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
)


def _prune(doc) -> None:
    for style in list(doc.styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in KEPT_TABLE_STYLES:
            style.element.getparent().remove(style.element)
    for rels in (doc.part.rels, doc.part.package.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype in DROPPED_PARTS:
                del rels[r_id]


def _toc_styles(doc) -> None:
    """Innehållsförteckning: its title outside the outline (it does not list itself) and Word's built-in entry
    styles `toc 1`–`toc 3` (ids TOC1–TOC3, which Word and LibreOffice recognise), indented per level."""
    heading = doc.styles["TOC Heading"]
    heading.font.name = FONT
    _plain_fonts(heading)
    heading.font.size = Pt(16)
    heading.font.bold = True
    heading.font.color.rgb = RGBColor(0, 0, 0)
    heading.paragraph_format.space_after = Pt(12)
    for level in (1, 2, 3):
        style = doc.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), f"TOC{level}")
        style.base_style = doc.styles["Normal"]
        style.font.bold = level == 1
        style.font.size = Pt(11)
        style.paragraph_format.left_indent = Cm(0.5 * (level - 1))
        style.paragraph_format.space_before = Pt(6 if level == 1 else 0)
        style.paragraph_format.space_after = Pt(2)


def build(path: Path = BASE_DOCX) -> Path:
    doc = Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
    section.header_distance = Cm(1.0)

    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)  # as the city's tjänsteutlåtande prints it (about 90 characters a line)
    normal.paragraph_format.space_after = Pt(6)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    _set_language(rpr)
    # docDefaults too, so that text in tables and headers is Swedish as well.
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_language(defaults)

    # Levels 1–4 are the document's structure (chapter, inriktningsmål or text section, KF goal, nämndmål), 5–6 the
    # subheadings inside a text (tertial.exports.docx.SUBHEADING_LEVEL): one meaning per level.
    for level, size in ((1, 16), (2, 14), (3, 12.5), (4, 12), (5, 12), (6, 12)):
        heading = styles[f"Heading {level}"]
        heading.font.name = FONT
        heading.font.size = Pt(size)
        heading.font.bold = True
        heading.font.italic = False
        heading.font.color.rgb = RGBColor(0, 0, 0)
        heading.paragraph_format.space_before = Pt(14 if level <= 2 else 10)
        heading.paragraph_format.space_after = Pt(4)
        heading.paragraph_format.keep_with_next = True
        _plain_fonts(heading)
    # Subheadings inside a text: set apart from the goal headings above them (5 italic, 6 plain and smaller).
    styles["Heading 5"].font.italic = True
    styles["Heading 6"].font.bold = False
    styles["Heading 6"].font.italic = True
    styles["Heading 6"].font.size = Pt(11.5)
    _toc_styles(doc)

    title = styles["Title"]
    title.font.name = FONT
    _plain_fonts(title)
    title.font.size = Pt(20)
    title.font.color.rgb = RGBColor(0, 0, 0)

    styles["List Bullet"].paragraph_format.space_after = Pt(2)
    styles["List Number"].paragraph_format.space_after = Pt(6)
    header = styles["Header"]
    header.font.size = Pt(9)
    # The template's centre and right tab stops sit for Letter paper; the export sets its own at the margin.
    header.paragraph_format.tab_stops.clear_all()
    caption = styles["Caption"]
    caption.font.color.rgb = RGBColor(0, 0, 0)
    caption.font.size = Pt(9)
    caption.font.italic = False
    caption.font.bold = True
    caption.paragraph_format.keep_with_next = True
    # The bedömning under each goal heading, and the small labels (Analys, Beskrivning, Förväntat resultat):
    # own styles so that a reader (and a test) finds them without guessing from formatting.
    assessment = styles.add_style(ASSESSMENT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    assessment.base_style = normal
    assessment.font.bold = True
    assessment.paragraph_format.space_after = Pt(6)
    label = styles.add_style(LABEL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = normal
    label.font.bold = True
    label.paragraph_format.space_before = Pt(6)
    label.paragraph_format.space_after = Pt(2)
    label.paragraph_format.keep_with_next = True
    cell = styles.add_style(CELL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    cell.font.size = Pt(CELL_PT)
    cell.paragraph_format.space_after = Pt(0)
    dense = styles.add_style(DENSE_CELL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    dense.base_style = cell
    dense.font.size = Pt(DENSE_CELL_PT)
    _table_style(doc)

    # Word proofs the document in Swedish; LibreOffice reads the language from the same place.
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = OxmlElement("w:themeFontLang")
        settings.append(theme_lang)
    theme_lang.set(qn("w:val"), LANGUAGE)

    _prune(doc)
    doc.core_properties.language = LANGUAGE
    doc.core_properties.author = "Tertial"
    doc.core_properties.title = ""
    doc.core_properties.comments = ""
    doc.save(path)
    return path


if __name__ == "__main__":
    print(build())
