"""``/docs``: interactive API documentation (Swagger UI) over ``/schema/openapi.json``.

Swagger UI is served from the copy vendored in ``web/static/vendor/swagger-ui-dist``
(pinned from npm, with its licence), so the page works offline and fetches nothing from
another origin; ``/schema`` and ``/schema/swagger`` use the same files (see
:mod:`api.openapi`). The page's own start-up code is a static file too, so its
Content-Security-Policy allows no inline script.
"""

from __future__ import annotations

from litestar import MediaType, Response, get

OPENAPI_JSON_PATH = "/schema/openapi.json"
SWAGGER_UI = "/static/vendor/swagger-ui-dist"
FAVICON = "/static/favicon.svg"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)

_PAGE = f"""<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Gongkai API</title>
    <link rel="icon" href="{FAVICON}" type="image/svg+xml">
    <link rel="stylesheet" href="{SWAGGER_UI}/swagger-ui.css">
  </head>
  <body>
    <noscript>
      The interactive documentation needs JavaScript. The OpenAPI document itself is at
      <a href="{OPENAPI_JSON_PATH}">{OPENAPI_JSON_PATH}</a>.
    </noscript>
    <main id="swagger-ui" data-url="{OPENAPI_JSON_PATH}"></main>
    <script src="{SWAGGER_UI}/swagger-ui-bundle.js"></script>
    <script src="/static/docs.js"></script>
  </body>
</html>
"""


@get("/docs", include_in_schema=False, media_type=MediaType.HTML, sync_to_thread=False)
def docs() -> Response[str]:
    # Swagger UI sets style attributes from script, hence 'unsafe-inline' for styles only.
    return Response(
        _PAGE,
        media_type=MediaType.HTML,
        headers={"Cache-Control": "public, max-age=300", "Content-Security-Policy": CSP},
    )
