"""Parameter types of the pages (declared, so Litestar needs no guessing)::

async def dataset(self, slug: PathText, year: QueryText = None) -> Template: ...
"""

from __future__ import annotations

from typing import Annotated

from litestar.params import Parameter

PathText = Annotated[str, Parameter()]
PathNumber = Annotated[int, Parameter()]
QueryText = Annotated[str | None, Parameter()]
QueryNumber = Annotated[int | None, Parameter()]
RequiredText = Annotated[str, Parameter()]
