# The words drawn on images: the salary chart, the careers compared, the roadmap timeline.
# Guide text quoted in an image (titles, careers, a stage's own name) is drawn as written; the
# amounts are written as the text answers write them.

## The salary chart (one career's guides)

chart-salary-title = Salary ranges by level ({ $code } per year)
chart-salary-title-level = Salary ranges: { $level } ({ $code } per year)
chart-salary-key-bars = Bars: each guide's range (◆ a single figure)
chart-salary-key-band = Shaded: lowest–highest across guides
chart-salary-key-median = Dark line: median of midpoints
chart-salary-key-open = ▶ and +: open-ended
chart-salary-not-drawn = Not drawn: the figures in { $currencies } (one currency per axis)
chart-axis-thousands = Thousand { $code } per year
chart-level-range = { $range }, median { $median }
chart-level-sources = { $count ->
    [one] { $count } source
   *[other] { $count } sources
}

## The careers side by side

chart-compare-title = Salaries by career and level ({ $code } per year)
chart-compare-title-level = { $level } salaries by career ({ $code } per year)
chart-compare-key-bars = Bars: lowest–highest across each career's guides
chart-compare-key-median = Dark line and figure: median of midpoints
chart-compare-key-open = ▲: open-ended
chart-compare-not-drawn = Not drawn (not per year, in another currency, or overall): { $items }
# A career left out of the chart: in another currency; a level of it stated per month or hour;
# a level that is no group of the chart (overall).
chart-left-out-currency = { $career } (in { $code })
chart-left-out-period = { $career } — { $level } ({ $period })
chart-left-out-level = { $career } — { $level }
chart-period-year = per year
chart-period-month = per month
chart-period-hour = per hour

## The roadmap timeline

timeline-title = { $career }: career timeline
timeline-key-start = Bars start at the earliest year the guides allow
timeline-key-tail = Light tail: how much longer a stage may take
timeline-key-open = ▶ open-ended
timeline-key-hatched = Hatched: no time given
timeline-axis = Years from the start of the career
# The stage a bar is at, under its name: $stage is junior, mid, senior or lead, or "none" for
# the time to qualify before the first job.
timeline-stage = { $stage ->
    [junior] Junior stage
    [mid] Mid-level stage
    [senior] Senior stage
    [lead] Lead stage
   *[none] Before the first job
}
