"""Who is someone in a project: one answer per request and project, used by every project page and consumer.

Builds on tenants.permissions.Viewer. A household belongs to a project when its home is in one of the
project's complexes; a contractor when its organisation is assigned; staff when the project is their
corporation's. Everything else sees the public page only.
"""

import enum

from tenants.permissions import Viewer


class ProjectRole(enum.IntEnum):
    PUBLIC = 0
    HOUSEHOLD = 1
    CONTRACTOR = 2
    STAFF = 3


def project_role(viewer: Viewer, project) -> ProjectRole:
    """The strongest role `viewer` has in `project` (at most one query: the project's complexes or contractors)."""
    if not viewer.is_authenticated:
        return ProjectRole.PUBLIC
    if viewer.is_staff_of(project.corporation_id):
        return ProjectRole.STAFF
    if viewer.is_contractor and _ids(project, "contractors") & viewer.contractor_organisation_ids:
        return ProjectRole.CONTRACTOR
    if viewer.household is not None and viewer.household.dwelling.complex_id in _ids(project, "complexes"):
        return ProjectRole.HOUSEHOLD
    return ProjectRole.PUBLIC


def _ids(project, relation):
    """Primary keys of a many-to-many relation, from the prefetch cache when the caller prefetched it."""
    cache = getattr(project, "_prefetched_objects_cache", {})
    if relation in cache:
        return {obj.pk for obj in cache[relation]}
    return set(getattr(project, relation).values_list("pk", flat=True))
