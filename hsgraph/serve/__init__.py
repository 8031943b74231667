"""``hsgraph serve``: a read-only SPARQL 1.1 Protocol endpoint over one graph.

``app`` builds the Starlette application, ``answer`` runs a query through
``hsgraph.query.run`` (so the endpoint refuses exactly what ``hsgraph query``
refuses) and shapes the result for the media type a client asked for.
"""
