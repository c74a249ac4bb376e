"""What changed between two versions of one monograph, in a reviewer's words: "brand Revonto added".

The comparison reads the validated source data, not the outputs: a list item
is matched by what names it (a form's id, a brand's or a side effect's name,
an advice's topic), so a reordered list is no change and a renamed item is one
removed and one added. Each change carries its field path (list items add no
segment, as in docs/fields.md), which says where it lands in each format.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

SECTION_NOUNS = {
    "ingredients": "ingredient", "brands": "brand", "forms": "dose form", "indications": "indication",
    "dosing": "dosing instruction", "monitoring": "monitoring test", "missed_dose": "missed-dose instruction",
    "side_effects": "side effect", "precautions": "precaution", "advice": "advice", "storage": "storage instruction",
    "overdose": "overdose instruction", "citations": "citation", "symptoms": "symptom", "classes": "drug class",
    "supply": "supply status", "programs": "programme", "strengths": "strength", "interactants": "interactant",
    "concepts": "condition",
}
"""The noun for one item of each list, as a reviewer would say it."""

FIELD_WORDS = {"boxed_warning": "boxed warning", "last_reviewed": "last reviewed", "reviewed_by": "reviewer",
               "generic_name": "generic name", "side_effects": "side effects", "fully_understood": "fully understood"}

_SHORT = 80


@dataclass(frozen=True)
class Change:
    path: str
    """The field's dotted path, as in docs/fields.md (``side_effects.items.frequency``)."""
    words: str
    """The change as a reviewer reads it."""


def _label(key: str) -> str:
    return FIELD_WORDS.get(key, key.replace("_", " "))


def _quote(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        text = " ".join(value.split())
        return f"'{text}'" if len(text) <= _SHORT else f"'{text[:_SHORT - 3].rstrip()}...'"
    if isinstance(value, dict) and "amount" in value and "unit" in value:
        return f"{value['amount']} {value['unit']}"
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return ", ".join(str(v) for v in value)
    return "a new value"


def item_name(item: Any) -> str | None:
    """What names a list item: its id, name, topic or test; for a precaution its kind and text."""
    if not isinstance(item, dict):
        return None
    for key in ("name", "id", "topic", "test", "heading"):  # a heading names one of several boxed warnings
        if isinstance(item.get(key), str):
            return item[key]
    if isinstance(item.get("kind"), str) and isinstance(item.get("text"), str):
        return f"({item['kind']}) {_quote(item['text'])}"
    if isinstance(item.get("text"), str):
        return _quote(item["text"])
    return None


class _Names:
    """Form ids as the reader knows them (their names), for 'now applies to Capsule only'."""

    def __init__(self, data: dict[str, Any]) -> None:
        forms = data.get("forms", {}).get("items", []) if isinstance(data.get("forms"), dict) else []
        self.forms: dict[str, str] = {f["id"]: str(f.get("name", f["id"])) for f in forms if isinstance(f, dict) and "id" in f}

    def scope(self, ids: Any) -> str:
        names = [self.forms.get(str(i), str(i)) for i in ids] if isinstance(ids, list) else []
        return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change from ``old`` to ``new`` (two valid documents), top-level fields in the schema's order."""
    old, new = _same_shape(old, new, "boxed_warning")
    return list(_mapping(old, new, "", "", "", _Names(new)))


def _same_shape(old: dict[str, Any], new: dict[str, Any], key: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A field that takes one mapping or a list of them, as a list on both sides when one side gives a list: a
    second boxed warning is one added, not the warning replaced."""
    if isinstance(old.get(key), dict) and isinstance(new.get(key), list):
        old = {**old, key: [old[key]]}
    elif isinstance(old.get(key), list) and isinstance(new.get(key), dict):
        new = {**new, key: [new[key]]}
    return old, new


def _mapping(old: dict[str, Any], new: dict[str, Any], path: str, label: str, outer: str,
             names: _Names) -> Iterator[Change]:
    """``label`` names the mapping itself ("boxed warning", "brand Revonto"); ``outer``, what holds it."""
    for key in list(old) + [k for k in new if k not in old]:
        if key == "schema_version":
            continue
        child = f"{path}.{key}" if path else key
        before, after = _as_lists(old.get(key), new.get(key))
        if key == "items":
            yield from _list(before, after, SECTION_NOUNS.get(path.rsplit(".", 1)[-1], "item"), child,
                             label, outer, names)
        elif _is_list_of_items(key, before if key in old else after):
            noun = SECTION_NOUNS.get(key, _label(key).removesuffix("s"))
            yield from _list(before, after, noun, child, f"{label} {_label(key)}".strip(), label, names)
        else:
            yield from _value(before, after, key, child, f"{label} {_label(key)}".strip(), label, names)


def _as_lists(old: Any, new: Any) -> tuple[Any, Any]:
    """A field that takes one item or a list of them (a form's route) compared as two lists when it changed shape, so
    a second route reads 'route intramuscular added', not as a new value."""
    if isinstance(old, dict) and isinstance(new, list):
        return [old], new
    if isinstance(old, list) and isinstance(new, dict):
        return old, [new]
    return old, new


def _is_list_of_items(key: str, value: Any) -> bool:
    return isinstance(value, list) and (key in SECTION_NOUNS or bool(value) and all(isinstance(v, dict) for v in value))


def _value(old: Any, new: Any, key: str, path: str, label: str, owner: str, names: _Names) -> Iterator[Change]:
    if old == new:
        return
    if key == "applies_to":
        scope = "every form and brand" if new is None else f"{names.scope(new)} only"
        yield Change(path, f"{owner.removesuffix(':')} now applies to {scope}")
    elif old is None:
        yield Change(path, f"{label} added" + ("" if isinstance(new, dict | list) else f": {_quote(new)}"))
    elif new is None:
        yield Change(path, f"{label} removed")
    elif isinstance(old, dict) and isinstance(new, dict):
        yield from _mapping(old, new, path, label, owner, names)
    elif isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > _SHORT:
        yield Change(path, f"{label} reworded: now {_quote(new)}")
    elif key == "forms" and isinstance(old, list) and isinstance(new, list):
        yield Change(path, f"{label} now {names.scope(new)} (was {names.scope(old)})")
    else:
        yield Change(path, f"{label} now {_quote(new)} (was {_quote(old)})")


def _by_name(items: Any) -> dict[str, Any] | None:
    """The items keyed by what names them, or None when some item has no name or two share one."""
    if not isinstance(items, list):
        return {} if items is None else None
    keyed = {item_name(item): item for item in items}
    return None if None in keyed or len(keyed) != len(items) else keyed  # type: ignore[return-value]


def _list(old: Any, new: Any, noun: str, path: str, label: str, outer: str, names: _Names) -> Iterator[Change]:
    before, after = _by_name(old), _by_name(new)
    if before is None or after is None:  # items that nothing names: the list as a whole
        yield from _value(old, new, path.rsplit(".", 1)[-1], path, label, outer, names)
        return
    for name in before:
        if name not in after:
            yield Change(path, f"{outer} {noun} {name} removed".strip())
    for name, item in after.items():
        if name not in before:
            yield Change(path, f"{outer} {noun} {name} added".strip())
        elif before[name] != item:
            own = f"{outer} {noun} {name}".strip()
            if isinstance(item, dict) and isinstance(before[name], dict):
                yield from _mapping(before[name], item, path, own + ":", outer, names)  # "brand X: forms ..."
            else:
                yield Change(path, f"{own} changed")
