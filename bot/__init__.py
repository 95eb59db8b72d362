"""Custom Rasa NLU components and Rasa-side plumbing (runs in Rasa's Python 3.10 environment).

Modules here may import Rasa, underthesea and the pure-Python ``vntext`` package, nothing else
from the project.
"""
