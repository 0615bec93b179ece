"""Document → DOCX (python-docx): editable, same content and order as the PDF."""

from __future__ import annotations

import io

from docx import Document as Docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from .glyphs import xml_safe
from .model import Address, Bullets, Document, Fields, Heading, Para, Signature, Table, Text

ACCENT = RGBColor(0x1F, 0x4E, 0x79)
MUTED = RGBColor(0x5B, 0x65, 0x73)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _runs(paragraph, value: Text, *, size: float | None = None, color: RGBColor | None = None) -> None:
    """Append the spans as runs, written straight into the paragraph's XML.

    python-docx's run API searches for each child's place in the schema on every property set, which
    took seconds for a brief with a thousand exhibits; runs built here are appended in schema order.
    """
    p = paragraph._p
    for span in value:
        lines = span.text.split("\n")
        for i, line in enumerate(lines):
            r = etree.SubElement(p, _w("r"))
            props = []
            if span.mono:
                fonts = etree.Element(_w("rFonts"))
                for attr in ("ascii", "hAnsi", "cs"):
                    fonts.set(_w(attr), "DejaVu Sans Mono")
                props.append(fonts)
            if span.bold:
                props.append(etree.Element(_w("b")))
            if span.italic:
                props.append(etree.Element(_w("i")))
            if color is not None:
                c = etree.Element(_w("color"))
                c.set(_w("val"), str(color))
                props.append(c)
            half_points = 15 if span.mono else (round(size * 2) if size else None)
            if half_points:
                sz = etree.Element(_w("sz"))
                sz.set(_w("val"), str(half_points))
                props.append(sz)
            if props:
                rpr = etree.SubElement(r, _w("rPr"))
                rpr.extend(props)
            t_el = etree.SubElement(r, _w("t"))
            t_el.text = line
            t_el.set(XML_SPACE, "preserve")
            if i < len(lines) - 1:
                etree.SubElement(r, _w("br"))


def _shade(cell, fill: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    props.append(shading)


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _page_number(paragraph) -> None:
    """A PAGE field, so Word numbers the pages itself."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _para(out, style_id: str | None = None):
    """A paragraph with a built-in style set by id: python-docx's lookup by name scans every style."""
    paragraph = out.add_paragraph()
    if style_id:
        paragraph._p.style = style_id
    return paragraph


def _heading(out, text: str, level: int):
    paragraph = _para(out, "Title" if level == 0 else f"Heading{level}")
    run = paragraph.add_run(text)
    run.font.color.rgb = ACCENT
    return paragraph


def render_docx(doc: Document) -> bytes:
    doc = xml_safe(doc)
    out = Docx()
    section = out.sections[0]
    section.page_width, section.page_height = Cm(21.59), Cm(27.94)  # US Letter, as the PDF
    section.left_margin = section.right_margin = Cm(2.1)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    style = out.styles["Normal"]
    style.font.name = "Liberation Serif"
    style.font.size = Pt(10.5)
    cell_style = out.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)  # style id "TableText"
    cell_style.base_style = style
    cell_style.font.size = Pt(9)
    cell_style.paragraph_format.space_after = Pt(0)
    out.core_properties.title = doc.title
    out.core_properties.language = doc.lang
    out.core_properties.author = "casekit"

    if doc.header:
        header = section.header.paragraphs[0]
        run = header.add_run(doc.header)
        run.font.size = Pt(8)
        run.font.color.rgb = MUTED
    footer = section.footer.paragraphs[0]
    run = footer.add_run(f"{doc.footer or doc.title} · ")
    run.font.size = Pt(8)
    run.font.color.rgb = MUTED
    _page_number(footer)

    if not doc.letter:
        _heading(out, doc.title, 0)
        if doc.subtitle:
            p = out.add_paragraph()
            r = p.add_run(doc.subtitle)
            r.font.size = Pt(12.5)
            r.font.color.rgb = MUTED
        if doc.meta:
            table = out.add_table(rows=0, cols=2)
            table.autofit = False
            table.columns[0].width, table.columns[1].width = Cm(5), Cm(12.4)
            for k, v in doc.meta:
                cells = table.add_row().cells
                cells[0].width, cells[1].width = Cm(5), Cm(12.4)
                cells[0].text, cells[1].text = k, v
                cells[0].paragraphs[0].runs[0].bold = True
                for c in cells:
                    _shade(c, "EEF1F4")
            out.add_paragraph()

    for block in doc.blocks:
        if isinstance(block, Heading):
            _heading(out, block.text, min(block.level, 3))
        elif isinstance(block, Para):
            p = _para(out, "Quote" if block.style == "quote" else None)
            small = block.style in ("small", "note")
            _runs(p, block.spans, size=8.5 if small else None, color=MUTED if small else None)
        elif isinstance(block, Bullets):
            for item in block.items:
                _runs(_para(out, "ListNumber" if block.numbered else "ListBullet"), item)
        elif isinstance(block, Table):
            table = out.add_table(rows=1, cols=len(block.header))
            table._tbl.tblPr.style = "TableGrid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for cell, label in zip(table.rows[0].cells, block.header, strict=True):
                cell.text = label
                cell.paragraphs[0].runs[0].bold = True
                _shade(cell, "EEF1F4")
            _repeat_header(table.rows[0])
            total = sum(block.widths) if block.widths else 0
            widths = [Cm(17.4 * w / total) for w in block.widths] if total else []
            if widths:
                # LibreOffice reads the grid, Word the cells: both are set.
                table.autofit = False
                for i, width in enumerate(widths):
                    table.columns[i].width = width
                    table.rows[0].cells[i].width = width
            for row in block.rows:
                cells = table.add_row().cells
                for i, (cell, value) in enumerate(zip(cells, row, strict=True)):
                    paragraph = cell.paragraphs[0]
                    paragraph._p.style = "TableText"
                    _runs(paragraph, value)
                    if widths:
                        cell.width = widths[i]
            out.add_paragraph()
        elif isinstance(block, Fields):
            colon = " : " if doc.lang == "fr" else ": "
            for label, value in block.rows:
                p = out.add_paragraph()
                p.paragraph_format.space_after = Pt(2)
                p.add_run(f"{label}{colon}").bold = True
                _runs(p, value)
        elif isinstance(block, Address):
            p = out.add_paragraph()
            for i, line in enumerate(block.lines):
                run = p.add_run(line)
                if i < len(block.lines) - 1:
                    run.add_break()
        elif isinstance(block, Signature):
            for i, label in enumerate(block.labels):
                out.add_paragraph()
                p = out.add_paragraph("_" * 40)
                if i == 0 and block.name:
                    p.add_run().add_break()
                    p.add_run(block.name).bold = True
                p.add_run().add_break()
                r = p.add_run(label)
                r.font.size = Pt(8.5)
                r.font.color.rgb = MUTED
    if doc.disclaimer:
        p = out.add_paragraph()
        r = p.add_run(doc.disclaimer)
        r.font.size = Pt(8)
        r.font.color.rgb = MUTED
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
