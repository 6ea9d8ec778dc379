"""What one audience does next, by when, and whom it asks: the block an audience page opens with.

Worked out on the build date, from the reader's side: a learner needs the call while it is open
and the next two or three dated steps that concern them, not the coordinator's whole checklist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.project import Audience, Call, Contact, ContactRole, Partner, PartnerRole, Project, Status
from .timeline import TimelineRow

NEXT_STEPS = 3  # enough to plan a month, few enough to read at a glance

# Whom each audience asks, by the partner's role, in order of preference: the school for its own
# learners and their employers; the host side for the companies abroad.
ASKS = {
    Audience.LEARNERS: (PartnerRole.SENDING,),
    Audience.SENDING_COMPANIES: (PartnerRole.SENDING,),
    Audience.HOST_PARTNER: (PartnerRole.SENDING,),
    Audience.HOST_COMPANIES: (PartnerRole.INTERMEDIARY, PartnerRole.HOST, PartnerRole.SENDING),
    Audience.FUNDERS_AND_PUBLIC: (PartnerRole.SENDING,),
}
# Who answers questions first: the mentor, else the office; an emergency line is for emergencies.
CONTACT_ORDER = (ContactRole.MENTOR, ContactRole.ADMINISTRATIVE)
# The audiences a call speaks to: they apply, or let their apprentices apply.
CALL_AUDIENCES = (Audience.LEARNERS, Audience.SENDING_COMPANIES)


@dataclass(frozen=True)
class NextForReader:
    completed: bool
    call: Call | None  # a call still to come or open, for the audiences that apply
    steps: list[TimelineRow]
    contact: tuple[Partner, Contact] | None


def next_for_reader(project: Project, audience: Audience, rows: list[TimelineRow], today: dt.date) -> NextForReader:
    """`rows`: the audience's steps, in the timeline's order."""
    call = project.current_call(today) if audience in CALL_AUDIENCES else None
    if call is not None and call.state(today) == "closed":
        call = None
    coming = sorted((row for row in rows if row.pending and row.date and (row.end or row.date) >= today),
                    key=lambda row: row.date or today)
    return NextForReader(project.status(today) == Status.COMPLETED, call, coming[:NEXT_STEPS], contact_for(project, audience))


def contact_for(project: Project, audience: Audience) -> tuple[Partner, Contact] | None:
    """The person a reader of this audience asks: of the first partner role that has one, the
    mentor, else the administrative contact."""
    for role in ASKS[audience]:
        for contact_role in CONTACT_ORDER:
            for partner in project.partners:
                if partner.role != role:
                    continue
                contact = next((contact for contact in partner.contacts if contact.role == contact_role), None)
                if contact is not None:
                    return partner, contact
    return None
