from knowledge.catalog import Catalog
from knowledge.search import ProcedureSearch


def test_an_unchanged_catalog_is_indexed_again_from_the_cache(mini_catalog, embedder, tmp_path):
    first = ProcedureSearch(mini_catalog, embedder, tmp_path)
    files = sorted(path.name for path in tmp_path.iterdir())
    assert any(name.startswith("text-index-") for name in files)
    assert any(name.startswith("embeddings-") for name in files)
    second = ProcedureSearch(mini_catalog, embedder, tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == files
    question = "làm hộ chiếu cần giấy tờ gì"
    assert first.search(question) == second.search(question)


def test_a_changed_catalog_gets_a_new_index(mini_catalog, embedder, tmp_path):
    ProcedureSearch(mini_catalog, embedder, tmp_path)
    smaller = Catalog(list(mini_catalog)[:-1])
    search = ProcedureSearch(smaller, embedder, tmp_path)
    assert len([p for p in tmp_path.iterdir() if p.name.startswith("text-index-")]) == 2
    assert all(hit.code != "1.001612" for hit in search.search("đăng ký hộ kinh doanh").hits)


def test_a_damaged_cache_file_is_rebuilt(mini_catalog, tmp_path):
    ProcedureSearch(mini_catalog, None, tmp_path)
    for path in tmp_path.glob("text-index-*"):
        path.write_bytes(b"not a pickle")
    assert ProcedureSearch(mini_catalog, None, tmp_path).search("lam giay khai sinh").hits[0].code == "1.001193"


def test_a_passage_that_comes_twice_is_embedded_once(embedder, tmp_path):
    from knowledge.dense import EmbeddingCache

    embedded: list[str] = []

    class Counting:
        name = embedder.name

        def passages(self, texts):
            embedded.extend(texts)
            return embedder.passages(texts)

    vectors = EmbeddingCache(tmp_path, embedder.name).embed(["Đăng ký khai sinh", "Cấp hộ chiếu", "Đăng ký khai sinh"], Counting())
    assert sorted(embedded) == ["Cấp hộ chiếu", "Đăng ký khai sinh"]
    assert (vectors[0] == vectors[2]).all() and vectors.shape[0] == 3
