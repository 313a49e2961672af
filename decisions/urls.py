"""Proposal pages: for the people of a project and for staff. Each views module declares its own urlpatterns."""

from .views import audit, exports, results, staff, tenant

urlpatterns = tenant.urlpatterns + staff.urlpatterns + results.urlpatterns + audit.urlpatterns + exports.urlpatterns
