"""Who may read, post, answer officially and moderate in a discussion (a project's or a complex's).

A project's threads are for its households, its assigned contractors and its corporation's staff
(projects.permissions.project_role). A complex's threads are for the households living there and the
corporation's staff; contractors work on projects, not on complexes. Everyone else sees nothing, not even
that a thread exists (404).
"""

from projects.permissions import ProjectRole, project_role

from .models import PostingSuspension


def discussion_role(viewer, *, project=None, complex=None):
    if project is not None:
        return project_role(viewer, project)
    if not viewer.is_authenticated:
        return ProjectRole.PUBLIC
    if viewer.is_staff_of(complex.corporation_id):
        return ProjectRole.STAFF
    if viewer.household is not None and viewer.household.dwelling.complex_id == complex.pk:
        return ProjectRole.HOUSEHOLD
    return ProjectRole.PUBLIC


def thread_role(viewer, thread):
    return discussion_role(viewer, project=thread.project, complex=thread.complex)


def may_read(role):
    return role >= ProjectRole.HOUSEHOLD


def may_answer_officially(role):
    return role >= ProjectRole.CONTRACTOR


def may_moderate(role):
    return role == ProjectRole.STAFF


def active_suspension(user, corporation_id):
    """The member's current posting suspension in this corporation's discussions, if any."""
    if user is None or not user.is_authenticated:
        return None
    return (
        PostingSuspension.objects.filter(user=user, corporation_id=corporation_id, lifted_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
