"""The admin for renovation projects, scoped like the rest of the staff admin to the staff member's corporation.

Every projects model is here, each list, form choice and permission narrowed by tenants.admin's scoping. What must
be recorded with who and when does not happen by editing a field: a project's phase is read-only (it changes on
the project's staff dashboard, through services.change_phase), a commitment is resolved there too, appointments
change on the contractor's and tenant's pages (which log each change), and the logs themselves are read-only.
Additions that have a service (updates, documents, commitments) go through it, so uploads are checked by content
and the events are emitted.

The moving allowance rate is one dated amount for the whole country, not a corporation's: every staff member may
look at the rates, only project leads and superusers add or change one (it changes the amount owed in every
project), and only a superuser deletes one (past reference dates still need it).
"""

from . import homes, news, project, visits  # noqa: F401  (each registers its models)
