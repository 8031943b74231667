"""hsgraph: knowledge graphs of counties, enterprises, projects, policies and
industries from Chinese regional-economy news.

Data flows one way: articles → mentions → entities → relations → RDF →
query / export / view.
"""
__version__ = "0.1.0"
