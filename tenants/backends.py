"""The signed-in user, loaded per request with their tenant profile and home in the same query.

Every page asks who the viewer is (tenants.permissions.viewer_for_user): with the profile joined here that costs
one query less on every page a tenant, contractor or staff member opens (the benchmark's pages, README).
Allauth's backend still does the signing in (e-mail login, its rate limits); only the per-request load differs.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model

WITH_HOME = "tenant_profile__household__dwelling__complex"


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        user = get_user_model()._default_manager.select_related(WITH_HOME).filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
