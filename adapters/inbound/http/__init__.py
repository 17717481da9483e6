"""The aiohttp REST adapter: routes, schemas, middlewares and the OpenAPI docs."""
