"""The page of each agenda key. Pages past the first few are imported when first built: the
review view is built a page a turn (see opening.py), and launch.warm_up loads them ahead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clearsight.ui.flags.review_flags import ReviewFlags
from clearsight.ui.pages.base import Page
from clearsight.ui.pages.details import DetailsPage
from clearsight.ui.pages.lessons import LessonsPage
from clearsight.ui.pages.summary import SummaryPage
from clearsight.ui.timeline.page import TimelinePage

if TYPE_CHECKING:
    from clearsight.ui.editing.session import ReviewSession
    from clearsight.ui.shell.review_view import ReviewView


def make_page(key: str, session: ReviewSession, flags: ReviewFlags, view: ReviewView) -> Page:
    if key == "details":
        return DetailsPage(session)
    if key == "summary":
        return SummaryPage(session, flags)
    if key == "lessons":
        return LessonsPage(session, flags)
    if key == "timeline":
        return TimelinePage(session, flags)
    if key == "signoff":
        from clearsight.ui.signoff.page import SignoffPage

        return SignoffPage(session, flags, view)
    if key == "ground_rules":
        from clearsight.ui.pages.ground_rules import GroundRulesPage

        return GroundRulesPage(session)
    if key == "factors":
        from clearsight.ui.factors.page import FactorsPage

        return FactorsPage(session, flags)
    if key == "actions":
        from clearsight.ui.actions.page import ActionsPage

        return ActionsPage(session, flags)
    if key == "prior_actions":
        from clearsight.ui.actions.prior_page import PriorActionsPage

        return PriorActionsPage(session)
    if key == "whys":
        from clearsight.ui.whys.page import WhysPage

        return WhysPage(session, flags)
    raise ValueError(f"no page for the agenda's {key!r}")
