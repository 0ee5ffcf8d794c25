"""Rendering a page: the template, the language, the links that keep it, the security headers.

    return page(request, "dataset.html", dataset=ds, rows=rows)

Every page gets ``t`` (the translator), ``lang`` and ``link(path, **query)``, which keeps
``lang=en`` and drops empty parameters. Jinja autoescapes every value, so text from a
government page is shown as text; the Content-Security-Policy forbids inline scripts and
styles and any request to another origin, so even a value that slipped through could
neither run nor call out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from litestar import Request
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Template
from litestar.template import TemplateConfig

from api.datasets.exports import format_number
from web.i18n import Lang, labeller, parse_lang, translator

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-cache",
}


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    return TemplateConfig(directory=TEMPLATES, engine=JinjaTemplateEngine)


def request_lang(request: Request[Any, Any, Any]) -> Lang:
    return parse_lang(request.query_params.get("lang"))


def make_link(lang: Lang) -> Any:
    def link(path: str, /, **query: Any) -> str:
        params = {k: v for k, v in query.items() if v not in (None, "")}
        if lang == "en":
            params["lang"] = "en"
        return f"{path}?{urlencode(params)}" if params else path

    return link


def when(value: dt.datetime | str | None, never: str = "") -> str:
    """A time as people read it (UTC, minutes): ``2024-03-11 08:00 UTC``."""
    if value is None:
        return never
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return str(value)
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return value.strftime("%Y-%m-%d %H:%M UTC")


def page(
    request: Request[Any, Any, Any], template: str, *, status_code: int = 200, **context: Any
) -> Template:
    lang = request_lang(request)
    t = translator(lang)
    others = {k: v for k, v in request.query_params.items() if k != "lang"}
    if lang == "zh":
        others["lang"] = "en"
    context.update(
        lang=lang,
        t=t,
        label=labeller(lang),
        other_lang=f"{request.url.path}?{urlencode(others)}" if others else request.url.path,
        link=make_link(lang),
        here=request.url.path,
        when=when,
        fmt=format_number,
    )
    return Template(
        template_name=template,
        context=context,
        headers=SECURITY_HEADERS,
        status_code=status_code,
    )
