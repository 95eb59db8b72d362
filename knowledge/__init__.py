"""Procedure knowledge: the catalog, the national-portal importer, search and answers.

A domain package: it imports no channel, no action and nothing from Rasa.
"""
