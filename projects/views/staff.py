"""Project pages for staffs. (Filled by the projects issue.)"""

urlpatterns = []
