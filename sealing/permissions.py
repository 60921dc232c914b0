"""Who may see and do what with motions to seal. Built on ``filings.access``.

- Court staff (clerks and judges) see every motion and the court's side of it
  (standards, findings, recommendations, notes); only clerks change anything.
- Counsel of record in the case see the motion, its items and its state, never
  the court's working notes; the rulings once the motion is decided. Counsel for
  a movant may open a motion and list its items while it is lodged.
- Anyone else is told the motion does not exist (404).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from filings import access
from filings.access import User
from filings.models import Case
from sealing.models import DECIDED_STATES, MotionState, MotionToSeal

# Once the court has ruled, the rulings are part of the public order.
RULINGS_PUBLIC_STATES = frozenset(
    {MotionState.DECIDED, MotionState.REDACTIONS_DUE, MotionState.CLOSED}
)


def can_triage(user: User) -> bool:
    """Record standards, findings, recommendations, rulings; move the state."""
    return access.is_clerk(user)


def sees_court_work(user: User) -> bool:
    return access.is_court_staff(user)


def can_view_motion(user: User, motion: MotionToSeal) -> bool:
    return access.is_court_staff(user) or access.is_counsel(user, motion.case_id)


def can_see_rulings(user: User, motion: MotionToSeal) -> bool:
    return sees_court_work(user) or motion.state in RULINGS_PUBLIC_STATES


def represents_movant(user: User, motion: MotionToSeal) -> bool:
    """Counsel of record for one of the movants."""
    if not user.is_authenticated:
        return False
    movant_ids = {party.pk for party in motion.movants.all()}
    return (
        user.appearances.active()
        .filter(case_id=motion.case_id, party_id__in=movant_ids)
        .exists()
    )


def can_list_items(user: User, motion: MotionToSeal) -> bool:
    """Add items from a pasted list: the clerk, or the movant's counsel while lodged;
    nobody once the order is entered (its items are as the judge ruled on them)."""
    if motion.state in DECIDED_STATES:
        return False
    if can_triage(user):
        return True
    return motion.state == MotionState.LODGED and represents_movant(user, motion)


def can_open_motion(user: User, case: Case) -> bool:
    return access.is_clerk(user) or access.is_counsel(user, case)


def get_motion_or_404(request: HttpRequest, pk: int) -> MotionToSeal:
    try:
        motion = MotionToSeal.objects.select_related(
            "case__court", "case__assigned_judge", "entry", "designating_party"
        ).get(pk=pk)
    except MotionToSeal.DoesNotExist:
        raise Http404("No such motion.") from None
    if not can_view_motion(request.user, motion):
        raise Http404("No such motion.")
    return motion


def queue_for(user: User) -> QuerySet[MotionToSeal]:
    """The motions a user's queue lists.

    Clerks: every motion. Judges: the motions in cases assigned to them. Attorneys:
    the motions in their cases where a party they represent moves or designated the
    material. Everyone else: none.
    """
    motions = MotionToSeal.objects.all()
    if access.is_clerk(user):
        return motions
    if access.is_judge(user):
        return motions.filter(case__assigned_judge__user=user)
    case_ids = access.counsel_case_ids(user)
    if not case_ids:
        return motions.none()
    represented = user.appearances.active().values("party_id")
    # A subquery rather than a join on movants: no duplicate rows, so no DISTINCT,
    # and the queue can page on primary keys alone.
    moved = MotionToSeal.movants.through.objects.filter(party_id__in=represented)
    return motions.filter(
        Q(pk__in=moved.values("motiontoseal_id"))
        | Q(designating_party__in=represented),
        case_id__in=case_ids,
    )
