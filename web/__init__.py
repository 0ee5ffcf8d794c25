"""Gongkai's pages for journalists: server-rendered HTML over the API's service layer.

    from web import pages_router, static_router, template_config
    Litestar(route_handlers=[pages_router(), static_router(), ...],
             template_config=template_config())

Chinese first (``?lang=en`` for English labels); no request leaves the server (CSS, JS
and the documentation UI are vendored under ``web/static``); every value from a
government page is escaped and the pages' Content-Security-Policy allows no inline script.
"""

from web.render import template_config
from web.routes import pages_router, static_router

__all__ = ["pages_router", "static_router", "template_config"]
