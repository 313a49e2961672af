"""Project pages for contractors. (Filled by the projects issue.)"""

urlpatterns = []
