"""Declarations (tờ khai) filled in conversation: forms as data, checks, drafts, the printed PDF.

A domain package: it imports no channel, no action and nothing of Rasa.
"""
