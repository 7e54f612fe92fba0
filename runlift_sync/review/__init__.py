"""The week's review page: one offline HTML file with the week, its reasons and its charts.

`review_file.write_review` is the entry point (the CLI, the nightly flow and the demo call
it): `review_data` reads the warehouse (the I/O edge), `page` builds the HTML from that data
with the charts of `charts` (inline SVG drawn by `svg`) and the templates in `templates/`.
"""
