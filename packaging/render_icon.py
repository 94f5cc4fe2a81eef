"""Draws the app's SVG icon as a square PNG: python render_icon.py ICON.svg SIZE OUT.png

Used by build_bundle.sh --install for the hicolor sizes that resources/icons has no PNG of.
Run with QT_QPA_PLATFORM=offscreen where there is no screen.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer


def main(svg: str, size: int, out: str) -> int:
    _app = QGuiApplication([])  # QPainter on a QImage needs one for font and image plugins
    renderer = QSvgRenderer(svg)
    if not renderer.isValid():
        print(f"render_icon.py: {svg}: not a readable SVG", file=sys.stderr)
        return 1
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(out, "PNG"):
        print(f"render_icon.py: could not write {out}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4 or not sys.argv[2].isdigit():
        print(__doc__.splitlines()[0], file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
