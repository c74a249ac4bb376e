"""The walk the content rules share: one per document, its pointers made only for a finding, named as before."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from monograph.problems import join_pointer
from monograph.rules import CheckContext, placeholder_text, range_upside_down
from monograph.rules.walk import DocumentWalk, document_walk
from support import TODAY, baclofen_data


def nodes_with_pointers(data: Any) -> Iterator[tuple[str, Any]]:
    """Every node with its JSON pointer, parents before children: the eager walk the rules made before, as the reference."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        pointer, node = stack.pop()
        yield pointer, node
        if isinstance(node, dict):
            stack.extend((join_pointer(pointer, key), value) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend((join_pointer(pointer, index), value) for index, value in enumerate(node))


def test_each_node_has_the_pointer_the_eager_walk_gave_it() -> None:
    data = baclofen_data()
    data["odd/key~name"] = [{"a/b": [[{"~": "deep"}]]}, "x"]
    walk = DocumentWalk(data)
    assert [(walk.pointer(at), node) for at, node in enumerate(walk.nodes)] == list(nodes_with_pointers(data))
    assert "/odd~1key~0name/0/a~1b/0/0/~0" in {walk.pointer(at) for at in walk.strings}


def test_one_context_walks_each_document_it_is_given() -> None:
    context = CheckContext("baclofen", TODAY)
    first, second = {"a": {"min": 3, "max": 1}}, {"b": [{"low": 2, "high": 1}]}
    assert [p for p, _ in range_upside_down.check(first, context)] == ["/a/min"]
    assert [p for p, _ in range_upside_down.check(second, context)] == ["/b/0/low"]
    assert document_walk(second, context) is document_walk(second, context)


def test_a_home_page_deep_in_a_list_is_found_beside_real_label_addresses() -> None:
    data = baclofen_data()
    label = "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=abc"
    data["citations"] = [{"url": label}, {"url": label}, {"url": "  https://DailyMed.nlm.nih.gov/dailymed/index.cfm\n"}]
    found = [p for p, _ in placeholder_text.check(data, CheckContext("baclofen", TODAY))]
    assert found == ["/citations/2/url"]
