"""``/docs``: interactive API documentation (Scalar) over ``/schema/openapi.json``."""

from __future__ import annotations

from litestar import MediaType, Response, get

OPENAPI_JSON_PATH = "/schema/openapi.json"

_PAGE = f"""<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Gongkai API</title>
  </head>
  <body>
    <noscript>
      The interactive documentation needs JavaScript. The OpenAPI document itself is at
      <a href="{OPENAPI_JSON_PATH}">{OPENAPI_JSON_PATH}</a>.
    </noscript>
    <script id="api-reference" data-url="{OPENAPI_JSON_PATH}"></script>
    <script src="https://cdn.jsdelivr.net/npm/@scalar/api-reference" crossorigin></script>
  </body>
</html>
"""


@get("/docs", include_in_schema=False, media_type=MediaType.HTML, sync_to_thread=False)
def docs() -> Response[str]:
    return Response(
        _PAGE, media_type=MediaType.HTML, headers={"Cache-Control": "public, max-age=300"}
    )
