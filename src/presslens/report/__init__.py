"""The report layer: charts, the annotated article, notebook helpers, rendering to HTML and PDF.

Reads analysis results (and, for the comparison report, the corpus store); nothing below
this layer imports it.
"""
