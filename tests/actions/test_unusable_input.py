import pytest

from actions.unusable_input import ActionUnusableInput
from tests.actions.conftest import make_tracker


@pytest.mark.parametrize(
    ("problem", "response"),
    [("empty", "utter_input_empty"), ("symbols", "utter_input_symbols"), ("foreign", "utter_input_foreign"),
     ("attachment", "utter_input_attachment"), ("too_long", "utter_input_too_long")],
)
def test_each_problem_has_its_reply(dispatcher, problem, response):
    text = "x" * 10_000 if problem == "too_long" else ""
    entities = [{"entity": "input_problem", "value": problem}]
    ActionUnusableInput().run(dispatcher, make_tracker(text, "unusable_input", entities), {})
    message = dispatcher.messages[0]
    assert message["response"] == response
    if problem == "too_long":
        assert message["length"] == "10.000" and message["limit"] == "1.500"
