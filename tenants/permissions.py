"""Who may see what: one place, used by views, the admin, templates and consumers.

A request's `Viewer` is computed once (one small query, two if the user came without their profile) and answers
every question about that person's
roles, so a list page never asks per row. Corporation staff and project leads see everything of their own
corporation; contractors see what their organisation is assigned to; tenants see their own household.
"""

from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied

from .models import Corporation, Household, Membership, TenantProfile, User

STAFF_ROLES = {Membership.Role.STAFF, Membership.Role.PROJECT_LEAD}


@dataclass(frozen=True)
class Viewer:
    user: object = None
    household: Household | None = None
    staff_corporation_ids: frozenset = field(default_factory=frozenset)
    lead_corporation_ids: frozenset = field(default_factory=frozenset)
    contractor_organisation_ids: frozenset = field(default_factory=frozenset)
    representative_corporation_ids: frozenset = field(default_factory=frozenset)

    @property
    def is_authenticated(self):
        return self.user is not None and self.user.is_authenticated

    @property
    def is_staff(self):
        """Staff of some corporation; a superuser always, even before the first corporation exists."""
        return bool(self.staff_corporation_ids) or bool(self.user is not None and self.user.is_superuser)

    @property
    def is_contractor(self):
        return bool(self.contractor_organisation_ids)

    @property
    def is_tenant(self):
        return self.household is not None

    @property
    def is_representative(self):
        return bool(self.representative_corporation_ids)

    @property
    def corporation_id(self):
        """The tenant's own corporation, through their home."""
        return self.household.dwelling.complex.corporation_id if self.household else None

    def is_staff_of(self, corporation_id):
        return corporation_id in self.staff_corporation_ids

    def may_manage_complex(self, complex_):
        return self.is_staff_of(complex_.corporation_id)

    def may_see_household(self, household):
        if self.household is not None and household.pk == self.household.pk:
            return True
        return self.is_staff_of(household.dwelling.complex.corporation_id)


ANONYMOUS = Viewer()


def viewer_for_user(user):
    """Everything about what `user` is, from one or two queries. Superusers count as staff of every corporation."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    profile = _current_profile(user)
    roles = {role: set() for role in Membership.Role}
    contractor_orgs = set()
    for role, corporation_id, organisation_id in Membership.objects.filter(user=user).values_list(
        "role", "organisation__corporation_id", "organisation_id"
    ):
        roles[role].add(corporation_id)
        if role == Membership.Role.CONTRACTOR:
            contractor_orgs.add(organisation_id)
    staff = roles[Membership.Role.STAFF] | roles[Membership.Role.PROJECT_LEAD]
    if user.is_superuser:
        staff |= set(Corporation.objects.values_list("pk", flat=True))
    return Viewer(
        user=user,
        household=profile.household if profile else None,
        staff_corporation_ids=frozenset(staff),
        lead_corporation_ids=frozenset(roles[Membership.Role.PROJECT_LEAD]),
        contractor_organisation_ids=frozenset(contractor_orgs),
        representative_corporation_ids=frozenset(roles[Membership.Role.TENANT_REPRESENTATIVE]),
    )


def _current_profile(user):
    """The user's tenant profile while their household lives here; free when tenants.backends loaded it."""
    if not _loaded_with_home(user):
        return (
            TenantProfile.objects.select_related("household__dwelling__complex")
            .filter(user=user, household__ended_on__isnull=True)
            .first()
        )
    try:
        profile = user.tenant_profile
    except ObjectDoesNotExist:
        return None
    return profile if profile.household is None or profile.household.ended_on is None else None


def _loaded_with_home(user):
    """Whether the user came with their profile, household, dwelling and complex (as tenants.backends loads them)."""
    if not User.tenant_profile.related.is_cached(user):
        return False
    try:
        profile = user.tenant_profile  # from the cache: no query
    except ObjectDoesNotExist:
        return True
    chain = profile
    for name in ("household", "dwelling", "complex"):
        field = type(chain)._meta.get_field(name)
        if getattr(chain, field.attname) is None:
            return True
        if not field.is_cached(chain):
            return False
        chain = getattr(chain, name)
    return True


def viewer_for(request):
    """The request's Viewer, computed on first use and kept for the rest of the request."""
    if not hasattr(request, "_viewer"):
        request._viewer = viewer_for_user(getattr(request, "user", None))
    return request._viewer


def role_required(test):
    """View decorator: anonymous visitors go to the login page; signed-in people without the role get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            viewer = viewer_for(request)
            if not viewer.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not test(viewer):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


staff_required = role_required(lambda viewer: viewer.is_staff)
tenant_required = role_required(lambda viewer: viewer.is_tenant)
contractor_required = role_required(lambda viewer: viewer.is_contractor)
