"""Pages of the advice app; each views module declares its own urlpatterns."""

urlpatterns = []
