"""Health probes for the reverse proxy, the container orchestrator and the operator.

- `/health/live`: liveness, the process answers HTTP. It checks nothing else on purpose: restarting a web process
  does not fix a database that is down, so an outage of a dependency must not make the orchestrator kill every
  web process. Docker's restart policy and the liveness probe of an orchestrator use this one.
- `/health/ready`: readiness, the process can serve requests now (renovatie.readiness checks PostgreSQL, the
  Redis cache and channel layer, and the Celery broker). 200 with a JSON body per check, or 503 naming the
  failed ones. The compose health check of `web`, and a load balancer deciding where to send traffic, use this.

Both are answered by the first middleware, before host validation and the HTTPS redirect, because the probes ask
over plain HTTP on the container's own address.
"""

from django.http import HttpResponse, JsonResponse

from renovatie.readiness import run_checks

LIVENESS_PATH = "/health/live"
READINESS_PATH = "/health/ready"
NO_STORE = {"Cache-Control": "no-store"}


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == LIVENESS_PATH:
            return HttpResponse("ok", content_type="text/plain", headers=NO_STORE)
        if request.path == READINESS_PATH:
            return readiness()
        return self.get_response(request)


def readiness():
    checks = run_checks()
    failed = sorted(name for name, result in checks.items() if not result["ok"])
    body = {"status": "fail" if failed else "ok", "failed": failed, "checks": checks}
    return JsonResponse(body, status=503 if failed else 200, headers=NO_STORE)
