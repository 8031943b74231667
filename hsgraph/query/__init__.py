"""SPARQL queries on an Oxigraph store, and the bundled questions in ``questions/``."""
from .run import (bundled_queries, bundled_query, prepare_query, render_table, run_query,  # noqa: F401
                  substitute_params)
