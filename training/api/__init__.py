"""
The training app's REST API: the public course catalogue, batches, enrolments with their
progress, and the administrators' participant import. Rules come from ``training.permissions``
and every change goes through ``training.services``.
"""
