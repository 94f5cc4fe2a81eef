"""The look of the PDF record: fonts, user text as safe markup, paragraph and table styles.

DejaVu Sans ships with the app (resources/fonts/), so accents, Greek and Cyrillic print the
same on every machine. It has no CJK glyphs and no free CJK font is small enough to bundle,
so runs of CJK text use a TrueType CJK font of the system when there is one; without one
they print as DejaVu's empty boxes rather than failing the export.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor, white
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import LongTable, Table, TableStyle

from clearsight.resources_access import resource

# Our own names, so another part of the app registering "DejaVuSans" cannot clash with ours.
REGULAR = "ClearsightSans"
BOLD = "ClearsightSans-Bold"
CJK = "ClearsightCJK"

# reportlab reads TrueType outlines only (CFF fonts such as Noto Sans CJK raise TTFError),
# so these are tried first; fc-list adds whatever else the system has.
CJK_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/msgothic.ttc",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
)

CJK_RUN = re.compile(
    "[\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff"
    "\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]+"
)
# Control characters other than newline and tab have no glyph and upset the markup parser.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


@functools.cache
def register() -> None:
    """Registers DejaVu Sans once per process, with <b> mapped to its bold face."""
    for name, filename in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        data = resource("fonts", filename).read_bytes()
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )


@functools.cache
def cjk_font() -> str | None:
    """The registered name of a CJK fallback font, or None when the system has none."""
    for path in _cjk_files():
        try:
            pdfmetrics.registerFont(TTFont(CJK, path))
        except Exception:  # an unreadable or CFF font just means: try the next one
            continue
        return CJK
    return None


def _cjk_files() -> list[str]:
    found = list(CJK_CANDIDATES)
    fc_list = shutil.which("fc-list")
    if fc_list:
        try:
            out = subprocess.run(
                [fc_list, ":lang=zh", "file"], capture_output=True, text=True, timeout=10
            ).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        # Sorted: the same system always picks the same font, so the same PDF bytes.
        found += sorted(line.strip().rstrip(":") for line in out.splitlines() if line.strip())
    return [p for p in found if p.lower().endswith((".ttf", ".ttc")) and _exists(p)]


def _exists(path: str) -> bool:
    try:
        with open(path, "rb"):
            return True
    except OSError:
        return False


def has_cjk(text: str) -> bool:
    return CJK_RUN.search(text) is not None


def font_for(text: str, bold: bool = False) -> str:
    """The font to draw ``text`` with in a drawing (one font per string there)."""
    if has_cjk(text) and (fallback := cjk_font()):
        return fallback
    return BOLD if bold else REGULAR


def plain(text: str | None) -> str:
    """User text without the characters no font can show; newlines kept."""
    raw = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return CONTROL.sub("", raw)


def markup(text: str | None) -> str:
    """User text as Paragraph markup: tags and entities print literally, newlines break lines."""
    clean = plain(text)
    out, last = [], 0
    fallback = cjk_font() if has_cjk(clean) else None
    for run in CJK_RUN.finditer(clean) if fallback else ():
        out.append(_escaped(clean[last : run.start()]))
        out.append(f'<font face="{fallback}">{_escaped(run.group())}</font>')
        last = run.end()
    out.append(_escaped(clean[last:]))
    return "".join(out)


def _escaped(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


INK_HEX = "#202124"
MUTED = "#5f6368"  # a hex string: it goes into <font color="..."> markup as well
RULE = HexColor("#c4c7cc")
HEAD_FILL = HexColor("#e8eaed")


def _styles() -> dict[str, ParagraphStyle]:
    ink, muted = HexColor(INK_HEX), HexColor(MUTED)
    # bulletFontName defaults to Helvetica, which has no arrows and no Greek.
    base = ParagraphStyle(
        "base", fontName=REGULAR, bulletFontName=REGULAR, fontSize=9, leading=12.5, textColor=ink
    )

    def style(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "kicker": style("kicker", fontName=BOLD, fontSize=7.5, leading=10, textColor=muted),
        "title": style("title", fontName=BOLD, fontSize=17, leading=21, spaceAfter=8),
        "badge": style(
            "badge", fontName=BOLD, fontSize=10, leading=12, textColor=white, alignment=TA_CENTER
        ),
        "band": style("band", fontSize=8.5, leading=11),
        "h2": style(
            "h2",
            fontName=BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=14,
            spaceAfter=5,
            keepWithNext=1,
        ),
        "h3": style(
            "h3",
            fontName=BOLD,
            fontSize=9.5,
            leading=12,
            spaceBefore=7,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "body": style("body", spaceAfter=4),
        "cell": style("cell", fontSize=8, leading=10),
        "cell_bold": style("cell_bold", fontName=BOLD, fontSize=8, leading=10),
        "th": style("th", fontName=BOLD, fontSize=8, leading=10),
        "label": style("label", fontName=BOLD, fontSize=8, leading=10, textColor=muted),
        "note": style("note", fontSize=7.5, leading=9.5, textColor=muted, spaceBefore=3),
        "none": style("none", fontSize=8.5, leading=11, textColor=muted),
        "warning": style(
            "warning", fontSize=8.5, leading=11, textColor=HexColor("#b3261e"), spaceBefore=3
        ),
        "bullet": style("bullet", leftIndent=12, bulletIndent=2, spaceAfter=2),
        "digest": style("digest", fontName=BOLD, fontSize=9, leading=12),
        "factor": style("factor", leftIndent=24, firstLineIndent=-24, spaceAfter=1),
        "factor_note": style(
            "factor_note", fontSize=7.5, leading=9.5, textColor=muted, leftIndent=24, spaceAfter=4
        ),
    }


STYLE = _styles()


def why_style(depth: int) -> ParagraphStyle:
    """An answer's paragraph, indented by its depth (capped, so deep chains stay on the page)."""
    return _why_style(min(depth, 12))


# One style per depth, shared by every answer at it: Para keeps what plain text becomes in a
# style per style object, which a new style per answer would throw away each time.
@functools.cache
def _why_style(depth: int) -> ParagraphStyle:
    return ParagraphStyle(
        f"why{depth}",
        parent=STYLE["cell"],
        fontSize=8.5,
        leading=11,
        bulletFontSize=8.5,
        leftIndent=16 + 14 * depth,
        bulletIndent=4 + 14 * depth,
        spaceAfter=2,
    )


def table(
    rows: list[list[Any]],
    widths: list[float],
    header: bool = True,
    grid: bool = True,
    long: bool = False,
) -> Table:
    """A table in the record's look; a header row repeats on every page it runs over."""
    made = (LongTable if long else Table)(
        rows,
        colWidths=widths,
        repeatRows=1 if header else 0,
        hAlign="LEFT",
        # A cell taller than a page (a pasted log) splits across pages instead of failing the
        # export with a LayoutError; rows still break between rows whenever they can.
        splitInRow=24,
    )
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("LEADING", (0, 0), (-1, -1), 10),
        ("TEXTCOLOR", (0, 0), (-1, -1), HexColor(INK_HEX)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if grid:
        style += [
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL))
    made.setStyle(TableStyle(style))
    return made
