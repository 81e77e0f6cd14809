"""Benchmarks: ``python -m benchmarks`` (or ``make bench``) writes benchmarks/results.json and
benchmarks/results.md. Each figure is a ratio against a naive baseline run in the same process on
the same machine, with medians of repeated runs."""
