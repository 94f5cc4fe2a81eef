"""Clearsight: runs blameless postmortem review meetings."""

__version__ = "0.1.0"
APP_ID = "org.clearsight.Clearsight"
APP_NAME = "Clearsight"
