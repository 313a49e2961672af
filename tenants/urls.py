from django.urls import path

from .views import activation, letters, start

urlpatterns = [
    path("", start.home, name="home"),
    path("mijn-renovatie/", start.my_renovation, name="my_renovation"),
    path("aannemer/", start.contractor_start, name="contractor_start"),
    path("beheer/", start.staff_start, name="staff_start"),
    path("beheer/complexen/<int:complex_id>/brieven/", letters.invitation_letters, name="invitation_letters"),
    path("activeren/", activation.activate, name="activate"),
    path("activeren/account/", activation.activate_account, name="activate_account"),
]
