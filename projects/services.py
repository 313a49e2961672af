"""Writes on projects other than appointments: phases, updates, documents, commitments, choices.

Each function checks what the data demands, writes in one transaction and emits an event for the
notifications and live subscribers. Permission checks belong to the caller (views, admin), which knows who asks.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renovatie.events import emit

from .models import (
    PHASES_NEEDING_REASON,
    Commitment,
    Document,
    HomeChoice,
    PhaseChange,
    RenovationProject,
    Update,
    UpdatePhoto,
)
from .uploads import check_document, check_image


@transaction.atomic
def record_start(project, *, by):
    """A new project's first phase goes into its history like every later change, so the timeline has a start."""
    change = PhaseChange.objects.create(project=project, from_phase="", to_phase=project.phase, changed_by=by)
    emit("project.started", project=project, actor=by, change=change)
    return change


@transaction.atomic
def change_phase(project, to_phase, *, by, reason=""):
    """Move a project to another phase, recording who, when and why. Pausing or cancelling needs a reason."""
    project = RenovationProject.objects.select_for_update().get(pk=project.pk)
    reason = reason.strip()
    if to_phase in PHASES_NEEDING_REASON and not reason:
        raise ValidationError(_("Say why the project is paused or cancelled; the corporation counts these."))
    if to_phase == project.phase:
        raise ValidationError(_("The project is already in this phase."))
    change = PhaseChange.objects.create(
        project=project, from_phase=project.phase, to_phase=to_phase, reason=reason, changed_by=by
    )
    project.phase = to_phase
    project.phase_reason = reason if to_phase in PHASES_NEEDING_REASON else ""
    project.save(update_fields=["phase", "phase_reason"])
    emit("project.phase_changed", project=project, actor=by, change=change)
    return project


@transaction.atomic
def post_update(project, *, author, organisation, title, body, photos=()):
    """Publish news on a project. `photos` are (uploaded file, description) pairs, each checked by content."""
    for upload, description in photos:
        check_image(upload)
        if not description.strip():
            raise ValidationError(_("Describe every photo for people who cannot see it."))
    update = Update.objects.create(project=project, author=author, organisation=organisation, title=title, body=body)
    for upload, description in photos:
        UpdatePhoto.objects.create(update=update, image=upload, description=description.strip())
    emit("update.posted", project=project, actor=author, update=update)
    return update


@transaction.atomic
def add_document(project, *, uploaded_by, title, upload, visibility):
    content_type = check_document(upload)
    document = Document.objects.create(
        project=project,
        title=title,
        file=upload,
        content_type=content_type,
        size=upload.size,
        visibility=visibility,
        uploaded_by=uploaded_by,
    )
    emit("document.added", project=project, actor=uploaded_by, document=document)
    return document


@transaction.atomic
def record_commitment(project, *, title, description, owner, organisation, due_on, by):
    commitment = Commitment.objects.create(
        project=project, title=title, description=description, owner=owner, organisation=organisation, due_on=due_on
    )
    emit("commitment.recorded", project=project, actor=by, commitment=commitment)
    return commitment


@transaction.atomic
def resolve_commitment(commitment, *, status, note, by):
    """Mark a promise kept or broken, with what was done. Tenants see the note."""
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if status not in (Commitment.Status.KEPT, Commitment.Status.BROKEN):
        raise ValidationError(_("A commitment is either kept or broken."))
    if commitment.status != Commitment.Status.OPEN:
        raise ValidationError(_("This commitment was already resolved."))
    if not note.strip():
        raise ValidationError(_("Say what was done, so tenants can see it."))
    commitment.status = status
    commitment.resolved_on = timezone.localdate()
    commitment.resolution_note = note.strip()
    commitment.save(update_fields=["status", "resolved_on", "resolution_note"])
    emit(f"commitment.{status}", project=commitment.project, actor=by, commitment=commitment)
    return commitment


@transaction.atomic
def make_choice(home_choice, option, *, by):
    """A household picks an option for its home, until the deadline."""
    home_choice = HomeChoice.objects.select_for_update().select_related("topic").get(pk=home_choice.pk)
    if option.topic_id != home_choice.topic_id:
        raise ValidationError(_("Please pick one of the options shown."))
    if home_choice.topic.deadline < timezone.localdate():
        raise ValidationError(_("The deadline for this choice has passed. Contact your resident coach."))
    home_choice.option = option
    home_choice.decided_at = timezone.now()
    home_choice.decided_by = by
    home_choice.save(update_fields=["option", "decided_at", "decided_by"])
    emit("choice.made", project=home_choice.topic.project, actor=by, home_choice=home_choice)
    return home_choice
