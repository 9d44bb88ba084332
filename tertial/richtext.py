"""The constrained text format of analyses and narratives: its schema (defined once, here), sanitizing and rendering.

A text is stored as HTML in exactly this subset, the same one the editor (django-prose-editor, Tiptap) can produce:
  `<h2>` and `<h3>`          two subheading levels (real headings in Word, one and two levels below the text's own),
  `<p>`                      paragraphs,
  `<ul>` / `<ol>` + `<li>`   bullet and numbered lists, nested at most two levels,
  `<strong>`, `<em>`         bold and italic inside paragraphs, headings and list items,
  `<table>`                  a table: the first row is its header row, every cell plain text.
Nothing else survives `clean()`, which every write goes through (`RichTextField.pre_save`): a parse into `Block`s
and a canonical serialization, then nh3 with the allowlist django-prose-editor derives from `EDITOR_EXTENSIONS`, so
that what is stored is exactly what the parser reads (depth, header row and cell contents included).

Texts written before the editor, and text that comes from imports and the demo, are in the earlier line markup
(`## Rubrik`, `### Rubrik`, `- punkt`, `**fet**`); `clean()` converts them, and `parse()` still reads them.
"""

import re
from dataclasses import dataclass, field
from functools import cache
from html import escape
from html.parser import HTMLParser

from django.utils.safestring import SafeString, mark_safe

from .textfigures import display_rows
from .textsafety import strip_unsafe

# The editor's schema, used for the editor's toolbar and for the sanitizer alike (django_prose_editor.config).
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    "NoSpellCheck": False,  # the writers want their browser's Swedish spelling check
}
MAX_LIST_DEPTH = 2

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_SPACE = re.compile(r"[ \t\n\r\f\v]+")  # not U+00A0: Word's no-break space inside figures stays
_SPACES = re.compile(" {2,}")
# A text is HTML when it has a tag the editor or a clipboard writes; the earlier markup never has one.
_HTML_TAG = re.compile(
    r"</?(p|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th|div|strong|em|b|i|u|s|span|br|html|body|meta|img|a|script"
    r"|style|iframe|svg|object|embed|font|sub|sup|blockquote|pre|code|hr|caption|col|colgroup|o:p)[\s/>]",
    re.I,
)


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Item:
    """A list item: its own words and, one level down, its sublists."""

    runs: list[Run] = field(default_factory=list)
    children: list["Block"] = field(default_factory=list)

    @property
    def text(self) -> str:
        return _plain(self.runs)


@dataclass
class Block:
    kind: str  # "heading" | "paragraph" | "bullets" | "numbers" | "table"
    runs: list[Run] = field(default_factory=list)
    level: int = 0  # headings: 1 for h2 (`## `), 2 for h3 (`### `); lists: 1 or 2
    list_items: list[Item] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # tables: the first row is the header row

    @property
    def text(self) -> str:
        return _plain(self.runs)

    @property
    def items(self) -> list[str]:
        """The list's own items as plain text (not the sublists)."""
        return [item.text for item in self.list_items]

    @property
    def is_list(self) -> bool:
        return self.kind in ("bullets", "numbers")


def _plain(runs: list[Run]) -> str:
    return "".join(r.text for r in runs).strip()


# --- Reading ------------------------------------------------------------------------------------------------


def looks_like_html(text: str) -> bool:
    return bool(_HTML_TAG.search(text or ""))


def parse(text: str) -> list[Block]:
    """Split a stored text (or one in the earlier markup) into headings, paragraphs, lists and tables."""
    if not text or not text.strip():
        return []
    return _parse_html(text) if looks_like_html(text) else _parse_markup(text)


def _parse_markup(text: str) -> list[Block]:
    blocks: list[Block] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("### "):
            blocks.append(Block("heading", _markup_runs(line[4:]), level=2))
        elif line.startswith("## "):
            blocks.append(Block("heading", _markup_runs(line[3:]), level=1))
        elif line.startswith(("- ", "• ", "* ")):
            item = Item(_markup_runs(line[2:]))
            if blocks and blocks[-1].kind == "bullets":
                blocks[-1].list_items.append(item)
            else:
                blocks.append(Block("bullets", level=1, list_items=[item]))
        else:
            blocks.append(Block("paragraph", _markup_runs(line)))
    return blocks


def _markup_runs(text: str) -> list[Run]:
    result, pos = [], 0
    text = text.strip()
    for match in _BOLD.finditer(text):
        if match.start() > pos:
            result.append(Run(text[pos : match.start()]))
        result.append(Run(match.group(1), bold=True))
        pos = match.end()
    if pos < len(text):
        result.append(Run(text[pos:]))
    return result


class _Node:
    __slots__ = ("tag", "children", "style", "cls")

    def __init__(self, tag: str, attrs=()):
        self.tag = tag
        self.children: list = []  # _Node or str
        attrs = dict(attrs)
        self.style = (attrs.get("style") or "").replace(" ", "").lower()  # only read, for Word's markup
        self.cls = attrs.get("class") or ""

    def word_list_level(self) -> int:
        """Word writes a list as paragraphs with `mso-list:l0 level2 lfo1`: the level, or 0."""
        match = re.search(r"mso-list:l\d+level(\d)", self.style)
        return int(match.group(1)) if match and self.tag == "p" else 0


_VOID = {"br", "img", "hr", "col", "meta", "link", "input", "wbr", "source", "area", "base"}
_SKIP = {"script", "style", "head", "title", "template", "noscript", "xml", "colgroup"}


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if tag == "br":
                self.stack[-1].children.append(_Node("br"))
            return
        node = _Node(tag, attrs)
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _tree(html: str) -> _Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


_BLOCK_TAGS = {"html", "body", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "div", "section", "article",
               "blockquote", "li", "tr", "thead", "tbody", "tfoot", "pre"}  # fmt: skip


def _parse_html(html: str) -> list[Block]:
    blocks: list[Block] = []
    pending: list[Run] = []  # inline content outside any block becomes a paragraph

    def flush():
        runs = _trim(pending)
        if runs:
            blocks.append(Block("paragraph", runs))
        pending.clear()

    def walk(node: _Node):
        word_list: list[_Node] = []
        for child in node.children:
            if isinstance(child, _Node) and child.word_list_level():
                flush()
                word_list.append(child)
                continue
            if word_list and (isinstance(child, _Node) or child.strip()):
                blocks.append(_word_list(word_list))
                word_list = []
            if isinstance(child, str) or child.tag not in _BLOCK_TAGS:
                if isinstance(child, _Node) and child.tag in _SKIP:
                    continue
                if isinstance(child, _Node) and child.tag == "br":
                    flush()
                    continue
                pending.extend(_inline(child))
                continue
            flush()
            tag = child.tag
            if tag in ("h1", "h2"):
                _add_text_block(blocks, "heading", child, level=1)
            elif tag in ("h3", "h4", "h5", "h6"):
                _add_text_block(blocks, "heading", child, level=2)
            elif tag in ("ul", "ol"):
                block = _list(child, 1)
                if block.list_items:
                    blocks.append(block)
            elif tag == "table":
                rows = _table_rows(child)
                if rows:
                    blocks.append(Block("table", rows=rows))
            elif tag == "p" or tag == "pre":
                _add_text_block(blocks, "paragraph", child)
            else:  # div, section, a stray li or tr: what is inside counts
                walk(child)
            flush()
        if word_list:
            blocks.append(_word_list(word_list))

    walk(_tree(html))
    flush()
    return blocks


_ORDERED_MARKER = re.compile(r"^\(?([0-9]{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,5})[.)]$")


def _word_list(paragraphs: list[_Node]) -> Block:
    """Word's list paragraphs as a list: level 1 items, and level 2 (and deeper, joined to 2) under them."""

    def marker(p: _Node) -> str:
        for child in p.children:
            if isinstance(child, _Node):
                if "mso-list:ignore" in child.style:
                    return "".join(_text_of(child)).strip()
                found = marker(child)
                if found:
                    return found
        return ""

    def kind(p: _Node) -> str:
        return "numbers" if _ORDERED_MARKER.match(marker(p).replace("\u00a0", "").strip()) else "bullets"

    top = Block(kind(paragraphs[0]), level=1)
    for p in paragraphs:
        runs = _trim(_inline(p))
        if not runs:
            continue
        if p.word_list_level() == 1 or not top.list_items:
            top.list_items.append(Item(runs))
            continue
        parent = top.list_items[-1]
        if not parent.children:
            parent.children.append(Block(kind(p), level=2))
        parent.children[-1].list_items.append(Item(runs))
    return top


def _text_of(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    return [t for child in node.children for t in _text_of(child)]


def _add_text_block(blocks, kind, node, level=0):
    # A <br> inside a paragraph (Shift+Enter in Word) starts a new paragraph: the format has no line breaks.
    for runs in _split_on_br(node):
        runs = _trim(runs)
        if runs:
            blocks.append(Block(kind, runs, level=level))


def _split_on_br(node: _Node) -> list[list[Run]]:
    parts: list[list[Run]] = [[]]
    for child in node.children:
        if isinstance(child, _Node) and child.tag == "br":
            parts.append([])
        elif isinstance(child, _Node) and child.tag in _BLOCK_TAGS:
            parts.append(_inline(child))
            parts.append([])
        else:
            parts[-1].extend(_inline(child))
    return parts


def _inline(node, bold=False, italic=False) -> list[Run]:
    if isinstance(node, str):
        text = _SPACE.sub(" ", node)
        return [Run(text, bold, italic)] if text else []
    if node.tag in _SKIP:
        return []
    if node.tag == "br":
        return [Run(" ", bold, italic)]
    if "mso-list:ignore" in node.style:  # Word's typed bullet or number in front of a list paragraph
        return []
    bold = bold or node.tag in ("strong", "b") or bool(re.search(r"font-weight:(bold|[6-9]00)", node.style))
    italic = italic or node.tag in ("em", "i") or "font-style:italic" in node.style
    runs = []
    for child in node.children:
        runs.extend(_inline(child, bold, italic))
    if node.tag in _BLOCK_TAGS and runs:  # e.g. a <p> inside a <li> or a cell: a word boundary
        runs.append(Run(" "))
    return runs


def _trim(runs: list[Run]) -> list[Run]:
    """Merge neighbouring runs of the same style, collapse spaces, drop leading and trailing ones."""
    groups: list[tuple[bool, bool, list[str]]] = []  # (bold, italic, texts): joined once, not run by run
    for run in runs:
        if not run.text:
            continue
        # The same style, or only spaces (which take the style before them): one run.
        if groups and ((groups[-1][0], groups[-1][1]) == (run.bold, run.italic) or not run.text.strip(" ")):
            groups[-1][2].append(run.text)
        else:
            groups.append((run.bold, run.italic, [run.text]))
    merged = [Run(_SPACES.sub(" ", "".join(texts)), bold, italic) for bold, italic, texts in groups]
    while merged and not merged[0].text.strip():
        merged.pop(0)
    while merged and not merged[-1].text.strip():
        merged.pop()
    if merged:
        merged[0].text = merged[0].text.lstrip(" \u00a0")
        merged[-1].text = merged[-1].text.rstrip(" \u00a0")
    # a space between two runs is written once
    for a, b in zip(merged, merged[1:], strict=False):
        if a.text.endswith(" ") and b.text.startswith(" "):
            b.text = b.text.lstrip(" ")
    return merged


def _list(node: _Node, depth: int) -> Block:
    block = Block("numbers" if node.tag == "ol" else "bullets", level=depth)
    for child in node.children:
        if isinstance(child, str):
            if child.strip():
                block.list_items.append(Item(_trim(_inline(child))))
            continue
        if child.tag in ("ul", "ol"):  # a list directly inside a list: it belongs to the item before it
            _nest(block, child, depth)
            continue
        if child.tag != "li":
            runs = _trim(_inline(child))
            if runs:
                block.list_items.append(Item(runs))
            continue
        own: list[Run] = []
        sublists = []
        for part in child.children:
            if isinstance(part, _Node) and part.tag in ("ul", "ol"):
                sublists.append(part)
            else:
                own.extend(_inline(part))
        block.list_items.append(Item(_trim(own)))
        for sublist in sublists:
            _nest(block, sublist, depth)
    block.list_items = [i for i in block.list_items if i.runs or i.children]
    return block


def _nest(block: Block, node: _Node, depth: int) -> None:
    """A sublist: one level down under the last item; deeper than MAX_LIST_DEPTH, its items join that level."""
    if depth >= MAX_LIST_DEPTH:
        flat = _list(node, depth)
        block.list_items.extend(flat.list_items)
        return
    sub = _list(node, depth + 1)
    if not sub.list_items:
        return
    if not block.list_items:
        block.list_items.append(Item())
    block.list_items[-1].children.append(sub)


def _table_rows(node: _Node) -> list[list[str]]:
    rows: list[list[str]] = []

    def walk(n: _Node):
        for child in n.children:
            if not isinstance(child, _Node) or child.tag in ("table", "caption"):
                continue  # a table inside a cell is not part of the format: its words are lost with it
            if child.tag == "tr":
                cells = [
                    _plain(_trim(_inline(c))) for c in child.children if isinstance(c, _Node) and c.tag in ("td", "th")
                ]
                if any(cells):
                    rows.append(cells)
            else:
                walk(child)

    walk(node)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


# --- Writing ------------------------------------------------------------------------------------------------


def _inline_html(runs: list[Run]) -> str:
    out = []
    for run in runs:
        text = escape(run.text, quote=False)
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        out.append(text)
    return "".join(out)


def _stored_list(block: Block) -> str:
    tag = "ol" if block.kind == "numbers" else "ul"
    items = []
    for item in block.list_items:
        children = "".join(_stored_list(c) for c in item.children)
        items.append(f"<li><p>{_inline_html(item.runs)}</p>{children}</li>")
    return f"<{tag}>{''.join(items)}</{tag}>"


def serialize(blocks: list[Block]) -> str:
    """The stored HTML of a text, the way the editor writes it (`<li><p>…</p></li>`, cells with a `<p>`)."""
    out = []
    for block in blocks:
        if block.kind == "heading":
            tag = "h2" if block.level <= 1 else "h3"
            out.append(f"<{tag}>{_inline_html(block.runs)}</{tag}>")
        elif block.is_list:
            out.append(_stored_list(block))
        elif block.kind == "table":
            rows = []
            for index, row in enumerate(block.rows):
                tag = "th" if index == 0 else "td"
                rows.append("<tr>" + "".join(f"<{tag}><p>{escape(c, quote=False)}</p></{tag}>" for c in row) + "</tr>")
            out.append(f"<table><tbody>{''.join(rows)}</tbody></table>")
        else:
            out.append(f"<p>{_inline_html(block.runs)}</p>")
    return "".join(out)


@cache
def _cleaner():
    import nh3
    from django_prose_editor.config import allowlist_from_extensions, expand_extensions

    allowed = allowlist_from_extensions(expand_extensions(EDITOR_EXTENSIONS))
    attributes = {tag: set() for tag in allowed["tags"]}  # plain cells, no list numbering: no attributes at all
    return nh3.Cleaner(tags=set(allowed["tags"]), attributes=attributes, strip_comments=True)


def allowed_tags() -> set[str]:
    """The HTML elements the schema allows (from `EDITOR_EXTENSIONS`)."""
    _cleaner()
    from django_prose_editor.config import allowlist_from_extensions, expand_extensions

    return set(allowlist_from_extensions(expand_extensions(EDITOR_EXTENSIONS))["tags"])


def clean(value: str | None) -> str:
    """What is stored for a posted, pasted, imported or typed text: the schema's subset only, in its canonical form.

    HTML is parsed into blocks (Word's list paragraphs become lists, `<b>` bold, `<h1>` a heading; scripts, styles,
    images, links, attributes and the rest of Word's markup are dropped, their text kept where it is text), which
    enforces what an allowlist cannot: two list levels, a header row, plain cells. The blocks are written back as
    HTML and that goes through nh3 with the allowlist django-prose-editor derives from `EDITOR_EXTENSIONS`.
    Text in the earlier markup (no tags) is converted. Idempotent."""
    value = strip_unsafe(value)  # characters no export can hold (tertial.textsafety)
    if value is None or not value.strip():
        return ""
    blocks = _parse_html(value) if looks_like_html(value) else _parse_markup(value)
    # The parser only ever writes escaped text inside the schema's tags; nh3 with the schema's allowlist makes sure.
    return _cleaner().clean(serialize(blocks))


def from_markup(text: str) -> str:
    """The earlier line markup as stored HTML (the data migration)."""
    return serialize(_parse_markup(text or ""))


def to_markup(text: str) -> str:
    """Stored HTML back in the earlier line markup, as far as it can say it (the reverse migration): tables become
    lines of cells separated by ` | `, numbered lists bullets, italics plain."""
    lines = []

    def inline(runs):
        return "".join(f"**{r.text.strip()}**" if r.bold and r.text.strip() else r.text for r in runs).strip()

    def add_list(block, depth):
        for item in block.list_items:
            lines.append(("- " if depth == 1 else "- ") + inline(item.runs))
            for child in item.children:
                add_list(child, depth + 1)

    for block in parse(text):
        if block.kind == "heading":
            lines.append(("## " if block.level <= 1 else "### ") + inline(block.runs))
        elif block.is_list:
            add_list(block, 1)
        elif block.kind == "table":
            lines.extend(" | ".join(row) for row in block.rows)
        else:
            lines.append(inline(block.runs))
    return "\n".join(lines)


# --- Rendering ----------------------------------------------------------------------------------------------


def _page_list(block: Block) -> str:
    tag = "ol" if block.kind == "numbers" else "ul"
    items = "".join(
        f"<li>{_inline_html(i.runs)}{''.join(_page_list(c) for c in i.children)}</li>" for i in block.list_items
    )
    return f"<{tag}>{items}</{tag}>"


_FIGURE = re.compile(r"^[−\-–+]?[\d\u00a0\u202f .,]*\d[\d\u00a0\u202f .,]*\s*(%|st|tkr|mnkr|kr)?$")


def is_figure(cell: str) -> bool:
    """A table cell that is a figure (`1 025`, `−3,5 %`, `146 st`): right-aligned on the page and in Word."""
    return bool(_FIGURE.match(cell.strip()))


def _page_table(block: Block) -> str:
    head, *body = display_rows(block.rows)
    th = "".join(f'<th scope="col">{escape(c, quote=False)}</th>' for c in head)
    rows = []
    for row in body:
        cells = []
        for c in row:
            css = ' class="text-end"' if is_figure(c) else ""
            cells.append(f"<td{css}>{escape(c, quote=False)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<div class="table-responsive richtext-table"><table class="table table-sm table-bordered">'
        f"<thead><tr>{th}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def to_html(text: str, heading_level: int = 3) -> SafeString:
    """Render for the page; everything is escaped and rebuilt from the blocks. h2 is h`heading_level`, h3 one below."""
    out = []
    for block in parse(text):
        if block.kind == "heading":
            tag = f"h{min(heading_level + block.level - 1, 6)}"
            out.append(f"<{tag}>{_inline_html(block.runs)}</{tag}>")
        elif block.is_list:
            out.append(_page_list(block))
        elif block.kind == "table":
            out.append(_page_table(block))
        else:
            out.append(f"<p>{_inline_html(block.runs)}</p>")
    return mark_safe("\n".join(out))


def runs(text: str) -> list[tuple[str, bool]]:
    """Inline runs of (text, bold) of a line in the earlier markup."""
    return [(r.text, r.bold) for r in _markup_runs(text)]


def plain_lines(text: str, *, displayed: bool = False) -> list[str]:
    """The words only, one block, list item or table row a line (cells separated by ` | `).

    `displayed`: a table's figures as printed (1025 → 1 025, tertial.textfigures), for the exports; the checks,
    search and diffs read them as typed."""
    from .textfigures import display_rows

    lines: list[str] = []

    def add_list(block):
        for item in block.list_items:
            if item.text:
                lines.append(item.text)
            for child in item.children:
                add_list(child)

    for block in parse(text):
        if block.is_list:
            add_list(block)
        elif block.kind == "table":
            rows = display_rows(block.rows) if displayed else block.rows
            lines.extend(" | ".join(row) for row in rows)
        else:
            lines.append(block.text)
    return lines


def plain_text(text: str, *, displayed: bool = False) -> str:
    """The words only, one block a line (for checks, search, diffs and Excel: `displayed` as in `plain_lines`)."""
    return "\n".join(plain_lines(text, displayed=displayed))


def word_count(text: str) -> int:
    return len(plain_text(text).split())
