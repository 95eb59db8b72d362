"""Handing a conversation to an officer: who answers it (bot, waiting, officer), the queue of each
office, office hours, the summary the officer reads first, and the transcript. No channel, no Rasa."""
