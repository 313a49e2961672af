"""Liveness for the container orchestrator: the process answers HTTP.

Answered by the first middleware, before host validation and the HTTPS redirect, because the orchestrator
asks over plain HTTP on the container's own address. (Readiness checks come with the operations work.)
"""

from django.http import HttpResponse

LIVENESS_PATH = "/health/live"


class LivenessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == LIVENESS_PATH:
            return HttpResponse("ok", content_type="text/plain", headers={"Cache-Control": "no-store"})
        return self.get_response(request)
