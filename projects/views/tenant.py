"""Project pages for tenants. (Filled by the projects issue.)"""

urlpatterns = []
