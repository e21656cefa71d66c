"""Incidents: the many reports of one post, grouped (DESIGN §6)."""
