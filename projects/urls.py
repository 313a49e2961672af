"""Project pages: public, for tenants of the project, for its contractors and for staff. Each views module
declares its own urlpatterns; they are joined here."""

from .views import contractor, public, staff, tenant

urlpatterns = public.urlpatterns + tenant.urlpatterns + contractor.urlpatterns + staff.urlpatterns
