"""Benchmarks of Bimtek (issue 13): scripts that print figures; see ``bench/README.md``."""
