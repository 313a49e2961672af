"""For the benchmark only: with QUERY_COUNT_HEADER=1 every response says how many SQL queries it took.

The header `X-Query-Count` lets the load generator report queries per request for each page, measured on the
running server instead of guessed. Off by default; the cost when on is one counter per query.
"""

from django.db import connection


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counting(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counting):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response
