"""An indicator series drawn as server-side SVG: actuals as a line, targets as markers.

    chart = series_chart(observations)
    chart.points   # one Point per (year, kind), with x/y in the SVG's coordinates
    chart.path     # the polyline of the actuals ("x,y x,y ...")

No script and no inline style: the template writes the SVG from these numbers with
presentation attributes, and every point is a link to the clause it was read from.
When a year has several values of one kind (the same figure restated in later reports),
the chart shows the last one read and the table below it shows them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from api.observations.schemas import ObservationOut

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 72, 16, 16, 40


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    observation: ObservationOut


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    actuals: list[Point]
    targets: list[Point]
    path: str
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    baseline: float


def _label(value: float) -> str:
    text = f"{value:.4g}"
    return text if "e" not in text else f"{value:,.0f}"


def series_chart(observations: Sequence[ObservationOut]) -> Chart | None:
    """The chart of ``observations`` (one indicator, area and measure); None when empty."""
    last: dict[tuple[str, str], ObservationOut] = {}
    for o in observations:
        if o.time_period:
            last[(o.time_period, o.obs_kind)] = o
    if not last:
        return None
    years = sorted({year for year, _ in last})
    values = [o.obs_value for o in last.values()]
    low, high = min(0.0, *values), max(0.0, *values)
    if low == high:
        high = low + 1
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_w / max(len(years) - 1, 1)

    def x(year: str) -> float:
        if len(years) == 1:
            return LEFT + inner_w / 2
        return round(LEFT + years.index(year) * step, 1)

    def y(value: float) -> float:
        return round(TOP + (high - value) / (high - low) * inner_h, 1)

    actuals = [
        Point(x(yr), y(o.obs_value), o) for (yr, k), o in sorted(last.items()) if k != "target"
    ]
    targets = [
        Point(x(yr), y(o.obs_value), o) for (yr, k), o in sorted(last.items()) if k == "target"
    ]
    ticks = [low + (high - low) * i / 4 for i in range(5)]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        actuals=actuals,
        targets=targets,
        path=" ".join(f"{p.x},{p.y}" for p in actuals),
        x_ticks=[Tick(x(yr), yr) for yr in years],
        y_ticks=[Tick(y(v), _label(v)) for v in ticks],
        baseline=y(0.0),
    )
