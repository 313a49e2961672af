from .permissions import viewer_for


def viewer(request):
    """Templates ask `viewer.is_staff` and friends; the answer is computed once per request, when first asked."""
    from django.utils.functional import SimpleLazyObject

    return {"viewer": SimpleLazyObject(lambda: viewer_for(request))}
