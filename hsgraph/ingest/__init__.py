"""Reading articles: bytes → text → repaired layout → sentences."""
