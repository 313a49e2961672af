"""Pages of the advice app: for staff, and the committee's workspace. Each views module declares its urlpatterns."""

from .views import committee, staff

urlpatterns = staff.urlpatterns + committee.urlpatterns
