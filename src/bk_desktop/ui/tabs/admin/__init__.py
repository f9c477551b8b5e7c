"""Pengaturan: where the school, its service standard, security, accounts and backups are
set up (the school's settings record is ``domain/settings.py``; these are its pages)."""
