"""One number across the years (/v1/series), the indicator catalog (/v1/indicators) and
the scorecard of targets met and missed (/v1/scorecard)."""
