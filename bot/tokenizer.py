"""Rasa tokenizer for Vietnamese: underthesea word segmentation over normalised text.

Each token's ``text`` is the normalised word (lower case, abbreviations expanded, syllables joined
by "_": "căn_cước"); its ``lemma`` is the same word without diacritics ("can_cuoc"), which the
count-vector featurizers read by default, so "lam can cuoc" and "làm căn cước" share features.
``start``/``end`` always point into the message as typed.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.segmentation import segment


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class VietnameseTokenizer(Tokenizer):
    """Word tokenizer using ``underthesea.word_tokenize`` and the shared ``vntext`` normaliser."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
            # Expand abbreviations and chat spellings (cccd, ko, dc, j, z, ...) before segmenting.
            "normalize": True,
            # Lemma without diacritics, read by featurizers that use lemmas.
            "fold_lemma": True,
            # Longer messages are read up to this many characters.
            "max_characters": 2000,
        }

    @staticmethod
    def supported_languages() -> Optional[List[Text]]:
        return ["vi"]

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "VietnameseTokenizer":
        return cls(config)

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        text = message.get(attribute) or ""
        pieces = segment(
            text,
            normalise=self._config["normalize"],
            max_characters=self._config["max_characters"],
        )
        if not pieces:
            # Like Rasa's own tokenizers: a message of nothing readable is one token.
            return [Token(text, 0, len(text))]
        tokens = [
            Token(piece.text, piece.start, piece.end, lemma=piece.folded if self._config["fold_lemma"] else piece.text)
            for piece in pieces
        ]
        return self._apply_token_pattern(tokens)
