"""Evaluation of cited answers: gold sets, metrics, baselines, reports, the `rag eval` command.

See evals/README.md. This package imports ``rag``; ``rag`` never imports it.
"""
