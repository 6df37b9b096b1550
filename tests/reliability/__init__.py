"""Fault tests against the real services: a killed worker, a stopped broker, a failing render."""
