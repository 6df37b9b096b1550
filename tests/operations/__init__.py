"""Tests of the operations app: health check, backup and restore."""
