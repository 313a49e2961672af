"""allauth adapter: nobody signs up openly. Tenants join with the code from their letter (tenants.views)."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False
