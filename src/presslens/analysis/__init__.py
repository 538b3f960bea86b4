"""The analysis layer: every measure of one article, from the structured article data.

Reads :mod:`presslens.model` articles (made by :mod:`presslens.ingest`) and returns tidy
tables. :func:`analyze_article` runs every measure once; the corpus store and the reports
both call it, so a number means the same thing everywhere.
"""

from presslens.analysis.engine import ArticleAnalysis, Lexicons, analyze_article, load_lexicons

__all__ = ["ArticleAnalysis", "Lexicons", "analyze_article", "load_lexicons"]
