"""Poll pages: for the people of a project and for staff. Each views module declares its own urlpatterns."""

from .views import staff, tenant

urlpatterns = tenant.urlpatterns + staff.urlpatterns
