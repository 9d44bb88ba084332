"""Builds tertial/exports/base.pptx, the committed slide template every deck starts from: the city's neutral look
instead of python-pptx's default white one.

Run `python -m tertial.exports.make_base_pptx` after changing it and commit the result. 16:9, Arial, a dark blue
band over every content slide with the title under it, title and section divider slides on dark blue, text in
dark grey, a footer line, every text proofed as Swedish (sv-SE), and none of the default template's properties.
"""

import re
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

BASE_PPTX = Path(__file__).with_name("base.pptx")
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
FONT = "Arial"
LANGUAGE = "sv-SE"
DARK_BLUE = RGBColor(0x1B, 0x36, 0x5D)
ACCENT = RGBColor(0x3E, 0x8E, 0xDE)
TEXT = RGBColor(0x33, 0x33, 0x33)
BACKGROUND = RGBColor(0xF7, 0xF6, 0xF3)
FOOTER = "Stockholms stad"

LAYOUT_TITLE, LAYOUT_CONTENT, LAYOUT_SECTION, LAYOUT_TITLE_ONLY = 0, 1, 2, 5


def _solid(fill, color: RGBColor) -> None:
    fill.solid()
    fill.fore_color.rgb = color


def _text_style(element, color: RGBColor, *, bold: bool = False) -> None:
    """A txStyles level (a:lvlNpPr): its default run in Arial and `color`."""
    def_rpr = element.find(qn("a:defRPr"))
    if def_rpr is None:
        def_rpr = etree.SubElement(element, qn("a:defRPr"))
    def_rpr.set("lang", LANGUAGE)
    def_rpr.attrib.pop("cap", None)  # the default Section Header's capitals: the city writes goals as sentences
    if bold:
        def_rpr.set("b", "1")
    for child in list(def_rpr):
        if child.tag in (qn("a:solidFill"), qn("a:latin"), qn("a:ea"), qn("a:cs")):
            def_rpr.remove(child)
    fill = etree.SubElement(def_rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", str(color))
    for tag in ("a:latin", "a:ea", "a:cs"):
        etree.SubElement(def_rpr, qn(tag)).set("typeface", FONT)


def _theme_fonts(master) -> None:
    """The theme's heading and body fonts (Calibri in the default template) become Arial."""
    theme = master.part.part_related_by(RT.THEME)
    xml = theme.blob.decode("utf-8")
    xml = re.sub(r'(<a:(?:major|minor)Font>\s*<a:latin typeface=")[^"]*"', rf'\g<1>{FONT}"', xml)
    theme._blob = xml.encode("utf-8")


def _master_shapes(prs, master) -> None:
    """The band, the line under the title and the footer, drawn behind the master's placeholders. python-pptx
    draws shapes only on slides: they are drawn on a scratch slide and moved (they have no relationships)."""
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    shapes = scratch.shapes
    for top, height, color in ((0, Inches(0.22), DARK_BLUE), (Inches(1.62), Inches(0.04), ACCENT)):
        band = shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, top, WIDTH, height)
        _solid(band.fill, color)
        band.line.fill.background()
        band.shadow.inherit = False
    box = shapes.add_textbox(Inches(0.6), HEIGHT - Inches(0.45), Inches(6), Inches(0.3))
    run = box.text_frame.paragraphs[0].add_run()
    run.text = FOOTER
    run.font.size = Pt(10)
    run.font.name = FONT
    run.font.color.rgb = DARK_BLUE
    tree = master.shapes._spTree
    for index, shape in enumerate(list(shapes)):
        tree.insert(2 + index, shape._element)  # after nvGrpSpPr and grpSpPr, before the placeholders
    slide_ids = prs.slides._sldIdLst
    rid = slide_ids[-1].rId
    slide_ids.remove(slide_ids[-1])
    prs.part.drop_rel(rid)


def build(path: Path = BASE_PPTX) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    master = prs.slide_master
    _solid(master.background.fill, BACKGROUND)
    _master_shapes(prs, master)
    styles = master._element.find(qn("p:txStyles"))
    for level in styles.find(qn("p:titleStyle")):
        _text_style(level, DARK_BLUE, bold=True)
    for level in styles.find(qn("p:bodyStyle")):
        if level.tag.endswith("pPr"):
            _text_style(level, TEXT)
    _theme_fonts(master)
    # Title and section divider slides: white text on dark blue, no band or line of their own.
    for index in (LAYOUT_TITLE, LAYOUT_SECTION):
        layout = prs.slide_layouts[index]
        _solid(layout.background.fill, DARK_BLUE)
        layout._element.set("showMasterSp", "0")
        for shape in layout.placeholders:
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            lst = shape.text_frame._txBody.find(qn("a:lstStyle"))
            if lst is None:
                lst = etree.SubElement(shape.text_frame._txBody, qn("a:lstStyle"))
                shape.text_frame._txBody.insert(1, lst)
            lvl = lst.find(qn("a:lvl1pPr"))
            if lvl is None:
                lvl = etree.SubElement(lst, qn("a:lvl1pPr"))
            _text_style(lvl, RGBColor(0xFF, 0xFF, 0xFF), bold=shape.placeholder_format.idx == 0)
    for element in _all_rpr(prs):
        element.set("lang", LANGUAGE)
    props = prs.core_properties
    props.author = props.last_modified_by = "Tertial"
    props.title = props.subject = props.keywords = props.comments = ""
    props.language = LANGUAGE
    props.revision = 1
    # python-pptx's template thumbnail: a blank 4:3 page, which file browsers would show for every deck.
    rels = prs.part.package._rels  # python-pptx has no public way to drop a package relationship
    for r_id, rel in list(rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            rels.pop(r_id)
    prs.save(path)
    return path


def _all_rpr(prs):
    for part in prs.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is not None:
            yield from element.iter(qn("a:rPr"), qn("a:endParaRPr"), qn("a:defRPr"))


if __name__ == "__main__":
    print(build())
