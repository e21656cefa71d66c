"""Oversight (DESIGN §6): the dashboard, statistics for the office and the public, the register
of reported civil servants and the export of the queue."""
