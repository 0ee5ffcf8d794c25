"""Route handlers of this domain, mounted under /v1 by api.routes."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

from api.datasets.controller import DatasetController
from api.datasets.downloads import DownloadController
from api.datasets.xlsx import xlsx_download

ROUTES: list[ControllerRouterHandler] = [DatasetController, DownloadController, xlsx_download]
