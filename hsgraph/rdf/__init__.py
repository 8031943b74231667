"""RDF side of the pipeline: vocabulary, graph building, stores and validation."""
