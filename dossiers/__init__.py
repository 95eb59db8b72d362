"""Dossiers (hồ sơ) handed in at a one-stop desk or online: codes, status lookup and notifications.

A domain package: it imports no channel, no action and nothing from Rasa.
"""
