"""The case workflow (DESIGN §2): the only code that changes `Case.status`.

Every change goes through `_act`: it locks the case row (with a duplicate's primary, in id
order), checks the official's permission and the state graph (the FSM transitions on `Case`),
applies the action's own changes, saves with the optimistic status check of
ConcurrentTransitionMixin, writes a timeline event, and queues the reporter's email to run after
commit. Two officials acting at once: one wins, the other gets `Conflict`.

The officials' actions are described once, in `actions.ACTIONS`; `perform` runs any of them.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed

from .. import permissions, tasks, timeline
from ..errors import Conflict, Invalid, NotAllowed
from ..models import Case, CaseEvent, RejectionReason
from . import deadlines, duplicates, selectors
from .actions import ACTIONS, Action, Step

# Events that change nothing an official decides on: they never make an open page stale.
LOOKS = [
    Action.IDENTITY_VIEWED,
    Action.ORIGINAL_DOWNLOADED,
    Action.IDENTITY_ERASED,
    Action.ORIGINAL_ERASED,
    Action.AGENCY_REMINDED,
    Action.INCIDENT_JOINED,  # the grouping changes, the case does not
    Action.INCIDENT_SPLIT,
    Action.INCIDENT_MERGED,
]


@dataclass(frozen=True)
class Outcome:
    case: Case
    event: CaseEvent


def perform(
    action: str, *, case: Case, by, note: str = "", internal_note: str = "", seen_event: int | None = None, **fields
) -> Outcome:
    """Take an official's action on a case: `note` is public, `internal_note` for officials only.

    `seen_event` is the last event the official's page showed: a change of status since then is
    a Conflict, so nobody acts on a case they have not seen as it is. `fields` are the action's
    own (a rejection's reason, a classification, the agencies to forward to).
    """
    spec = ACTIONS.get(action)
    if spec is None:
        raise Invalid(_("Tindakan tidak dikenal: %(action)s") % {"action": action})
    if spec.note_required and not note.strip():
        raise Invalid.on_field("note", str(spec.note_required))
    if fields and spec.plan is None:
        raise TypeError(f"{action} takes no fields: {sorted(fields)}")
    step = spec.plan(case=case, by=by, **fields) if spec.plan else Step()
    return _act(
        case=case,
        action=spec.name,
        transition=spec.transition,
        permission=spec.permission,
        by=by,
        step=step,
        public_note=note,
        internal_note=internal_note,
        seen_event=seen_event,
    )


def reply(*, case: Case, text: str) -> Outcome:
    """Record the reporter's answer and return the case to review (no official acts)."""
    outcome = _act(
        case=case,
        action=Action.REPLY,
        transition="resume",
        internal_note=text,  # the answer may name people: officials only
    )
    transaction.on_commit(lambda: tasks.notify_assignee_of_reply.delay(event_id=outcome.event.pk))
    return outcome


def expire(*, case: Case) -> Outcome:
    """Reject a case whose reporter did not answer by the deadline."""

    def record(current: Case) -> None:
        current.rejection_reason = RejectionReason.NO_RESPONSE

    return _act(case=case, action=Action.EXPIRE, transition="expire", step=Step(apply=record))


def link_duplicate(*, case: Case, primary: Case, by=None, note: str = "") -> Outcome:
    """Link a report of an incident to the incident's primary as its duplicate (`by` None: on
    arrival, the primary being verified already). The reporter is told, and follows the primary."""

    def record(current: Case) -> None:
        if duplicates.leads_to(primary.pk, current.pk):
            raise duplicates.cycle_error(primary)
        current.rejection_reason = RejectionReason.DUPLICATE
        current.duplicate_of = primary

    default = _("Laporan ini tentang unggahan yang sama dengan laporan %(ticket)s; penanganannya diikuti di sana.")
    return _act(
        case=case,
        action=Action.LINK_DUPLICATE,
        transition="link_duplicate",
        permission=permissions.TRIAGE,
        by=by,
        step=Step(apply=record, also_lock=primary.pk, default_note=default % {"ticket": primary.ticket}),
        public_note=note,
    )


def expire_unanswered() -> int:
    """Reject every case whose reporter left a question unanswered past its deadline (by beat)."""
    expired = 0
    for case in selectors.case_list_needs_info_expired():
        try:
            expire(case=case)
        except Conflict:
            continue  # answered or resumed meanwhile
        expired += 1
    return expired


def _act(
    *,
    case: Case,
    action: str,
    transition: str,
    permission: str | None = None,
    by=None,
    step: Step = Step(),  # noqa: B008 (frozen, so shared safely)
    public_note: str = "",
    internal_note: str = "",
    seen_event: int | None = None,
) -> Outcome:
    """Run one transition; see the module docstring. `by` is None for the reporter or the system.

    `step.also_lock` is another case the action depends on (a duplicate's primary): both rows
    are locked in id order, so two officials acting on the pair wait for each other, never deadlock.
    """
    with transaction.atomic():
        if step.also_lock is not None:
            rows = Case.objects.select_for_update().filter(pk__in=[case.pk, step.also_lock]).order_by("pk")
            list(rows.values("pk"))
        current = Case.objects.select_for_update(of=("self",)).select_related("election", "assignee").get(pk=case.pk)
        if by is not None and (
            not permissions.has(by, permission) or permissions.four_eyes_blocks(current, by, action)
        ):
            raise NotAllowed(_("Peran Anda tidak boleh melakukan tindakan ini."))
        # Any change makes an open page stale (a reclassification, an agency's outcome included);
        # a look at the identity or a download does not, nor an erasure at the end of retention.
        if seen_event is not None and current.events.filter(pk__gt=seen_event).exclude(action__in=LOOKS).exists():
            raise Conflict(_("Kasus ini telah berubah sejak Anda membukanya. Periksa riwayat terbaru, lalu ulangi."))
        move = getattr(current, transition)
        if not can_proceed(move):
            raise Conflict(
                _("Tindakan ini tidak dapat dilakukan: status kasus sekarang %(status)s.")
                % {"status": current.get_status_display()}
            )
        if by is not None and permissions.claimed_by_another(current, by, permission):
            raise NotAllowed(
                _("Kasus ini ditangani %(official)s; hanya petugas itu atau koordinator yang dapat melanjutkannya.")
                % {"official": current.assignee.get_full_name() or current.assignee.username}
            )
        from_status = current.status
        audit = step.apply(current) if step.apply else None
        move()
        if by is not None and current.first_action_at is None:
            current.first_action_at = timezone.now()  # the office's response time counts to here
        if current.status in (Case.Status.CLOSED, Case.Status.REJECTED):
            current.ended_at = timezone.now()  # retention counts from here
        current.deadline = deadlines.deadline_for(current, entered_on=timezone.localdate())
        try:
            current.save()
        except ConcurrentTransition:
            raise Conflict(_("Petugas lain baru saja mengubah kasus ini. Muat ulang halaman.")) from None
        event = timeline.transitioned(
            case=current,
            action=action,
            by=by,
            from_status=from_status,
            public_note=public_note or step.default_note,
            internal_note="\n".join(note for note in (audit, internal_note) if note),
        )
        transaction.on_commit(lambda: tasks.notify_reporter_of_status.delay(event_id=event.pk))
    return Outcome(case=current, event=event)
