"""Entity recognition: gazetteers and suffix rules propose mentions, resolve settles overlaps."""
