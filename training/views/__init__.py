"""Participant-facing views of the training app, one module per area."""
