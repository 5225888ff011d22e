"""Routers of the staff pages, one per resource."""
