"""The offline engine: deterministic readers for each qualification criterion."""
