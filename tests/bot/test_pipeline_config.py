from pathlib import Path

from rasa.engine.recipes.recipe import Recipe
from rasa.shared.data import TrainingType
from rasa.shared.importers.importer import TrainingDataImporter

ROOT = Path(__file__).resolve().parents[2]


def test_project_config_builds_a_training_graph_with_our_components():
    importer = TrainingDataImporter.load_from_config(str(ROOT / "config.yml"), str(ROOT / "domain.yml"), [str(ROOT / "data")])
    config = importer.get_config()
    recipe = Recipe.recipe_for_name(config.get("recipe"))
    graph = recipe.graph_config_for_recipe(config, {}, training_type=TrainingType.BOTH)
    trained = {node.uses.__name__ for node in graph.train_schema.nodes.values()}
    predicting = {node.uses.__name__ for node in graph.predict_schema.nodes.values()}
    assert {"VietnameseTokenizer", "DIETClassifier"} <= trained
    assert {"VietnameseTokenizer", "DIETClassifier", "FallbackClassifier", "InputGuard"} <= predicting
