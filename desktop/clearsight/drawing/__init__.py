"""Geometry of the review's drawings, Qt-free: the window paints it and the PDF export too."""
