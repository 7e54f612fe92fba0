"""The week's review page: one offline HTML file with the week, its reasons and its charts.

`review_file.write_review` (and `review_week`, which picks and plans the week) is the entry
point: the CLI, the nightly flow and the demo call it. `review_data` reads the warehouse (the
I/O edge); `page` builds the HTML from that data — `week_table`, `legs_calendar`, and the
charts of `load_charts`, `strength_charts`, `wellness_charts` and `compliance_chart`
(`figures` for what they share, `svg` for the drawing, `projection` for the planned week's
load) — with the templates in `templates/`.
"""
