"""newsetl: the nightly news-intelligence pipeline."""
