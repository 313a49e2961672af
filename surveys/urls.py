"""Pages of the surveys app; each views module declares its own urlpatterns."""

from .views import staff, tenant

urlpatterns = tenant.urlpatterns + staff.urlpatterns
