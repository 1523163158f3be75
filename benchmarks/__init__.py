"""Benchmarks that print figures: extraction accuracy (``python -m benchmarks.accuracy``) and speed."""
