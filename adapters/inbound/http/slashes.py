"""Both forms of every path: the other one (with or without the trailing slash) redirects.

The FastAPI version redirected `/api/v1/backtests/` to `/api/v1/backtests` and `/api/v1/users`
to `/api/v1/users/`. Here each route's other form is a route of its own, for the same methods,
answering `308 Permanent Redirect` (the method and body are kept) to the route's own form with
the query string. Being routes, they get CORS preflights like any other, so a browser can
follow the redirect. They need no token: a redirect says nothing about anyone's data, and an
unauthenticated request is redirected first and refused at the route's own form.
"""

from __future__ import annotations

from aiohttp import web

from adapters.inbound.http.auth_middleware import public


@public
async def to_own_form(request: web.Request) -> web.Response:
    target = other_form(request.rel_url.raw_path)
    query = request.rel_url.raw_query_string
    return web.Response(status=308, headers={"Location": f"{target}?{query}" if query else target})


def other_form(path: str) -> str:
    return path.removesuffix("/") if path.endswith("/") else f"{path}/"


def add_slash_aliases(app: web.Application) -> list[web.AbstractResource]:
    """Adds the other form of each route's path (static files and `/` excepted)."""
    router = app.router
    taken = {resource.canonical for resource in router.resources()}
    added: list[web.AbstractResource] = []
    for resource in list(router.resources()):
        if not isinstance(resource, web.Resource) or resource.canonical == "/":
            continue
        alias_path = other_form(resource.canonical)
        if alias_path in taken:
            continue
        alias = router.add_resource(alias_path)
        for method in sorted({route.method for route in resource}):
            alias.add_route(method, to_own_form)
        added.append(alias)
    return added
