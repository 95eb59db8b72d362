"""rasa-sdk actions: thin translators between Rasa's tracker and the domain packages.

rasa-sdk imports every module of this package; each module holds one action (or one family).
"""

from privacy import masking

masking.install()  # the action server's log lines never carry ID card or phone numbers, nor tokens
