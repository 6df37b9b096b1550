"""
Admin reports and dashboard figures of the training app: enrolments and progress,
assessment results, evaluation results. Certificate counts and the JP ledger, which need
certificate numbers, live in ``certificates.reports``.
"""
