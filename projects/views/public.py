"""Project pages for publics. (Filled by the projects issue.)"""

urlpatterns = []
