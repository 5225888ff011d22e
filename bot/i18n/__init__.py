"""Gettext catalogs: extraction from the domain, loading, and status."""
