"""Blame and vagueness checks for postmortem text (Qt-free; see detector.py)."""

from clearsight.language.detector import Detector
from clearsight.language.findings import Finding, is_blame
from clearsight.language.text import sentences

__all__ = ["Detector", "Finding", "is_blame", "sentences"]
